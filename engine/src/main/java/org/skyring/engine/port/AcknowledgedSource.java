package org.skyring.engine.port;

/**
 * A source that acknowledges its input upstream only once it is durable (Kafka commits an offset only after its
 * observation is in the input journal). The engine tells it, per observation, the ring sequence it was
 * published at, and gives it a {@link JournalProgress} to learn how far journal-in has got; the source maps
 * sequences back to its own positions (partition and offset).
 *
 * <p>Every method is called on the engine's ingest thread, the thread that also calls {@link #poll}, so a
 * single-threaded client such as {@code KafkaConsumer} can commit from here.
 */
public interface AcknowledgedSource extends ObservationSource {
    /** Called once, before {@link #open()}. */
    void attach(JournalProgress progress);

    /** The observation returned by the last successful {@link #poll} was published at ring sequence {@code sequence}. */
    void published(long sequence);
}
