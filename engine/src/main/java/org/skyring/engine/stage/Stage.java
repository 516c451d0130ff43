package org.skyring.engine.stage;

import org.skyring.engine.ring.ObservationEvent;

/**
 * One step of the pipeline. A ring consumer thread calls its stages in order for every entry, in ring order;
 * a stage is only ever called from that one thread, between {@link #onStart()} and {@link #onShutdown()}.
 */
public interface Stage {
    /** Name used for latency histograms and logs ("validate", "cross_match", ...). */
    String name();

    /** Acts on one entry. Entries that need no decision (duplicates, empty) are never passed in. */
    void onEvent(ObservationEvent event);

    /**
     * True for an expensive stage that fast mode may skip: under pressure the triage stage marks routine-looking
     * events {@link ObservationEvent#deferred}, the ring does not call deferrable stages for them, and the
     * reclassifier runs these same stages on them later, from the journal. A deferrable stage must be
     * stateless across events (its result may not depend on which earlier events it saw), because deferred
     * events reach it later and out of order. ML and anomaly stages belong here.
     */
    default boolean deferrable() {
        return false;
    }

    /** Called on the consumer thread before the first event: create thread-owned resources here. */
    default void onStart() {
    }

    /** Called on the consumer thread after the last event: close what {@link #onStart()} opened. */
    default void onShutdown() {
    }
}
