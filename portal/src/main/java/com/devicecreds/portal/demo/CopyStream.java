package com.devicecreds.portal.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's COPY text format, written straight into a {@link CopyIn} in large chunks.
 * Builds bytes, not strings: at a few million rows, formatting is most of the client's work.
 * Only ASCII values without tabs, newlines or backslashes are written as text; the demo world
 * makes no others.
 */
final class CopyStream implements AutoCloseable {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int FLUSH_AT = 1 << 20;

    private final CopyIn copy;
    private final byte[] buffer = new byte[FLUSH_AT + 64 * 1024];
    private final Map<Long, byte[]> dates = new HashMap<>();
    private int length;
    private boolean firstColumn = true;
    private long rows;

    CopyStream(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin");
    }

    CopyStream text(String value) {
        separator();
        for (int i = 0; i < value.length(); i++) {
            buffer[length++] = (byte) value.charAt(i);
        }
        return this;
    }

    CopyStream number(long value) {
        separator();
        if (value < 0) {
            buffer[length++] = '-';
            value = -value;
        }
        int startAt = length;
        do {
            buffer[length++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        reverse(startAt, length - 1);
        return this;
    }

    CopyStream nothing() {
        separator();
        buffer[length++] = '\\';
        buffer[length++] = 'N';
        return this;
    }

    CopyStream bool(boolean value) {
        return text(value ? "t" : "f");
    }

    /** A bytea in hex form; the backslash is doubled because COPY's text format unescapes it first. */
    CopyStream bytes(byte[] value) {
        separator();
        buffer[length++] = '\\';
        buffer[length++] = '\\';
        buffer[length++] = 'x';
        for (byte b : value) {
            buffer[length++] = HEX[(b >> 4) & 0xF];
            buffer[length++] = HEX[b & 0xF];
        }
        return this;
    }

    /** A timestamptz in UTC with milliseconds, formatted by hand: DateTimeFormatter is slow at a million rows. */
    CopyStream timestamp(long epochMillis) {
        separator();
        long day = Math.floorDiv(epochMillis, 86_400_000L);
        byte[] date = dates.computeIfAbsent(day, d -> (LocalDate.ofEpochDay(d).toString() + " ")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        System.arraycopy(date, 0, buffer, length, date.length);
        length += date.length;
        int millisOfDay = (int) Math.floorMod(epochMillis, 86_400_000L);
        two(millisOfDay / 3_600_000);
        buffer[length++] = ':';
        two(millisOfDay / 60_000 % 60);
        buffer[length++] = ':';
        two(millisOfDay / 1000 % 60);
        buffer[length++] = '.';
        int ms = millisOfDay % 1000;
        buffer[length++] = (byte) ('0' + ms / 100);
        two(ms % 100);
        buffer[length++] = '+';
        buffer[length++] = '0';
        buffer[length++] = '0';
        return this;
    }

    CopyStream timestamp(java.time.Instant at) {
        return timestamp(at.toEpochMilli());
    }

    void endRow() throws SQLException {
        buffer[length++] = '\n';
        firstColumn = true;
        rows++;
        if (length >= FLUSH_AT) {
            flush();
        }
    }

    /** Ends the COPY; returns the rows the server took. */
    long finish() throws SQLException {
        flush();
        long copied = copy.endCopy();
        if (copied != rows) {
            throw new IllegalStateException("COPY took " + copied + " rows of " + rows);
        }
        return copied;
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }

    private void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(buffer, 0, length);
            length = 0;
        }
    }

    private void separator() {
        if (!firstColumn) {
            buffer[length++] = '\t';
        }
        firstColumn = false;
    }

    private void two(int value) {
        buffer[length++] = (byte) ('0' + value / 10);
        buffer[length++] = (byte) ('0' + value % 10);
    }

    private void reverse(int from, int to) {
        while (from < to) {
            byte b = buffer[from];
            buffer[from++] = buffer[to];
            buffer[to--] = b;
        }
    }
}
