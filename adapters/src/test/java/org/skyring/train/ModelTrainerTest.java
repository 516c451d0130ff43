package org.skyring.train;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.classify.Calibration;
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.classify.Feature;
import org.skyring.engine.classify.FeatureTable;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.TruthLabel;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training on the generator's labelled night: the exported arrays score exactly as Tribuo's model does, the
 * saved file reloads to the same scores and version, and isotonic calibration lowers the held-out ECE.
 */
class ModelTrainerTest {
    static final long NIGHT_START = 1_767_225_600_000_000_000L;
    private static List<FeatureTable.Row> rows;

    @TempDir
    Path tmp;

    @BeforeAll
    static void table() {
        final SkyringConfig cfg = SkyringConfig.loadDefault();
        final SkyCatalog catalog = SyntheticCatalog.generate(cfg.knownObjects().syntheticSources(),
                cfg.knownObjects().syntheticSeed());
        rows = FeatureTable.extract(cfg, catalog, new GeneratedNightSource(new NightGenerator(catalog, 11, NIGHT_START),
                30_000), (o, known) -> o.truthLabel, 30_000);
    }

    @Test
    void exportedWeightsScoreExactlyAsTribuoAndSurviveSaveAndLoad() {
        final ModelTrainer.Result r = ModelTrainer.train(rows, ModelTrainer.Settings.defaults(), "test night");
        final ClassModel model = r.model();
        assertTrue(model.classCount() >= 5, "stars, asteroids, supernova-like, candidates, fast transients: "
                + model.classCount());
        final double[] z = new double[Feature.COUNT];
        final double[] ours = new double[model.classCount()];
        int compared = 0;
        for (final FeatureTable.Row row : r.test()) {
            model.standardize(row.features(), z);
            model.rawProbabilities(z, ours);
            final double[] tribuo = ModelTrainer.tribuoProbabilities(r.tribuo(), model, z);
            for (int k = 0; k < ours.length; k++) {
                assertEquals(tribuo[k], ours[k], 1e-12, "class " + model.classAt(k) + " of " + row.observationId());
            }
            if (++compared == 500) {
                break;
            }
        }
        final Path file = tmp.resolve("model.json");
        model.save(file);
        final ClassModel loaded = ClassModel.load(file);
        assertEquals(model.version(), loaded.version(), "version = name + hash of the file");
        assertTrue(loaded.version().startsWith("logit-"));
        final double[] rawA = new double[model.classCount()];
        final double[] rawB = new double[model.classCount()];
        final double[] calA = new double[model.classCount()];
        final double[] calB = new double[model.classCount()];
        for (int i = 0; i < 500; i++) {
            final FeatureTable.Row row = rows.get(i);
            model.standardize(row.features(), z);
            model.rawProbabilities(z, rawA);
            model.calibrate(rawA, calA);
            final double anomalyA = model.anomaly(z, null);
            loaded.standardize(row.features(), z);
            loaded.rawProbabilities(z, rawB);
            loaded.calibrate(rawB, calB);
            assertEquals(Double.doubleToLongBits(anomalyA), Double.doubleToLongBits(loaded.anomaly(z, null)));
            for (int k = 0; k < rawA.length; k++) {
                assertEquals(Double.doubleToLongBits(rawA[k]), Double.doubleToLongBits(rawB[k]));
                assertEquals(Double.doubleToLongBits(calA[k]), Double.doubleToLongBits(calB[k]));
            }
        }
        assertTrue(r.heldOut().get("accuracy") > 0.95, "held-out accuracy " + r.heldOut());
    }

    /**
     * Leakage control: a model trained without the cross-match features scores the same, bit for bit, whatever
     * those inputs say (ssdistnr, PS1 distance/score, catalog rules), through the engine's own classifier; the
     * same perturbation moves a model that sees them (so the check can fail). The exclusion survives save/load and
     * is part of the version; a file whose excluded feature has a weight is refused.
     */
    @Test
    void excludedFeaturesAreNeverUsedAndTheMaskTravelsWithTheModelFile() throws Exception {
        final java.util.Set<Feature> leaking = Feature.derivedFrom(java.util.EnumSet.allOf(Feature.Source.class));
        final ClassModel masked = ModelTrainer.train(rows, ModelTrainer.Settings.defaults().excluding(leaking,
                "test: labels from cross-matches"), "test night").model();
        final ClassModel full = ModelTrainer.train(rows, ModelTrainer.Settings.defaults(), "test night").model();
        for (final Feature f : Feature.values()) {
            assertEquals(leaking.contains(f), masked.excludes(f), f.key());
            assertTrue(!full.excludes(f), f.key());
            for (int k = 0; k < masked.classCount(); k++) {
                if (leaking.contains(f)) {
                    assertEquals(0.0, masked.file().weights[k][f.ordinal()], f.key() + " weight");
                }
            }
        }
        final SkyringConfig cfg = SkyringConfig.loadDefault();
        final org.skyring.engine.stage.Classifier maskedC = new org.skyring.engine.stage.Classifier(cfg, "t", "t", null, masked);
        final org.skyring.engine.stage.Classifier fullC = new org.skyring.engine.stage.Classifier(cfg, "t", "t", null, full);
        final java.util.Random rnd = new java.util.Random(5);
        final long[] crossMatchRules = {0L, org.skyring.journal.Rule.KNOWN_SOLAR_SYSTEM.mask(),
                org.skyring.journal.Rule.SUSPECT_SOLAR_SYSTEM.mask(), org.skyring.journal.Rule.KNOWN_PS1_STAR.mask(),
                org.skyring.journal.Rule.KNOWN_CATALOG_STAR.mask(), org.skyring.journal.Rule.HOST_GALAXY.mask()};
        int fullMoved = 0;
        for (int i = 0; i < 200; i++) {
            final org.skyring.journal.ObservationRecord o = observation(i);
            final org.skyring.journal.ObservationRecord p = observation(i);
            // the perturbed twin: every cross-match input different, including absent (NaN) and extreme values
            p.solarSystemDistanceArcsec = i % 7 == 0 ? Double.NaN : rnd.nextDouble() * 40;
            p.nearestStarDistanceArcsec = i % 5 == 0 ? Double.NaN : rnd.nextDouble() * 40;
            p.nearestStarScore = i % 3 == 0 ? 1e9 : rnd.nextDouble();
            final long rulesA = 0L;
            final long rulesB = crossMatchRules[1 + i % (crossMatchRules.length - 1)];
            final org.skyring.journal.DecisionRecord a = new org.skyring.journal.DecisionRecord();
            final org.skyring.journal.DecisionRecord b = new org.skyring.journal.DecisionRecord();
            maskedC.scoreModel(o, a, rulesA, 0.05, 30.0);
            maskedC.scoreModel(p, b, rulesB, 0.05, 30.0);
            assertEquals(a.modelClass, b.modelClass, "class of " + i);
            assertEquals(Double.doubleToLongBits(a.modelRawProbability), Double.doubleToLongBits(b.modelRawProbability));
            assertEquals(Double.doubleToLongBits(a.anomalyScore), Double.doubleToLongBits(b.anomalyScore), "anomaly of " + i);
            for (int k = 0; k < a.classProbabilities.length; k++) {
                assertEquals(Double.doubleToLongBits(a.classProbabilities[k]), Double.doubleToLongBits(b.classProbabilities[k]));
            }
            fullC.scoreModel(o, a, rulesA, 0.05, 30.0);
            fullC.scoreModel(p, b, rulesB, 0.05, 30.0);
            fullMoved += java.util.Arrays.equals(a.classProbabilities, b.classProbabilities) ? 0 : 1;
        }
        assertTrue(fullMoved > 150, "the same perturbation moves a model that sees those features: " + fullMoved);

        final Path file = tmp.resolve("masked.json");
        masked.save(file);
        final ClassModel loaded = ClassModel.load(file);
        assertEquals(masked.version(), loaded.version());
        assertTrue(!loaded.version().equals(full.version()), "the exclusion is part of the version");
        assertEquals(java.util.Arrays.asList(masked.file().excludedFeatures), java.util.Arrays.asList(loaded.file().excludedFeatures));
        assertEquals("test: labels from cross-matches", loaded.file().excludedBecause);
        for (final Feature f : Feature.values()) {
            assertEquals(leaking.contains(f), loaded.excludes(f), f.key());
        }
        // a hand-edited file giving an excluded feature a weight is refused, naming it
        final com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("weights").get(0))
                .set(Feature.SOLAR_SYSTEM_DISTANCE.ordinal(), 0.5);
        final Path edited = tmp.resolve("edited.json");
        new com.fasterxml.jackson.databind.ObjectMapper().writeValue(edited.toFile(), json);
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ClassModel.load(edited));
        assertTrue(e.getMessage().contains("solar_system_distance"), e.getMessage());
    }

    private static org.skyring.journal.ObservationRecord observation(final int i) {
        final org.skyring.journal.ObservationRecord o = new org.skyring.journal.ObservationRecord();
        o.observationId.set("leak-" + i);
        o.observationTimeNanos = NIGHT_START;
        o.band = i % 2 == 0 ? org.skyring.journal.Band.G : org.skyring.journal.Band.R;
        o.value = 15 + (i % 60) * 0.1;
        o.valueUncertainty = 0.02 + (i % 9) * 0.02;
        o.realBogus = 0.5 + (i % 50) * 0.01;
        o.fwhmPx = 1.5 + (i % 13) * 0.2;
        o.elongation = 1.0 + (i % 11) * 0.04;
        o.solarSystemDistanceArcsec = 0.5 + (i % 4);
        o.nearestStarDistanceArcsec = 0.3 + (i % 3) * 0.5;
        o.nearestStarScore = 0.99;
        return o;
    }

    @Test
    void anUnusualLightCurveIsFlaggedAnomalousNamedAndSentToAHuman() {
        final ClassModel model = ModelTrainer.train(rows, ModelTrainer.Settings.defaults(), "test night").model();
        final SkyringConfig cfg = SkyringConfig.loadDefault();
        final org.skyring.engine.stage.Classifier c = new org.skyring.engine.stage.Classifier(cfg, "test", "test", null, model);
        final org.skyring.journal.ObservationRecord o = new org.skyring.journal.ObservationRecord();
        o.observationId.set("odd-1");
        o.observationTimeNanos = NIGHT_START;
        o.raDeg = 150;
        o.decDeg = 20;
        o.band = org.skyring.journal.Band.R;
        o.value = 9.0; // far brighter than anything in the night, very elongated, wide PSF, barely real,
        o.valueUncertainty = 0.3; // low SNR: by its scores alone it would only be archived as routine
        o.realBogus = 0.56;
        o.fwhmPx = 5.4;
        o.elongation = 1.39;
        final org.skyring.journal.DecisionRecord d = new org.skyring.journal.DecisionRecord();
        c.classify(o, d, 0, 0, 0, -1, true);
        assertTrue(d.anomalyScore >= cfg.classification().model().anomalyThreshold(), "anomaly " + d.anomalyScore);
        assertTrue(d.fired(org.skyring.journal.Rule.CLASS_ANOMALOUS));
        assertEquals(org.skyring.journal.Category.UNKNOWN, d.category, d.explanation.toString());
        assertTrue(d.confidence <= cfg.classification().model().anomalyConfidence(),
                "routine-bound and anomalous: confidence at most the cap, a human triages it: " + d.confidence);
        assertTrue(d.explanation.toString().matches(".*; anomaly 0\\.\\d\\d \\([^,]+, [^)]+\\).* -> unknown"),
                d.explanation.toString());
        // the same classifier with the model step deferred (pressure): no probabilities, flagged, still decided
        final org.skyring.journal.DecisionRecord deferred = new org.skyring.journal.DecisionRecord();
        c.classify(o, deferred, 0, 0, 0, -1, false);
        assertEquals(org.skyring.journal.DecisionRecord.FLAG_DEFERRED, deferred.flags);
        assertEquals(org.skyring.journal.DecisionRecord.NO_CLASS, deferred.modelClass);
        assertTrue(Double.isNaN(deferred.anomalyScore));
        assertTrue(deferred.explanation.toString().contains("; model deferred"), deferred.explanation.toString());
        assertEquals(model.version(), deferred.modelVersion.toString());
    }

    @Test
    void isotonicCalibrationLowersHeldOutEce() {
        // One short epoch at a small learning rate leaves the softmax under-confident: miscalibrated on purpose.
        final ModelTrainer.Result r = ModelTrainer.train(rows,
                new ModelTrainer.Settings(1, 0.002, 3, 20, 128), "under-trained on purpose");
        final ClassModel model = r.model();
        final TruthLabel[] classes = ModelTrainer.classes(model);
        final double[][] raw = ModelTrainer.rawProbabilities(model, r.test());
        final double[][] cal = ModelTrainer.calibrate(model, raw);
        final int[] truth = ModelTrainer.truth(r.test(), classes);
        final double before = Calibration.topLabelEce(raw, truth);
        final double after = Calibration.topLabelEce(cal, truth);
        assertTrue(after < before, "ECE after calibration " + after + " < before " + before);
        assertTrue(Calibration.multiclassBrier(cal, truth) < Calibration.multiclassBrier(raw, truth), "Brier too");
        assertEquals(before, r.heldOut().get("ece_raw"), 1e-12, "the trainer reports the same measurement");
        assertEquals(after, r.heldOut().get("ece"), 1e-12);
        for (int k = 0; k < classes.length; k++) {
            final double eceK = Calibration.ece(Calibration.column(cal, k), Calibration.isClass(truth, k));
            assertTrue(eceK >= 0 && eceK <= 1, "per-class ECE of " + classes[k] + ": " + eceK);
        }
    }
}
