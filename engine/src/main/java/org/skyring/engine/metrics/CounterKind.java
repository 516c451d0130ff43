package org.skyring.engine.metrics;

/**
 * What a live counter measures: stored as the Agrona type id of each counter, so that a reader in another
 * process ({@code skyring stat}, the Prometheus endpoint) can group counters without knowing the engine's code.
 * The counter's key holds its name within the kind (a stage, a category, "received"...).
 */
public enum CounterKind {
    /** Observation counts; the key is the counter's own name (received, recovered, journaled...). */
    OBSERVATIONS(1001, "observations", false),
    /** Entries handed to a stage; key = stage name. */
    STAGE_IN(1002, "stage_in", false),
    /** Entries a stage passed on to the next (journal_in drops duplicates); key = stage name. */
    STAGE_OUT(1003, "stage_out", false),
    /** Decisions by category; key = category. */
    CATEGORY(1004, "category", false),
    /** Observations appended to each destination queue; key = queue name. */
    DESTINATION(1005, "destination", false),
    /** Dead-lettered observations by reason (one observation can have several); key = reason. */
    REJECTION(1006, "rejected", false),
    /** Instantaneous values: ring_remaining_capacity, journal_lag, pressure_level, heartbeat_epoch_ms. */
    GAUGE(1007, "gauge", true),
    /** Latency of the run so far, nanoseconds; key = "TAG STAT" with STAT one of {@link LatencyStat}. */
    LATENCY(1008, "latency", true);

    private final int typeId;
    private final String prefix;
    private final boolean gauge;

    CounterKind(final int typeId, final String prefix, final boolean gauge) {
        this.typeId = typeId;
        this.prefix = prefix;
        this.gauge = gauge;
    }

    public int typeId() {
        return typeId;
    }

    /** First part of the counter's label: "stage_in", "category"... */
    public String prefix() {
        return prefix;
    }

    /** A gauge is a level (rates per second make no sense); the others only grow during a run. */
    public boolean isGauge() {
        return gauge;
    }

    /** The kind of an Agrona type id, or null for a counter this build does not know. */
    public static CounterKind ofTypeId(final int typeId) {
        for (final CounterKind k : values()) {
            if (k.typeId == typeId) {
                return k;
            }
        }
        return null;
    }
}
