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

    /** Called on the consumer thread before the first event: create thread-owned resources here. */
    default void onStart() {
    }

    /** Called on the consumer thread after the last event: close what {@link #onStart()} opened. */
    default void onShutdown() {
    }
}
