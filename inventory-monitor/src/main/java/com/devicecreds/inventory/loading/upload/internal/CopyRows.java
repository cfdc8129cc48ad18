package com.devicecreds.inventory.loading.upload.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** Rows in COPY's text format, escaped, written to the server in large chunks. */
final class CopyRows implements AutoCloseable {

    private static final int FLUSH_AT = 1 << 20;

    private final CopyIn copy;
    private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(FLUSH_AT + (1 << 17));
    private boolean firstColumn = true;

    CopyRows(Connection connection, String table, String columns) throws SQLException {
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " (" + columns + ") from stdin");
    }

    CopyRows number(long value) {
        separator();
        buffer.writeBytes(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** Text with COPY's escapes for backslash, tab, newline and carriage return. */
    CopyRows text(String value) {
        separator();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> buffer.writeBytes(new byte[] {'\\', '\\'});
                case '\t' -> buffer.writeBytes(new byte[] {'\\', 't'});
                case '\n' -> buffer.writeBytes(new byte[] {'\\', 'n'});
                case '\r' -> buffer.writeBytes(new byte[] {'\\', 'r'});
                default -> {
                    if (ch < 0x80) {
                        buffer.write(ch);
                    } else {
                        buffer.writeBytes(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return this;
    }

    void endRow() throws SQLException {
        buffer.write('\n');
        firstColumn = true;
        if (buffer.size() >= FLUSH_AT) {
            flush();
        }
    }

    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void flush() throws SQLException {
        if (buffer.size() > 0) {
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            buffer.reset();
        }
    }

    private void separator() {
        if (!firstColumn) {
            buffer.write('\t');
        }
        firstColumn = false;
    }
}
