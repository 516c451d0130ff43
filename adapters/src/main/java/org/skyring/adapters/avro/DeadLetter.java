package org.skyring.adapters.avro;

import org.skyring.journal.ObservationRecord;

/**
 * The one observation a message that cannot be decoded becomes: it carries the reason (framing step or field,
 * and the value) and where the message came from, so the engine journals it and dead-letters it
 * ({@code malformed_field}). Its id is derived from the origin and record number, so re-reading the same bad
 * input after a restart yields the same id and is de-duplicated, while two bad files never share one.
 */
final class DeadLetter {
    private DeadLetter() {
    }

    static void fill(final ObservationRecord r, final String adapter, final String facility, final String origin,
                     final int recordNumber, final String reason) {
        r.clear();
        r.adapter.set(adapter);
        r.sourceFacility.set(facility);
        r.observationId.set(id(origin, recordNumber));
        final String where = " [" + tail(origin, 80) + " record " + recordNumber + "]";
        final int room = ObservationRecord.ERROR_CAPACITY - where.length();
        final String text = reason.length() > room ? reason.substring(0, room - 3) + "..." : reason;
        r.sourceError.set(text + where);
    }

    /** {@code bad-<16 hex of the origin's hash>-<record>-<file name tail>}, at most 64 characters. */
    static String id(final String origin, final int recordNumber) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < origin.length(); i++) {
            h ^= origin.charAt(i);
            h *= 0x100000001b3L;
        }
        final String head = "bad-" + String.format("%016x", h) + "-" + recordNumber + "-";
        return head + tail(fileName(origin), ObservationRecord.ID_CAPACITY - head.length());
    }

    private static String fileName(final String origin) {
        final int slash = origin.lastIndexOf('/');
        return slash >= 0 && slash < origin.length() - 1 ? origin.substring(slash + 1) : origin;
    }

    private static String tail(final String s, final int max) {
        return s.length() <= max ? s : "..." + s.substring(s.length() - (max - 3));
    }
}
