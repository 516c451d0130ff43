package org.skyring.perf;

import org.skyring.adapters.generator.NightGenerator;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.config.SkyringConfig;

import java.util.concurrent.TimeUnit;

/**
 * What every system under test shares: the shipped config, its synthetic catalog and the generated night. Every
 * system gets a generator with the same seed, so all of them process the same observations in the same order.
 */
public final class Workload {
    static final long SEED = 2026;
    /**
     * The night starts 90 days ago: a run of tens of millions of observations (30 s cycles of 1,000) stays in the
     * past, so no observation is rejected for a time after its received time (which would change the work done).
     */
    private static final long NIGHT_AGE_NANOS = TimeUnit.DAYS.toNanos(90);

    private final SkyringConfig config;
    private final SkyCatalog catalog;
    private final long nightStart;

    public Workload(final SkyringConfig config) {
        this.config = config;
        final SkyringConfig.KnownObjects k = config.knownObjects();
        this.catalog = SyntheticCatalog.generate(k.syntheticSources(), k.syntheticSeed());
        this.nightStart = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - NIGHT_AGE_NANOS;
    }

    public SkyringConfig config() {
        return config;
    }

    public SkyCatalog catalog() {
        return catalog;
    }

    /** A fresh generator of the benchmark night (same seed, same start: the same observations every time). */
    public NightGenerator newGenerator() {
        return new NightGenerator(catalog, SEED, nightStart);
    }
}
