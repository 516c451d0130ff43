package org.skyring.perf;

import org.agrona.concurrent.SystemEpochNanoClock;
import org.skyring.engine.EngineVersion;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.stage.ArtifactFilter;
import org.skyring.engine.stage.Classifier;
import org.skyring.engine.stage.EngineCounters;
import org.skyring.engine.stage.JournalIn;
import org.skyring.engine.stage.KnownObjectFilter;
import org.skyring.engine.stage.PressureTriage;
import org.skyring.engine.stage.QualityFilter;
import org.skyring.engine.stage.Router;
import org.skyring.engine.stage.Stage;
import org.skyring.engine.stage.Validator;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalAppender;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;

import java.util.Arrays;
import java.util.List;

/**
 * The engine's eight stages over one fresh journal set, built as {@code Engine.run} builds them for a live run on
 * an empty data directory, except that the classifier runs without the object history and model (rules only, as
 * with {@code model.history: false} and no model file): the harness compares how pipelines carry the same work,
 * and {@code classify.ClassifyThroughputBenchmark} measures what history, model and anomaly detector add. Every
 * system of the harness runs these same objects; only the way they are connected (ring, blocking queues, Kafka
 * Streams topology) differs.
 */
final class StageSet {
    final JournalIn journalIn;
    final Validator validator;
    final QualityFilter quality;
    /** At pressure NORMAL, as the harness never overloads the engine (OverloadBenchmark does, with the engine). */
    final PressureTriage triage;
    final KnownObjectFilter crossMatch;
    final ArtifactFilter artifacts;
    final Classifier classifier;
    final Router router;
    /** Backed by a counters file in the run's temporary directory, as the engine's are (same single-writer cost). */
    final EngineCounters counters;

    StageSet(final Workload w, final java.nio.file.Path dataDir, final JournalSet journals) {
        final SkyringConfig config = w.config();
        journals.pretouchAhead(); // as Engine.run does
        counters = new EngineCounters(org.skyring.engine.metrics.LiveCounters.create(dataDir));
        final long[] nothingRouted = new long[Destination.values().length];
        Arrays.fill(nothingRouted, -1L);
        journalIn = new JournalIn(() -> new JournalAppender(journals.input()),
                () -> new JournalCursor(journals.input()), new SystemEpochNanoClock(), "bench-host", EngineVersion.VERSION,
                config.engine().dedupeWindow());
        validator = new Validator(config.validation());
        quality = new QualityFilter(config.quality());
        crossMatch = new KnownObjectFilter(config.knownObjects(), w.catalog());
        artifacts = new ArtifactFilter(config.artifacts());
        classifier = new Classifier(config, w.catalog().version(), EngineVersion.VERSION);
        router = new Router(journals, nothingRouted, -1L, counters);
        triage = new PressureTriage(() -> 0, classifier, config);
    }

    /**
     * The stages grouped onto threads as the engine's layout groups them; per-stage runs cross-match and artifacts
     * on two threads one after the other (a queue pipeline has no diamond).
     */
    List<Stage[]> groups(final ThreadLayout layout) {
        switch (layout) {
            case SINGLE:
                return List.<Stage[]>of(new Stage[] {journalIn, validator, quality, triage, crossMatch, artifacts, classifier, router});
            case PER_STAGE:
                return List.of(new Stage[] {journalIn}, new Stage[] {validator, quality, triage}, new Stage[] {crossMatch},
                        new Stage[] {artifacts}, new Stage[] {classifier}, new Stage[] {router});
            case COMPACT:
            default:
                return List.of(new Stage[] {journalIn},
                        new Stage[] {validator, quality, triage, crossMatch, artifacts, classifier, router});
        }
    }
}
