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

    @Override
    default void close() {
    }
}
