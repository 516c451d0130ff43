package org.skyring.perf.jmh;

import org.skyring.adapters.generator.NightGenerator;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.ObservationRecord;

import java.util.concurrent.TimeUnit;

/**
 * Inputs shared by the microbenchmarks: the shipped config, its synthetic catalog and {@link #SIZE} observations
 * of the generated night (the same mix of labels the end-to-end harness sends), cycled by index.
 */
final class BenchData {
    static final int SIZE = 1 << 14;

    final SkyringConfig config = SkyringConfig.loadDefault();
    final SkyCatalog catalog;
    final ObservationRecord[] observations = new ObservationRecord[SIZE];

    BenchData() {
        final SkyringConfig.KnownObjects k = config.knownObjects();
        catalog = SyntheticCatalog.generate(k.syntheticSources(), k.syntheticSeed());
        final NightGenerator generator = new NightGenerator(catalog, 2026,
                TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.DAYS.toNanos(90));
        for (int i = 0; i < SIZE; i++) {
            observations[i] = new ObservationRecord();
            generator.next(observations[i]);
            // as journal-in stamps it: validation compares observation and received times
            observations[i].receivedTimeNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        }
    }

    ObservationRecord observation(final int i) {
        return observations[i & (SIZE - 1)];
    }
}
