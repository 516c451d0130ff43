package org.skyring.engine.metrics;

import java.util.Locale;

/** The observation counts of the counters file ({@link CounterKind#OBSERVATIONS}), with their meaning. */
public enum ObservationCount {
    RECEIVED("live observations taken from the sources and published to the ring"),
    RECOVERED("input-journal entries re-run through the ring at start-up (restart or replay)"),
    JOURNALED("live observations appended to the input journal"),
    DUPLICATES("observations dropped at journal-in because their id was already journaled"),
    DECIDED("decisions written in this run"),
    RECOVERED_DECIDED("recovered entries decided in this run (journaled but undecided before a restart)"),
    RECOVERED_ALREADY_DECIDED("recovered entries already decided and routed before the restart"),
    DEFERRED("decisions made provisionally in fast mode (pressure HIGH or above), to be reclassified");

    /** Computed once: String.toLowerCase allocates, and this is called on the hot path (explanations, counters). */
    private final String lowerCaseName = name().toLowerCase(Locale.ROOT);

    private final String help;

    ObservationCount(final String help) {
        this.help = help;
    }

    /** The counter's key: "recovered_decided". */
    public String key() {
        return lowerCaseName;
    }

    public String help() {
        return help;
    }
}
