package org.skyring.perf;

import org.HdrHistogram.Histogram;

/**
 * One system of the side-by-side comparison, opened fresh for each phase of a run. The load driver calls
 * {@link #prepare} and {@link #send} on its own thread (the producer), once per observation, in that order.
 */
interface SystemUnderTest extends AutoCloseable {
    /** Fills the next observation from the feed. Not timed: producing it is the source's work, not the system's. */
    void prepare(ObservationFeed feed);

    /** Hands the prepared observation over; its latency is measured from {@code intendedNanos} (System.nanoTime). */
    void send(long intendedNanos);

    /** True once every observation sent so far has left the last stage. Called by the producer. */
    boolean completed();

    /**
     * End-to-end latency (from the intended send time) of every observation completed since the last call, and a
     * fresh start. Called by the producer only once {@link #completed} is true, which orders it after the last
     * stage's writes (and before its next ones: the next send publishes after the reset).
     */
    Histogram takeLatency();

    /** Stops the system, joins its threads and releases its files. */
    @Override
    void close();
}
