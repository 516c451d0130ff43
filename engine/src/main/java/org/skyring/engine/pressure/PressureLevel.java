package org.skyring.engine.pressure;

/**
 * How far the engine is behind, and what it gives up (artifacts/scaling_strategy.md, "What is given up"):
 * NORMAL nothing; MODERATE nothing, reported; HIGH fast mode for routine-looking events and background
 * reclassification waits; CRITICAL routine analysis paused, sources paused, operator alerted.
 */
public enum PressureLevel {
    NORMAL, MODERATE, HIGH, CRITICAL;

    /** Computed once: String.toLowerCase allocates, and this is called on the hot path (explanations, counters). */
    private final String lowerCaseName = name().toLowerCase(java.util.Locale.ROOT);

    private static final PressureLevel[] VALUES = values();

    public static PressureLevel of(final int ordinal) {
        return VALUES[ordinal];
    }

    public String key() {
        return lowerCaseName;
    }
}
