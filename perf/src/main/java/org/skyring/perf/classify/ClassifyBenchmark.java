package org.skyring.perf.classify;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.EngineVersion;
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.classify.FeatureTable;
import org.skyring.engine.classify.ObjectHistory;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.engine.stage.ArtifactFilter;
import org.skyring.engine.stage.Classifier;
import org.skyring.engine.stage.KnownObjectFilter;
import org.skyring.engine.stage.QualityFilter;
import org.skyring.engine.stage.Validator;
import org.skyring.train.ModelTrainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Cost of the classify stage per observation (p50/p99 from JMH sample mode), side by side:
 * {@code rules} (rules only, no history), {@code history} (object history in a persisted Chronicle Map + rules),
 * {@code full} (history, rules, model probabilities, calibration, anomaly score, explanation).
 *
 * <p>Inputs: a generated night (labelled) already passed through validate/quality/cross-match/artifacts, so
 * only the classifier is timed; each call classifies the next observation with a new input index, so the history
 * is updated as in the engine. Run: see perf/README.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx2g"})
public class ClassifyBenchmark {
    static final int OBSERVATIONS = 50_000;
    static final long NIGHT_START = 1_767_225_600_000_000_000L;

    @Param({"rules", "history", "full"})
    public String mode;

    private ObservationEvent[] events;
    private Classifier classifier;
    private ObjectHistory history;
    private Path dir;
    private int next;
    private long inputIndex;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        final SkyringConfig cfg = SkyringConfig.loadDefault();
        final SkyCatalog catalog = SyntheticCatalog.generate(cfg.knownObjects().syntheticSources(),
                cfg.knownObjects().syntheticSeed());
        ClassModel model = null;
        if ("full".equals(mode)) {
            model = ModelTrainer.train(FeatureTable.extract(cfg, catalog, new GeneratedNightSource(
                    new NightGenerator(catalog, 99, NIGHT_START), 30_000), (o, known) -> o.truthLabel, 30_000),
                    ModelTrainer.Settings.defaults(), "benchmark").model();
        }
        events = new ObservationEvent[OBSERVATIONS];
        final Validator validator = new Validator(cfg.validation());
        final QualityFilter quality = new QualityFilter(cfg.quality());
        final KnownObjectFilter known = new KnownObjectFilter(cfg.knownObjects(), catalog);
        final ArtifactFilter artifacts = new ArtifactFilter(cfg.artifacts());
        final GeneratedNightSource source = new GeneratedNightSource(new NightGenerator(catalog, 5, NIGHT_START), OBSERVATIONS);
        for (int i = 0; i < OBSERVATIONS; i++) {
            final ObservationEvent e = new ObservationEvent();
            e.reset(ObservationEvent.Kind.LIVE);
            source.poll(e.obs);
            validator.onEvent(e);
            quality.onEvent(e);
            known.onEvent(e);
            artifacts.onEvent(e);
            events[i] = e;
        }
        dir = Files.createTempDirectory("skyring-bench-history-");
        history = "rules".equals(mode) ? null : ObjectHistory.open(dir, 100_000, cfg.classification().minPairSeparationDays());
        classifier = new Classifier(cfg, catalog.version(), EngineVersion.VERSION, history, model);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (history != null) {
            history.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public double classifyOne() {
        final ObservationEvent e = events[next];
        next = next + 1 == OBSERVATIONS ? 0 : next + 1;
        e.inputIndex = inputIndex++; // a new journal index: the history applies it (the engine's steady state)
        classifier.onEvent(e);
        return e.decision.confidence;
    }
}
