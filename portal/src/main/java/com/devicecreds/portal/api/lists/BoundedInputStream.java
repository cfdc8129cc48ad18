package com.devicecreds.portal.api.lists;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/** An input stream that throws the given exception once more than {@code max} bytes have been read from it. */
final class BoundedInputStream extends FilterInputStream {

    private final long max;
    private final Supplier<? extends RuntimeException> overflow;
    private long read;

    BoundedInputStream(InputStream in, long max, Supplier<? extends RuntimeException> overflow) {
        super(in);
        this.max = max;
        this.overflow = overflow;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > max) {
            throw overflow.get();
        }
    }
}
