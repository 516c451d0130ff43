package org.skyring.adapters.avro;

import org.apache.avro.generic.GenericRecord;

import java.nio.ByteBuffer;

/**
 * Typed reads of a decoded record by field position (positions come from a mapper layout computed once per
 * schema, so no field is looked up by name per record). A position of -1 means "this schema version has no such
 * field" and reads as absent, like a null.
 */
final class AvroValues {
    /** ZTF's "no value" marker for numbers (ssdistnr, sgscore1, distpsnr1, magnr, ...). */
    static final double ZTF_SENTINEL = -999.0;

    private AvroValues() {
    }

    static Object get(final GenericRecord r, final int pos) {
        return r == null || pos < 0 ? null : r.get(pos);
    }

    /** The number at {@code pos}, or NaN when absent or null. */
    static double number(final GenericRecord r, final int pos) {
        final Object v = get(r, pos);
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }

    /** Like {@link #number} but ZTF's -999 sentinel also reads as absent. */
    static double ztfNumber(final GenericRecord r, final int pos) {
        final double d = number(r, pos);
        return d == ZTF_SENTINEL ? Double.NaN : d;
    }

    static long longValue(final GenericRecord r, final int pos, final long absent) {
        final Object v = get(r, pos);
        return v instanceof Number ? ((Number) v).longValue() : absent;
    }

    static int intValue(final GenericRecord r, final int pos, final int absent) {
        final Object v = get(r, pos);
        return v instanceof Number ? ((Number) v).intValue() : absent;
    }

    /** Avro strings decode as Utf8 (a CharSequence), reused between records: copy what you keep. */
    static CharSequence text(final GenericRecord r, final int pos) {
        final Object v = get(r, pos);
        return v instanceof CharSequence ? (CharSequence) v : null;
    }

    static boolean flag(final GenericRecord r, final int pos) {
        return Boolean.TRUE.equals(get(r, pos));
    }

    static GenericRecord record(final GenericRecord r, final int pos) {
        final Object v = get(r, pos);
        return v instanceof GenericRecord ? (GenericRecord) v : null;
    }

    static ByteBuffer bytes(final GenericRecord r, final int pos) {
        final Object v = get(r, pos);
        return v instanceof ByteBuffer ? (ByteBuffer) v : null;
    }

    @SuppressWarnings("unchecked")
    static java.util.List<Object> list(final GenericRecord r, final int pos) {
        final Object v = get(r, pos);
        return v instanceof java.util.List ? (java.util.List<Object>) v : null;
    }
}
