package org.skyring.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.config.WaitStrategyChoice;

/**
 * Runs every phase of one system in this JVM (one JVM per system and repetition, so JIT profiles, heap and GC
 * counts of one system never leak into another) and prints one {@code PHASE <json>} line per measured phase.
 *
 * <p>Usage: {@code BenchWorker SYSTEM PROFILE LAYOUT WAIT_STRATEGY [SOAK_SECONDS [SOAK_RATE]]}: with a soak, a last
 * phase holds SOAK_RATE obs/s (default 100 k) that long (the "no GC in a one-minute run" check).
 */
public final class BenchWorker {
    static final String PREFIX = "PHASE ";
    static final long DEFAULT_SOAK_RATE = 100_000;

    private BenchWorker() {
    }

    public static void main(final String[] args) throws Exception {
        final String system = args[0];
        final Profile profile = Profile.valueOf(args[1]);
        final ThreadLayout layout = ThreadLayout.valueOf(args[2]);
        final WaitStrategyChoice wait = WaitStrategyChoice.valueOf(args[3]);
        final double soakSeconds = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        final long soakRate = args.length > 5 ? Long.parseLong(args[5]) : DEFAULT_SOAK_RATE;
        final Workload workload = new Workload(SkyringConfig.loadDefault());
        final ObservationFeed feed = new ObservationFeed(workload.newGenerator());
        final LoadDriver driver = new LoadDriver();
        final ObjectMapper json = new ObjectMapper();
        // One system for the whole run, as a deployed engine: journals and rings are created once, not per phase.
        try (SystemUnderTest sut = BenchSystems.open(system, workload, layout, wait)) {
            driver.run(system, sut, feed, profile.warmup);
            print(json, driver.run(system, sut, feed, profile.max));
            for (final Phase rate : profile.rates) {
                print(json, driver.run(system, sut, feed, rate));
            }
            if (soakSeconds > 0) {
                final Phase soak = Phase.fixedRate(soakRate, soakSeconds);
                print(json, driver.run(system, sut, feed,
                        new Phase("soak_" + soakRate, soakRate, soak.maxCount(), soak.maxSeconds())));
            }
        }
    }

    private static void print(final ObjectMapper json, final PhaseResult r) throws Exception {
        System.out.println(PREFIX + json.writeValueAsString(r.toMap()));
        System.out.flush();
    }
}
