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
 * throughput = 1e9 / score.
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

    private SkyringConfig config;
    private SkyCatalog catalog;
    private ClassModel model;

    @Setup(Level.Trial)
    public void setUp() {
        final SkyringConfig defaults = SkyringConfig.loadDefault();
        catalog = SyntheticCatalog.generate(defaults.knownObjects().syntheticSources(), defaults.knownObjects().syntheticSeed());
        if ("full".equals(mode)) {
            config = defaults;
            model = ModelTrainer.train(FeatureTable.extract(defaults, catalog, new GeneratedNightSource(
                    new NightGenerator(catalog, 99, ClassifyBenchmark.NIGHT_START), 30_000), (o, known) -> o.truthLabel, 30_000),
                    ModelTrainer.Settings.defaults(), "benchmark").model();
        } else {
            try {
                config = SkyringConfig.load(writeRulesOnlyConfig());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static java.nio.file.Path writeRulesOnlyConfig() throws IOException {
        final String yaml;
        try (var in = SkyringConfig.class.getResourceAsStream("/skyring.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        final java.nio.file.Path file = Files.createTempFile("skyring-rules-only-", ".yaml");
        Files.writeString(file, yaml.replace("    history: true", "    history: false"));
        return file;
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
