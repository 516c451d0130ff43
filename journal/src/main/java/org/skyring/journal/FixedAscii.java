package org.skyring.journal;

import java.nio.charset.StandardCharsets;

/**
 * A bounded, reusable ASCII string held in a fixed byte array, so that ids and names on the hot path never
 * allocate. Characters outside printable ASCII are stored as '?': ids in astronomy alerts are ASCII, and a
 * journal that can always be dumped as text is worth more than round-tripping exotic bytes.
 *
 * <p>Not thread-safe: owned by whichever stage currently owns the ring entry.
 */
public final class FixedAscii implements CharSequence {
    private final byte[] bytes;
    private int length;
    private boolean truncated;

    public FixedAscii(final int capacity) {
        this.bytes = new byte[capacity];
    }

    public int capacity() {
        return bytes.length;
    }

    @Override
    public int length() {
        return length;
    }

    /** True if the last {@link #set} received more characters than {@link #capacity()}. */
    public boolean wasTruncated() {
        return truncated;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public void clear() {
        length = 0;
        truncated = false;
    }

    public FixedAscii set(final CharSequence value) {
        clear();
        if (value == null) {
            return this;
        }
        final int n = Math.min(value.length(), bytes.length);
        for (int i = 0; i < n; i++) {
            final char c = value.charAt(i);
            bytes[i] = (c >= 0x20 && c < 0x7f) ? (byte) c : (byte) '?';
        }
        length = n;
        truncated = value.length() > bytes.length;
        return this;
    }

    public FixedAscii set(final FixedAscii other) {
        System.arraycopy(other.bytes, 0, bytes, 0, Math.min(other.length, bytes.length));
        length = Math.min(other.length, bytes.length);
        truncated = other.truncated || other.length > bytes.length;
        return this;
    }

    /** Appends text; characters beyond capacity are dropped and flagged as truncation. No allocation. */
    public FixedAscii append(final CharSequence value) {
        final int n = value.length();
        for (int i = 0; i < n; i++) {
            append(value.charAt(i));
        }
        return this;
    }

    public FixedAscii append(final char c) {
        if (length == bytes.length) {
            truncated = true;
            return this;
        }
        bytes[length++] = (c >= 0x20 && c < 0x7f) ? (byte) c : (byte) '?';
        return this;
    }

    /** Appends a decimal integer. No allocation. */
    public FixedAscii append(final long value) {
        if (value == Long.MIN_VALUE) {
            return append("-9223372036854775808");
        }
        if (value < 0) {
            append('-');
        }
        long v = Math.abs(value);
        long div = 1;
        while (v / div >= 10) {
            div *= 10;
        }
        for (; div > 0; div /= 10) {
            append((char) ('0' + (v / div) % 10));
        }
        return this;
    }

    /**
     * Appends {@code value} rounded half-up to {@code decimals} places (0-6), "nan" for NaN; an explicit sign
     * when {@code signed}. No allocation: used to write explanations on the decision thread.
     */
    public FixedAscii append(final double value, final int decimals, final boolean signed) {
        if (Double.isNaN(value)) {
            return append("nan");
        }
        if (Double.isInfinite(value)) {
            return append(value > 0 ? "inf" : "-inf");
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        final long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            append('-');
        } else if (signed) {
            append('+');
        }
        append(scaled / scale);
        if (decimals > 0) {
            append('.');
            final long frac = scaled % scale;
            for (long div = scale / 10; div > 0; div /= 10) {
                append((char) ('0' + (frac / div) % 10));
            }
        }
        return this;
    }

    /** Copies raw bytes in (used by codecs); bytes beyond capacity are dropped and flagged as truncation. */
    public void setBytes(final byte[] src, final int offset, final int len) {
        final int n = Math.min(len, bytes.length);
        System.arraycopy(src, offset, bytes, 0, n);
        length = n;
        truncated = len > bytes.length;
    }

    byte[] array() {
        return bytes;
    }

    void setLength(final int len) {
        length = len;
        truncated = false;
    }

    @Override
    public char charAt(final int index) {
        if (index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) bytes[index];
    }

    @Override
    public CharSequence subSequence(final int start, final int end) {
        return toString().subSequence(start, end);
    }

    /** 64-bit FNV-1a hash of the content: used as a de-duplication key (collisions are verified exactly). */
    public long hash64() {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++) {
            h ^= bytes[i];
            h *= 0x100000001b3L;
        }
        return h;
    }

    public boolean contentEquals(final FixedAscii other) {
        if (other.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != other.bytes[i]) {
                return false;
            }
        }
        return true;
    }

    public boolean contentEquals(final CharSequence other) {
        if (other.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != other.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Allocates: for cold paths (dump, tests, summaries). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }
}
