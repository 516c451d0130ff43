package org.skyring.perf;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.Engine;
import org.skyring.engine.OverloadReport;
import org.skyring.engine.RunResult;
import org.skyring.engine.RunSpec;
import org.skyring.engine.config.SkyringConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The overload scenario end to end: a generated night offered as fast as the ingest thread can claim ring
 * entries (several times what the engine decides per second), through the real ring, journals, alert system
 * and pressure controller, with the controller on and off side by side in one run. The score is the time to
 * decide the whole burst; the auxiliary counters report the time spent at each pressure level, fast-mode
 * deferrals and the background catch-up after the ring drained, and end-to-end p99 of critical versus all
 * events (milliseconds). Run from the project root (see perf/README.md):
 * {@code java @config/jvm.options -cp ... org.skyring.perf.OverloadBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class OverloadBenchmark {
    @Param({"true", "false"})
    public boolean pressure;

    @Param({"100000"})
    public int offered;

    private SkyringConfig config;
    private SkyCatalog catalog;
    private Path dir;

    /** Per-iteration figures, reported by JMH next to the score. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Figures {
        public double secondsNormal;
        public double secondsModerate;
        public double secondsHigh;
        public double secondsCritical;
        public double deferred;
        public double catchUpSeconds;
        public double p99CriticalMs;
        public double p99AllMs;

        @Setup(Level.Iteration)
        public void reset() {
            secondsNormal = secondsModerate = secondsHigh = secondsCritical = 0;
            deferred = catchUpSeconds = p99CriticalMs = p99AllMs = 0;
        }
    }

    @Setup(Level.Trial)
    public void loadConfigAndCatalog() {
        config = SkyringConfig.parse("engine:\n  ring_size: 4096\nalerts:\n  channels: [queue]\n"
                + "pressure:\n  enabled: " + pressure + "\n");
        catalog = SyntheticCatalog.generate(config.knownObjects().syntheticSources(), config.knownObjects().syntheticSeed());
    }

    @Setup(Level.Iteration)
    public void freshDataDirectory() throws IOException {
        dir = Files.createTempDirectory("skyring-overload-");
    }

    @Benchmark
    public RunResult overload(final Figures f) {
        final long night = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.HOURS.toNanos(10);
        final GeneratedNightSource source = new GeneratedNightSource(new NightGenerator(catalog, 2026, night), offered);
        final RunResult r = new Engine(config, catalog).alertChannels(Map.of())
                .run(RunSpec.live(dir, List.of(source), true, new AtomicBoolean()));
        final OverloadReport o = r.overload();
        f.secondsNormal = o.nanosAtLevel()[0] / 1e9;
        f.secondsModerate = o.nanosAtLevel()[1] / 1e9;
        f.secondsHigh = o.nanosAtLevel()[2] / 1e9;
        f.secondsCritical = o.nanosAtLevel()[3] / 1e9;
        f.deferred = o.deferred();
        f.catchUpSeconds = o.catchUpNanos() / 1e9;
        f.p99CriticalMs = o.endToEndCritical().getValueAtPercentile(99) / 1e6;
        f.p99AllMs = r.endToEnd().getValueAtPercentile(99) / 1e6;
        return r;
    }

    /** Runs this benchmark with the project's JVM flags (config/jvm.options) in the forked JVM. */
    public static void main(final String[] args) throws RunnerException, IOException {
        final List<String> flags = Files.readAllLines(Path.of("config", "jvm.options")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        new Runner(new OptionsBuilder().include(OverloadBenchmark.class.getName())
                .jvmArgsAppend(flags.toArray(new String[0])).build()).run();
    }
}
