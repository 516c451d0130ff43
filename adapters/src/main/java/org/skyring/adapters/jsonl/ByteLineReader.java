package org.skyring.adapters.jsonl;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without creating a String per line: the JSON parser reads each line straight
 * out of {@link #buffer()}, so the only per-line garbage left is Jackson's small parser object.
 * Accepts '\n' and "\r\n" endings; a last line without a newline is still a line.
 */
final class ByteLineReader implements Closeable {
    private final InputStream in;
    private byte[] buf = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean eof;
    private int lineStart;
    private int lineLength;

    ByteLineReader(final InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at end of input. The line is valid until the next call. */
    boolean next() throws IOException {
        int scanFrom = start;
        while (true) {
            for (int i = scanFrom; i < end; i++) {
                if (buf[i] == '\n') {
                    setLine(start, i);
                    start = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (start < end) {
                    setLine(start, end);
                    start = end;
                    return true;
                }
                return false;
            }
            scanFrom = end - start;
            fill();
        }
    }

    private void setLine(final int from, final int newline) {
        int to = newline;
        if (to > from && buf[to - 1] == '\r') {
            to--;
        }
        lineStart = from;
        lineLength = to - from;
    }

    /** Moves the unfinished line to the front (growing the buffer for very long lines) and reads more. */
    private void fill() throws IOException {
        final int pending = end - start;
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, pending);
        } else if (pending == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        start = 0;
        end = pending;
        final int n = in.read(buf, end, buf.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    byte[] buffer() {
        return buf;
    }

    int lineStart() {
        return lineStart;
    }

    int lineLength() {
        return lineLength;
    }

    /** True when the current line holds only JSON whitespace. */
    boolean isBlank() {
        for (int i = lineStart, e = lineStart + lineLength; i < e; i++) {
            final byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
