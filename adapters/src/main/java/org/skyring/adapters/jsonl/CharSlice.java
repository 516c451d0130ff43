package org.skyring.adapters.jsonl;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * A reusable view of the parser's current text characters, so ids and enum names can be copied into
 * {@code FixedAscii} fields or compared without creating a String per value.
 */
final class CharSlice implements CharSequence {
    private char[] chars;
    private int offset;
    private int length;

    /** Points at the parser's current token text; valid until the parser advances. */
    CharSlice of(final JsonParser p) throws IOException {
        chars = p.getTextCharacters();
        offset = p.getTextOffset();
        length = p.getTextLength();
        return this;
    }

    boolean contentEquals(final String s) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (chars[offset + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** ASCII case-insensitive equality; enum names are ASCII. */
    boolean equalsIgnoreCase(final String s) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (lower(chars[offset + i]) != lower(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static char lower(final char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(final int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return chars[offset + index];
    }

    @Override
    public CharSequence subSequence(final int start, final int end) {
        return new String(chars, offset + start, end - start);
    }

    @Override
    public String toString() {
        return new String(chars, offset, length);
    }
}
