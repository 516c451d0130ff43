package org.skyring.journal;

/**
 * The VOEvent {@code role} of a journaled notice ({@link MeasurementType#NOTICE}). Only {@link #OBSERVATION}
 * notices may raise urgency; {@code test} and {@code utility} notices are journaled and archived, never acted on.
 * Codes are persisted: append only.
 */
public enum NoticeRole {
    /** Not a notice (every ordinary observation). */
    NONE,
    OBSERVATION,
    PREDICTION,
    UTILITY,
    TEST;

    private static final NoticeRole[] VALUES = values();

    public byte code() {
        return (byte) ordinal();
    }

    /** Null for an unknown code, so that a reader can report it rather than throw. */
    public static NoticeRole fromCode(final int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }

    /** The VOEvent attribute value ("observation", "test", ...) to a role; null when it is none of them. */
    public static NoticeRole fromVoEvent(final String role) {
        if (role == null) {
            return null;
        }
        for (final NoticeRole r : VALUES) {
            if (r != NONE && r.name().equalsIgnoreCase(role.trim())) {
                return r;
            }
        }
        return null;
    }
}
