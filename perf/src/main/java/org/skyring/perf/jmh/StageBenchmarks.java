package org.skyring.perf.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.skyring.catalog.ConeResult;
import org.skyring.engine.EngineVersion;
import org.skyring.engine.stage.ArtifactFilter;
import org.skyring.engine.stage.Classifier;
import org.skyring.engine.stage.KnownObjectFilter;
import org.skyring.engine.stage.QualityFilter;
import org.skyring.engine.stage.Validator;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.ObservationRecord;

import java.util.concurrent.TimeUnit;

/**
 * One benchmark per decision stage, each on the generated night's mix (valid, invalid, bogus, known, artifacts,
 * transients), cycling through {@link BenchData#SIZE} observations so caches see realistic variety; the stages
 * after validation get only the observations that pass it, as in the engine. Average time
 * per observation; stages that keep state (artifact trackers) keep it across calls, as in the engine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class StageBenchmarks {
    private BenchData data;
    private Validator validator;
    private QualityFilter quality;
    private KnownObjectFilter crossMatch;
    private ArtifactFilter artifacts;
    private Classifier classifier;
    private final DecisionRecord decision = new DecisionRecord();
    private final ConeResult cone = new ConeResult(4096);
    private double radiusArcsec;
    private int next;
    /** Per observation: the classifier's inputs, computed once by the earlier stages. */
    private final DecisionRecord[] decided = new DecisionRecord[BenchData.SIZE];
    private final long[] qualityRules = new long[BenchData.SIZE];
    private final long[] knownRules = new long[BenchData.SIZE];
    private final long[] artifactRules = new long[BenchData.SIZE];
    /** The observations that pass validation: the only ones the later stages see in the engine. */
    private ObservationRecord[] valid;

    @Setup
    public void setUp() {
        data = new BenchData();
        validator = new Validator(data.config.validation());
        quality = new QualityFilter(data.config.quality());
        crossMatch = new KnownObjectFilter(data.config.knownObjects(), data.catalog);
        artifacts = new ArtifactFilter(data.config.artifacts());
        classifier = new Classifier(data.config, data.catalog.version(), EngineVersion.VERSION);
        radiusArcsec = data.config.knownObjects().searchRadiusArcsec();
        final ArtifactFilter setupArtifacts = new ArtifactFilter(data.config.artifacts());
        final java.util.List<ObservationRecord> passed = new java.util.ArrayList<>();
        for (int i = 0; i < BenchData.SIZE; i++) {
            final ObservationRecord o = data.observation(i);
            decided[i] = new DecisionRecord();
            if (validator.validate(o, decided[i])) {
                passed.add(o);
                qualityRules[i] = quality.failedCuts(o);
                knownRules[i] = crossMatch.match(o, decided[i]);
                artifactRules[i] = setupArtifacts.artifacts(o);
            }
        }
        // a power-of-two prefix, so the index wraps with a mask
        valid = passed.subList(0, Integer.highestOneBit(passed.size())).toArray(new ObservationRecord[0]);
    }

    private ObservationRecord nextValid() {
        return valid[next++ & (valid.length - 1)];
    }

    private ObservationRecord nextObservation() {
        return data.observation(next++);
    }

    @Benchmark
    public boolean validation() {
        decision.clear();
        return validator.validate(nextObservation(), decision);
    }

    @Benchmark
    public long qualityCuts() {
        return quality.failedCuts(nextValid());
    }

    /** The catalog's cone search alone, at the cross-match stage's largest radius. */
    @Benchmark
    public int coneSearch() {
        final ObservationRecord o = nextValid();
        return data.catalog.search(o.raDeg, o.decDeg, radiusArcsec, cone);
    }

    /** The whole cross-match stage: cone search, per-type radii, host galaxy, solar-system and PS1 rules. */
    @Benchmark
    public long crossMatch() {
        decision.clear();
        return crossMatch.match(nextValid(), decision);
    }

    @Benchmark
    public long artifactFeatures() {
        return artifacts.artifacts(nextValid());
    }

    /** Classification alone, on the outputs the earlier stages produced for each observation (set up once). */
    @Benchmark
    public double classification() {
        final int i = next++ & (BenchData.SIZE - 1);
        final DecisionRecord d = decided[i];
        classifier.classify(data.observation(i), d, qualityRules[i], knownRules[i], artifactRules[i]);
        return d.urgency;
    }
}
