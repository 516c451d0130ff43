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
 * <p>Allocation-free per observation (the lap suffix is formatted once a lap): a record copy and two array copies
 * for the id. An earlier version rewrote the id through a StringBuilder and {@code FixedAscii.set(CharSequence)},
 * which JFR showed costing the producer nearly as much as the whole pipeline's consumer.
 */
final class ObservationFeed {
    static final int POOL_SIZE = 1 << 15;

    private final ObservationRecord[] pool = new ObservationRecord[POOL_SIZE];
    /** Each pooled id as ASCII bytes, followed by room for the lap suffix: the rewrite is two array copies. */
    private final byte[][] ids = new byte[POOL_SIZE][];
    private final byte[] lapSuffix = new byte[24];
    private int lapSuffixLength;
    private long suffixLap = -1;
    private long sent;

    ObservationFeed(final NightGenerator generator) {
        for (int i = 0; i < POOL_SIZE; i++) {
            pool[i] = new ObservationRecord();
            generator.next(pool[i]);
            final String id = pool[i].observationId.toString();
            ids[i] = java.util.Arrays.copyOf(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    id.length() + lapSuffix.length);
        }
    }

    /** Copies the next observation of the feed into {@code into}. */
    void next(final ObservationRecord into) {
        final int slot = (int) (sent & (POOL_SIZE - 1));
        final ObservationRecord source = pool[slot];
        into.copyFrom(source);
        final long lap = sent / POOL_SIZE;
        if (lap > 0 && !source.observationId.isEmpty()) {
            if (lap != suffixLap) {
                final byte[] digits = ("~" + lap).getBytes(java.nio.charset.StandardCharsets.US_ASCII); // once a lap
                System.arraycopy(digits, 0, lapSuffix, 0, digits.length);
                lapSuffixLength = digits.length;
                suffixLap = lap;
            }
            final byte[] id = ids[slot];
            final int idLength = source.observationId.length();
            System.arraycopy(lapSuffix, 0, id, idLength, lapSuffixLength);
            into.observationId.setBytes(id, 0, idLength + lapSuffixLength);
        }
        into.sourceOffset = sent;
        sent++;
    }
}
