package org.skyring.engine.port;

import org.skyring.journal.ObservationRecord;

/**
 * A source of observations (file, generator, Kafka, ...). Implemented by adapters; the engine knows nothing
 * of formats or transports.
 *
 * <p>Called only by the engine's ingest thread, which owns the source from {@link #open()} to {@link #close()}.
 */
public interface ObservationSource extends AutoCloseable {
    /** Short name for logs and provenance ("jsonl:night.jsonl"). */
    String name();

    /** Acquires resources; called once on the ingest thread before the first poll. */
    default void open() {
    }

    /**
     * Fills {@code into} (already cleared) with the next observation and returns true, or returns false when
     * nothing is available right now. Must not block for long: the ingest thread also drives shutdown.
     * A malformed input is still returned, with {@code into.sourceError} naming the field and the value, so
     * that it is journaled and dead-lettered rather than lost.
     */
    boolean poll(ObservationRecord into);

    /** True once the source will never return another observation (a file at its end). */
    boolean isExhausted();

    /**
     * Backpressure (pressure CRITICAL): the engine stops polling this source until {@link #resume()}. A source
     * with its own fetching (Kafka) stops fetching here (pause its partitions) so the backlog stays durably
     * upstream; a file source needs nothing (it is simply not read). Pauses last as long as the engine needs to
     * drain its ring, normally milliseconds to seconds. Called on the ingest thread.
     */
    default void pause() {
    }

    /** Ends a {@link #pause()}; polling continues after it. Called on the ingest thread. */
    default void resume() {
    }

    /**
     * False for a source whose every record may be critical (GCN/VOEvent notices: low volume, most time-critical):
     * it is never paused, so candidates keep entering the ring while routine intake waits at pressure CRITICAL.
     */
    default boolean pausable() {
        return true;
    }

    @Override
    default void close() {
    }
}
