package org.skyring.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.config.WaitStrategyChoice;

/**
 * Runs every phase of one system in this JVM (one JVM per system and repetition, so JIT profiles, heap and GC
 * counts of one system never leak into another) and prints one {@code PHASE <json>} line per measured phase.
 *
 * <p>Usage: {@code BenchWorker SYSTEM PROFILE LAYOUT WAIT_STRATEGY}.
 */
public final class BenchWorker {
    static final String PREFIX = "PHASE ";

    private BenchWorker() {
    }

    public static void main(final String[] args) throws Exception {
        final String system = args[0];
        final Profile profile = Profile.valueOf(args[1]);
        final ThreadLayout layout = ThreadLayout.valueOf(args[2]);
        final WaitStrategyChoice wait = WaitStrategyChoice.valueOf(args[3]);
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
        }
    }

    private static void print(final ObjectMapper json, final PhaseResult r) throws Exception {
        System.out.println(PREFIX + json.writeValueAsString(r.toMap()));
        System.out.flush();
    }
}
