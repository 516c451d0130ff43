package org.skyring.engine.pressure;

/**
 * The three measured inputs of the controller. Read by the background thread while the ring runs, so every
 * implementation reads values other threads publish (Disruptor sequences, volatile counters) and never blocks.
 */
public interface PressureSignals {
    /** Fraction of the ring occupied by entries not yet fully processed, 0..1. */
    double ringFill();

    /** Observations journaled (or re-published from the journal) and not yet decided. */
    long inputBacklog();

    /** Outputs due and not yet made: alert deliveries raised and not yet delivered. */
    long outputLag();
}
