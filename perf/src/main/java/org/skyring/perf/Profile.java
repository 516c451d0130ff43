package org.skyring.perf;

import java.util.List;

/**
 * How long each phase runs: {@code quick} (under a minute for every system), {@code full} (under ten), or
 * {@code tiny} (a few seconds, for the test of the report's shape: its figures mean nothing).
 */
enum Profile {
    TINY(1, Phase.maxThroughput("warmup", 20_000, 0.3), Phase.maxThroughput("max", 50_000, 0.5),
            List.of(Phase.fixedRate(10_000, 0.1), Phase.fixedRate(100_000, 0.1), Phase.fixedRate(500_000, 0.1))),
    QUICK(1, Phase.maxThroughput("warmup", 300_000, 1.5), Phase.maxThroughput("max", 1_000_000, 1.5),
            List.of(Phase.fixedRate(10_000, 0.5), Phase.fixedRate(100_000, 1), Phase.fixedRate(500_000, 1))),
    FULL(3, Phase.maxThroughput("warmup", 2_000_000, 4), Phase.maxThroughput("max", 5_000_000, 5),
            List.of(Phase.fixedRate(10_000, 2), Phase.fixedRate(100_000, 5), Phase.fixedRate(500_000, 5)));

    /** Repetitions of the whole comparison (each system in its own JVM each time); medians are reported. */
    final int repetitions;
    final Phase warmup;
    final Phase max;
    final List<Phase> rates;

    Profile(final int repetitions, final Phase warmup, final Phase max, final List<Phase> rates) {
        this.repetitions = repetitions;
        this.warmup = warmup;
        this.max = max;
        this.rates = rates;
    }
}
