package org.skyring.engine.metrics;

import java.util.Locale;

/** The gauges of the counters file ({@link CounterKind#GAUGE}), with their meaning. */
public enum GaugeName {
    RING_REMAINING_CAPACITY("free ring entries (0 = the producer waits: the engine is saturated)"),
    JOURNAL_LAG("entries past journal-in not yet routed: the decisions a crash now would redo"),
    PRESSURE_LEVEL("backpressure level: 0 NORMAL, 1 MODERATE, 2 HIGH, 3 CRITICAL"),
    HEARTBEAT_EPOCH_MS("when the engine's metrics thread last refreshed the gauges, epoch ms");

    /** Computed once: String.toLowerCase allocates, and this is called on the hot path (explanations, counters). */
    private final String lowerCaseName = name().toLowerCase(Locale.ROOT);

    private final String help;

    GaugeName(final String help) {
        this.help = help;
    }

    public String key() {
        return lowerCaseName;
    }

    public String help() {
        return help;
    }
}
