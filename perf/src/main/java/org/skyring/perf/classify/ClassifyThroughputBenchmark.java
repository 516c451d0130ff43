package org.skyring.perf.classify;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.Engine;
import org.skyring.engine.RunResult;
import org.skyring.engine.RunSpec;
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.classify.FeatureTable;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.train.ModelTrainer;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whole-engine time per observation (real ring, real journals) with classification {@code rules} only (no
 * history, no model) versus {@code full} (history + model + anomaly detector). Each invocation runs a fresh
 * data directory through {@link #OBSERVATIONS} generated observations; the score is time per observation, so
 * throughput = 1e9 / score. {@code pressure} on is the deployed engine: fed as fast as it takes them it goes into
 * fast mode and defers routine-looking events, whose full classification (background reclassifier) the run
 * waits for, so it is in the time; off decides every event fully on the ring (the classification's own cost).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx3g"})
public class ClassifyThroughputBenchmark {
    static final int OBSERVATIONS = 100_000;

    @Param({"rules", "full"})
    public String mode;

    @Param({"on", "off"})
    public String pressure;

    private SkyringConfig config;
    private SkyCatalog catalog;
    private ClassModel model;

    @Setup(Level.Trial)
    public void setUp() {
        final SkyringConfig defaults = SkyringConfig.loadDefault();
        catalog = SyntheticCatalog.generate(defaults.knownObjects().syntheticSources(), defaults.knownObjects().syntheticSeed());
        if ("full".equals(mode)) {
            model = ModelTrainer.train(FeatureTable.extract(defaults, catalog, new GeneratedNightSource(
                    new NightGenerator(catalog, 99, ClassifyBenchmark.NIGHT_START), 30_000), (o, known) -> o.truthLabel, 30_000),
                    ModelTrainer.Settings.defaults(), "benchmark").model();
        }
        try {
            config = SkyringConfig.load(writeConfig(!"full".equals(mode), "off".equals(pressure)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shipped config with the object history off (rules only) and/or the pressure controller off. */
    private static java.nio.file.Path writeConfig(final boolean rulesOnly, final boolean pressureOff) throws IOException {
        String yaml;
        try (var in = SkyringConfig.class.getResourceAsStream("/skyring.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (rulesOnly) {
            yaml = replaceOnce(yaml, "    history: true", "    history: false");
        }
        if (pressureOff) {
            final int section = yaml.indexOf("\npressure:");
            final int enabled = yaml.indexOf("\n  enabled: true", section);
            if (section < 0 || enabled < 0) {
                throw new IllegalStateException("shipped config: no pressure.enabled to turn off");
            }
            yaml = yaml.substring(0, enabled) + "\n  enabled: false" + yaml.substring(enabled + "\n  enabled: true".length());
        }
        final java.nio.file.Path file = Files.createTempFile("skyring-bench-", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static String replaceOnce(final String yaml, final String from, final String to) {
        if (!yaml.contains(from)) {
            throw new IllegalStateException("shipped config: no \"" + from.trim() + "\" to change");
        }
        return yaml.replace(from, to);
    }

    @Benchmark
    @OperationsPerInvocation(OBSERVATIONS)
    public long engineRun() throws IOException {
        final java.nio.file.Path dir = Files.createTempDirectory("skyring-bench-engine-");
        final RunResult r = new Engine(config, catalog, model).run(RunSpec.live(dir, List.of(new GeneratedNightSource(
                new NightGenerator(catalog, 17, ClassifyBenchmark.NIGHT_START), OBSERVATIONS)), true, new AtomicBoolean()));
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return r.received();
    }
}
