package com.devicecreds.reporting.export;

import java.io.IOException;
import java.io.Writer;

/**
 * A buffer in front of a writer without the lock that {@link java.io.BufferedWriter} takes on every
 * call. POI writes a sheet's XML in many tiny pieces from one thread; with a locking buffer the
 * locking costs more than the writing (profiled: the largest share of a million-row export).
 */
final class UnsynchronizedWriter extends Writer {

    private final Writer out;
    private final char[] buffer = new char[64 * 1024];
    private int used;

    UnsynchronizedWriter(Writer out) {
        this.out = out;
    }

    @Override
    public void write(int c) throws IOException {
        if (used == buffer.length) {
            flushBuffer();
        }
        buffer[used++] = (char) c;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws IOException {
        if (length > buffer.length - used) {
            flushBuffer();
            if (length > buffer.length) {
                out.write(chars, offset, length);
                return;
            }
        }
        System.arraycopy(chars, offset, buffer, used, length);
        used += length;
    }

    @Override
    public void write(String s, int offset, int length) throws IOException {
        if (length > buffer.length - used) {
            flushBuffer();
            if (length > buffer.length) {
                out.write(s, offset, length);
                return;
            }
        }
        s.getChars(offset, offset + length, buffer, used);
        used += length;
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flushBuffer();
        out.close();
    }

    private void flushBuffer() throws IOException {
        if (used > 0) {
            out.write(buffer, 0, used);
            used = 0;
        }
    }
}
