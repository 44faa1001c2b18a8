package dev.quitto.platform.imports.internal;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into one PostgreSQL {@code COPY ... FROM STDIN} (text format): rows are encoded as UTF-8 into a
 * reusable buffer that goes to the server whenever it fills, so memory stays at one buffer whatever the file size.
 */
final class CopyWriter {

    private final CopyIn copy;
    private byte[] buffer;
    private final int flushAt;
    private int position;
    private boolean rowStarted;

    CopyWriter(CopyIn copy, int bufferBytes) {
        this.copy = copy;
        this.buffer = new byte[bufferBytes];
        this.flushAt = bufferBytes - 64 * 1024;
    }

    CopyWriter value(long number) throws SQLException {
        separate();
        ensure(20);
        if (number < 0) {
            buffer[position++] = '-';
            number = -number;
        }
        int start = position;
        do {
            buffer[position++] = (byte) ('0' + number % 10);
            number /= 10;
        } while (number > 0);
        for (int i = start, j = position - 1; i < j; i++, j--) {
            byte swap = buffer[i];
            buffer[i] = buffer[j];
            buffer[j] = swap;
        }
        return this;
    }

    CopyWriter value(@Nullable CharSequence text) throws SQLException {
        separate();
        if (text == null) {
            ensure(2);
            buffer[position++] = '\\';
            buffer[position++] = 'N';
            return this;
        }
        int length = text.length();
        ensure(length * 4);
        byte[] out = buffer;
        int p = position;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> { out[p++] = '\\'; out[p++] = '\\'; }
                    case '\t' -> { out[p++] = '\\'; out[p++] = 't'; }
                    case '\n' -> { out[p++] = '\\'; out[p++] = 'n'; }
                    case '\r' -> { out[p++] = '\\'; out[p++] = 'r'; }
                    case '\0' -> { }
                    default -> out[p++] = (byte) c;
                }
            } else if (c < 0x800) {
                out[p++] = (byte) (0xC0 | c >> 6);
                out[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(++i));
                out[p++] = (byte) (0xF0 | cp >> 18);
                out[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                char bmp = Character.isSurrogate(c) ? '\uFFFD' : c;
                out[p++] = (byte) (0xE0 | bmp >> 12);
                out[p++] = (byte) (0x80 | bmp >> 6 & 0x3F);
                out[p++] = (byte) (0x80 | bmp & 0x3F);
            }
        }
        position = p;
        return this;
    }

    /** Ends the row; sends the buffer when it is nearly full. */
    void endRow() throws SQLException {
        ensure(1);
        buffer[position++] = '\n';
        rowStarted = false;
        if (position >= flushAt) {
            flush();
        }
    }

    private void separate() throws SQLException {
        if (rowStarted) {
            ensure(1);
            buffer[position++] = '\t';
        }
        rowStarted = true;
    }

    private void ensure(int bytes) throws SQLException {
        if (position + bytes <= buffer.length) {
            return;
        }
        flushWhole();
        if (bytes > buffer.length) {
            buffer = new byte[bytes];
        }
    }

    /** Sends whatever is buffered (the server accepts partial rows; a row is complete once its newline arrives). */
    private void flushWhole() throws SQLException {
        if (position > 0) {
            copy.writeToCopy(buffer, 0, position);
            position = 0;
        }
    }

    void flush() throws SQLException {
        flushWhole();
    }

    /** Sends the rest and ends the COPY; returns the rows the server stored. */
    long finish() throws SQLException {
        flushWhole();
        return copy.endCopy();
    }

    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException ignored) {
            // the connection is about to be closed anyway
        }
    }
}
