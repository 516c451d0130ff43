package org.skyring.journal;

/** Where routing sends a decided observation; each has its own durable output queue of the same name. */
public enum Destination {
    /** Immediate alert requiring acknowledgement. */
    ALERT,
    PRIORITY_REVIEW,
    STANDARD_REVIEW,
    MANUAL_TRIAGE,
    /** Every classified observation. */
    ARCHIVE,
    /** Dead-letter queue: the observation plus every reason it failed validation. */
    REJECTED;

    /** Computed once: String.toLowerCase allocates, and this is called on the hot path (explanations, counters). */
    private final String lowerCaseName = name().toLowerCase(java.util.Locale.ROOT);

    private static final Destination[] VALUES = values();

    public int mask() {
        return 1 << ordinal();
    }

    public boolean isIn(final int destinations) {
        return (destinations & mask()) != 0;
    }

    /** Queue directory and summary key: "priority_review". */
    public String queueName() {
        return lowerCaseName;
    }

    public static Destination[] all() {
        return VALUES.clone();
    }
}
