package org.skyring.perf;

import org.skyring.adapters.generator.NightGenerator;
import org.skyring.journal.ObservationRecord;

/**
 * The load generator's observations, pre-generated so that the producer is not the bottleneck: the night
 * generator makes ~3.5 µs of work per observation (measured here, 2 cores), which alone would cap every system
 * near 280 k obs/s. The first {@link #POOL_SIZE} observations of the night are generated once and replayed in
 * laps; from the second lap on, each copy's id gets a {@code ~lap} suffix and its source offset keeps counting,
 * so every observation sent is new to de-duplication (ids and source positions never repeat).
 *
 * <p>Allocation-free per observation: a record copy and a rewrite of the id through a reused buffer.
 */
final class ObservationFeed {
    static final int POOL_SIZE = 1 << 15;

    private final ObservationRecord[] pool = new ObservationRecord[POOL_SIZE];
    private final StringBuilder id = new StringBuilder(ObservationRecord.ID_CAPACITY);
    private long sent;

    ObservationFeed(final NightGenerator generator) {
        for (int i = 0; i < POOL_SIZE; i++) {
            pool[i] = new ObservationRecord();
            generator.next(pool[i]);
        }
    }

    /** Copies the next observation of the feed into {@code into}. */
    void next(final ObservationRecord into) {
        final ObservationRecord source = pool[(int) (sent & (POOL_SIZE - 1))];
        into.copyFrom(source);
        final long lap = sent / POOL_SIZE;
        if (lap > 0 && !source.observationId.isEmpty()) {
            id.setLength(0);
            id.append(source.observationId).append('~').append(lap);
            into.observationId.set(id);
        }
        into.sourceOffset = sent;
        sent++;
    }
}
