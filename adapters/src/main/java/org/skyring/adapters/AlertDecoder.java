package org.skyring.adapters;

import org.skyring.journal.ObservationRecord;

/**
 * Turns one message, as a transport delivers it (a Kafka record value, or one file's bytes), into observations.
 * Shared by the file sources and the Kafka source so that a ZTF alert read from disk and the same alert read from
 * a topic become the same observation.
 *
 * <p>Contract: {@link #decode} calls {@code sink} once per observation, in message order, with a record it may
 * reuse after the call returns (the sink copies what it keeps). Input that cannot be decoded is never thrown
 * away: the decoder emits exactly one observation whose {@code sourceError} names the field (or the framing
 * step) and the offending value, so that the engine journals it and dead-letters it. It never throws for bad
 * input.
 */
public interface AlertDecoder {
    /** The {@code FORMAT} of {@code --input FORMAT:PATH} and of a Kafka source's config ("ztf-avro"). */
    String format();

    /**
     * Decodes {@code message[0..length)}.
     *
     * @param origin where the message came from (file path, or "topic/partition@offset"), for error texts
     * @return the number of observations passed to {@code sink} (at least 1)
     */
    int decode(byte[] message, int length, String origin, Sink sink);

    /** Receives decoded observations. */
    @FunctionalInterface
    interface Sink {
        void accept(ObservationRecord observation);
    }
}
