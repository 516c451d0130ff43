package org.skyring.engine.classify;

import org.skyring.catalog.SkyCatalog;
import org.skyring.engine.EngineVersion;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.ObservationSource;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.engine.stage.ArtifactFilter;
import org.skyring.engine.stage.Classifier;
import org.skyring.engine.stage.KnownObjectFilter;
import org.skyring.engine.stage.QualityFilter;
import org.skyring.engine.stage.Validator;
import org.skyring.journal.FixedAscii;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.TruthLabel;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's training and evaluation table: observations from a source pushed, one at a time and in order,
 * through the engine's own stages (validate, quality, cross-match, artifacts, classify with an in-memory object
 * history), keeping the feature vector of every observation that reaches the model step. Same code as the
 * engine, so the features at training are the features at decision time. Cold path (allocates per row).
 */
public final class FeatureTable {
    /**
     * One modelled observation: its features and its label, and its object key ({@link ObjectHistory#keyOf}: the
     * survey object id, else a sky cell) by which train/calibration/test splits keep an object on one side.
     */
    public record Row(String observationId, String objectKey, double[] features, TruthLabel label) {
    }

    /** The label of an observation given the cross-match rules that fired for it ({@link TruthLabel#NONE}: no label). */
    @FunctionalInterface
    public interface Labeller {
        TruthLabel label(ObservationRecord o, long knownRules);
    }

    private FeatureTable() {
    }

    /**
     * @param labeller the label of an observation (its journaled truth label, one from a label file, or one derived
     *                 from the alert and its cross-match); {@link TruthLabel#NONE} drops the row
     * @param limit    at most this many observations are read from the source
     */
    public static List<Row> extract(final SkyringConfig config, final SkyCatalog catalog, final ObservationSource source,
                                    final Labeller labeller, final long limit) {
        final List<Row> rows = new ArrayList<>();
        final Validator validator = new Validator(config.validation());
        final QualityFilter quality = new QualityFilter(config.quality());
        final KnownObjectFilter known = new KnownObjectFilter(config.knownObjects(), catalog);
        final ArtifactFilter artifacts = new ArtifactFilter(config.artifacts());
        try (ObjectHistory history = ObjectHistory.inMemory(
                Math.max(10_000, Math.min(config.classification().model().historyMaxObjects(), 2 * limit)),
                config.classification().minPairSeparationDays())) {
            final Classifier classifier = new Classifier(config, catalog.version(), EngineVersion.VERSION, history, null)
                    .captureFeatures(true);
            final ObservationEvent e = new ObservationEvent();
            final FixedAscii objectKey = new FixedAscii(ObservationRecord.ID_CAPACITY);
            source.open();
            try {
                long index = 0;
                while (index < limit && !source.isExhausted()) {
                    e.reset(ObservationEvent.Kind.LIVE);
                    if (!source.poll(e.obs)) {
                        continue;
                    }
                    e.inputIndex = index++;
                    validator.onEvent(e);
                    quality.onEvent(e);
                    known.onEvent(e);
                    artifacts.onEvent(e);
                    classifier.onEvent(e);
                    final double[] f = classifier.lastFeatures();
                    if (f == null) {
                        continue;
                    }
                    final TruthLabel label = labeller.label(e.obs, e.knownRules);
                    if (label != TruthLabel.NONE && label != TruthLabel.INVALID) {
                        ObjectHistory.keyOf(e.obs, objectKey);
                        rows.add(new Row(e.obs.observationId.toString(), objectKey.toString(), f.clone(), label));
                    }
                }
            } finally {
                source.close();
            }
        }
        return rows;
    }
}
