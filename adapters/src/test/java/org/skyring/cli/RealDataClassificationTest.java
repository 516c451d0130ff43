package org.skyring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.adapters.avro.AvroSources;
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.classify.Feature;
import org.skyring.engine.classify.FeatureTable;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.TruthLabel;
import org.skyring.testsupport.SharedData;
import org.skyring.train.AlertLabels;
import org.skyring.train.ModelTrainer;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 5 on real data: {@code skyring model train} on the real ZTF alerts of ../shared/data (labels from the
 * alerts themselves: ssdistnr asteroids, PS1 stars, Fink finkclass/cdsxmatch/roid), then {@code skyring eval
 * --held-out} on the same files: only objects of the test split are scored, none of them was seen by training or
 * calibration, and the report agrees with its own confusion matrices and reliability bins, which the SVG draws.
 * The model sees none of the features computed from the inputs those labels come from (label leakage).
 */
class RealDataClassificationTest {
    @TempDir
    Path tmp;

    private static int cli(final String... args) {
        return new CommandLine(new SkyringCli()).execute(args);
    }

    @Test
    void trainOnRealAlertsEvaluateOnHeldOutObjectsOnly() throws Exception {
        final String input = "ztf-avro:" + SharedData.require("ztf");
        final Path model = tmp.resolve("real-model.json");
        assertEquals(0, cli("model", "train", "--input", input, "--out", model.toString()));
        final ClassModel m = ClassModel.load(model);
        final Set<TruthLabel> classes = new HashSet<>();
        for (int k = 0; k < m.classCount(); k++) {
            classes.add(m.classAt(k));
        }
        assertTrue(classes.contains(TruthLabel.KNOWN_ASTEROID) && classes.contains(TruthLabel.KNOWN_STAR),
                "real labels give asteroids and stars: " + classes);
        // The labels come from ssdistnr and PS1 sgscore/distpsnr (and Fink/SIMBAD, catalogs): by default the model
        // sees none of the features computed from those inputs, so it cannot learn the labelling rules back.
        for (final Feature f : new Feature[]{Feature.SOLAR_SYSTEM_DISTANCE, Feature.KNOWN_SOLAR_SYSTEM,
                Feature.SUSPECT_SOLAR_SYSTEM, Feature.STAR_DISTANCE, Feature.STAR_SCORE, Feature.KNOWN_STAR}) {
            assertTrue(m.excludes(f), f.key() + " excluded: " + List.of(m.file().excludedFeatures));
            for (int k = 0; k < m.classCount(); k++) {
                assertEquals(0.0, m.file().weights[k][f.ordinal()], f.key());
            }
        }
        assertFalse(m.excludes(Feature.MAG) || m.excludes(Feature.LOG_DETECTIONS), "only the leaking features");

        final Path json = tmp.resolve("real-eval.json");
        final Path svg = tmp.resolve("real-reliability.svg");
        assertEquals(0, cli("eval", "--input", input, "--model", model.toString(), "--held-out",
                "--dir", tmp.resolve("eval").toString(), "--json", json.toString(), "--plot", svg.toString()));
        final JsonNode e = new ObjectMapper().readTree(json.toFile());
        assertEquals(m.version(), e.get("model_version").asText());
        assertTrue(e.get("held_out").asBoolean());
        assertTrue(e.get("decisions").asLong() >= 30, "labelled held-out decisions: " + e.get("decisions"));
        assertTrue(e.get("per_class").has("known_asteroid") && e.get("per_class").has("known_star"), e.toString());
        final Set<String> excludedInReport = new HashSet<>();
        e.get("excluded_features").forEach(n -> excludedInReport.add(n.asText()));
        assertEquals(Set.of(m.file().excludedFeatures), excludedInReport, "eval reports the model's exclusions");
        assertTrue(e.get("leaking_features").isEmpty(), "no feature of a label source is seen: " + e.get("leaking_features"));
        assertTrue(e.get("labels_by_rule").has("ssdistnr") && e.get("labels_by_rule").has("ps1_sgscore"),
                "held-out labels by rule: " + e.get("labels_by_rule"));
        EvalReportChecks.assertConsistent(e);
        EvalReportChecks.assertPlotMatchesBins(svg, e);

        // The held-out objects: all in the test split, and none among the objects training and calibration used.
        // The training side is rebuilt through the same code the command runs (same config, labels, inputs),
        // and is checked to be that model by its version (a hash of the model file).
        final Set<String> heldOut = new HashSet<>();
        e.get("held_out_objects").forEach(n -> heldOut.add(n.asText()));
        assertFalse(heldOut.isEmpty());
        heldOut.forEach(o -> assertEquals(ModelTrainer.TEST_SPLIT, ModelTrainer.split(o), o + " is a test object"));
        final SkyringConfig cfg = SkyringConfig.loadDefault();
        final AlertLabels.Tally tally = new AlertLabels.Tally();
        final FeatureTable.Labeller labeller = EngineAssembly.labeller(EngineAssembly.labels(null), List.of(input), cfg, tally);
        final List<FeatureTable.Row> rows = FeatureTable.extract(cfg, EngineAssembly.catalog(cfg),
                AvroSources.fileSource("ztf-avro", input.substring("ztf-avro:".length()), cfg, null), labeller, 5_000_000);
        final ModelTrainer.Result fitted = ModelTrainer.train(rows, ModelTrainer.Settings.defaults()
                .excluding(tally.leakingFeatures(), tally.describe()), input);
        assertEquals(m.version(), fitted.model().version(), "the same training as the command's");
        assertTrue(fitted.fittedObjects().size() > 50, "objects used to fit: " + fitted.fittedObjects().size());
        final Set<String> both = new HashSet<>(heldOut);
        both.retainAll(fitted.fittedObjects());
        assertTrue(both.isEmpty(), "held-out objects seen in training or calibration: " + both);
        for (final FeatureTable.Row test : fitted.test()) {
            assertFalse(fitted.fittedObjects().contains(test.objectKey()), "object straddles the split: " + test.objectKey());
        }
    }

    /**
     * The opt-out: {@code --no-exclude-label-features} trains on the leaking features, and eval says so (the
     * figures then restate the labelling rules); a different model file, so a different version.
     */
    @Test
    void keepingTheLabelFeaturesIsAnnouncedByEval() throws Exception {
        final String input = "ztf-avro:" + SharedData.require("ztf");
        final Path model = tmp.resolve("leaky.json");
        assertEquals(0, cli("model", "train", "--input", input, "--out", model.toString(), "--no-exclude-label-features"));
        final ClassModel m = ClassModel.load(model);
        assertEquals(0, m.file().excludedFeatures.length);
        final Path json = tmp.resolve("leaky-eval.json");
        assertEquals(0, cli("eval", "--input", input, "--model", model.toString(), "--held-out",
                "--dir", tmp.resolve("eval").toString(), "--json", json.toString()));
        final JsonNode e = new ObjectMapper().readTree(json.toFile());
        final Set<String> leaking = new HashSet<>();
        e.get("leaking_features").forEach(n -> leaking.add(n.asText()));
        assertTrue(leaking.containsAll(Set.of("solar_system_distance", "star_score", "star_distance")), leaking.toString());
        EvalReportChecks.assertConsistent(e);
    }
}
