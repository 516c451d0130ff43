package org.skyring.journal;

/** The category of a decision (the six of the design) plus {@link #REJECTED} for dead-lettered input. */
public enum Category {
    ROUTINE, KNOWN_TYPE, INTERESTING, SIGNIFICANT, CRITICAL, UNKNOWN, REJECTED;

    /** Computed once: String.toLowerCase allocates, and this is called on the hot path (explanations, counters). */
    private final String lowerCaseName = name().toLowerCase(java.util.Locale.ROOT);

    private static final Category[] VALUES = values();

    public byte code() {
        return (byte) ordinal();
    }

    /** The name used in config, summaries and dumps: "known_type". */
    public String key() {
        return lowerCaseName;
    }

    public static Category fromCode(final int code) {
        if (code < 0 || code >= VALUES.length) {
            throw new IllegalArgumentException("unknown category code " + code);
        }
        return VALUES[code];
    }
}
