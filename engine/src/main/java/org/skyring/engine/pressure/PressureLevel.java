package org.skyring.engine.pressure;

/**
 * How far the engine is behind, and what it gives up (artifacts/scaling_strategy.md, "What is given up"):
 * NORMAL nothing; MODERATE nothing, reported; HIGH fast mode for routine-looking events and background
 * reclassification waits; CRITICAL routine analysis paused, sources paused, operator alerted.
 */
public enum PressureLevel {
    NORMAL, MODERATE, HIGH, CRITICAL;

    private static final PressureLevel[] VALUES = values();

    public static PressureLevel of(final int ordinal) {
        return VALUES[ordinal];
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
