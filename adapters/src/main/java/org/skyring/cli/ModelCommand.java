package org.skyring.cli;

import org.skyring.catalog.SkyCatalog;
import org.skyring.engine.classify.FeatureTable;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.ObservationSource;
import org.skyring.train.ModelTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code skyring model train}: trains the classification model on labelled observations and writes the model file. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Train classification models.",
        subcommands = ModelCommand.Train.class)
final class ModelCommand {
    /** Tribuo logs every training step at INFO through java.util.logging; held strongly so the level sticks. */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the classifier (Tribuo logistic regression), its calibration and anomaly detector.")
    static final class Train implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--input", required = true,
                description = "FORMAT:PATH, repeatable: jsonl:FILE, ztf-avro:PATH (labels from the alerts: asteroids, "
                        + "PS1/catalog stars, Fink annotations), generated:COUNT[@SEED] (labelled synthetic night).")
        List<String> inputs = new ArrayList<>();

        @Option(names = "--labels", description = "CSV of observation_id,label (default: the records' truth labels).")
        Path labels;

        @Option(names = "--out", required = true, description = "Model file to write (JSON).")
        Path out;

        @Option(names = "--config", description = "Config file (default: the shipped config/skyring.yaml).")
        Path config;

        @Option(names = "--limit", description = "Read at most this many observations (default: ${DEFAULT-VALUE}).")
        long limit = 5_000_000;

        @Option(names = "--epochs", description = "SGD epochs (default: ${DEFAULT-VALUE}).")
        int epochs = ModelTrainer.Settings.defaults().epochs();

        @Option(names = "--seed", description = "Training seed (default: ${DEFAULT-VALUE}).")
        long seed = ModelTrainer.Settings.defaults().seed();

        @Option(names = "--exclude-label-features", negatable = true,
                description = "Leave out of the model the features computed from the inputs its labels were derived "
                        + "from (asteroid distance and flags for ssdistnr/Fink roid labels, PS1 distance/score and the "
                        + "star flag for sgscore labels, catalog flags for catalog/SIMBAD labels), so held-out figures "
                        + "measure the model, not the labelling rule read back. Default: on when any label was derived "
                        + "from the alerts' own fields (real alerts without --labels), off for truth labels and --labels.")
        Boolean excludeLabelFeatures;

        @Option(names = "--exclude-feature", paramLabel = "KEY",
                description = "Also leave this feature out (repeatable; keys as in the model file's features, e.g. "
                        + "log_detections): ablations, e.g. a single-epoch model without the history features.")
        List<String> excludeFeatures = new ArrayList<>();

        @Override
        public Integer call() {
            TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
            final SkyringConfig cfg = EngineAssembly.config(config);
            final SkyCatalog catalog = EngineAssembly.catalog(cfg);
            final org.skyring.train.AlertLabels.Tally tally = new org.skyring.train.AlertLabels.Tally();
            final FeatureTable.Labeller labeller = EngineAssembly.labeller(EngineAssembly.labels(labels), inputs, cfg, tally);
            final long t0 = System.nanoTime();
            final List<FeatureTable.Row> rows = new ArrayList<>();
            for (final ObservationSource source : EngineAssembly.sources(inputs, cfg, null, true, catalog)) {
                rows.addAll(FeatureTable.extract(cfg, catalog, source, labeller, limit));
            }
            final java.util.Map<org.skyring.journal.TruthLabel, Integer> byLabel = new java.util.TreeMap<>();
            rows.forEach(r -> byLabel.merge(r.label(), 1, Integer::sum));
            System.out.printf("skyring model train: %d labelled, modelled observations from %s (%.1f s): %s%n", rows.size(),
                    inputs, (System.nanoTime() - t0) / 1e9, byLabel);
            final ModelTrainer.Settings d = ModelTrainer.Settings.defaults();
            ModelTrainer.Settings settings = new ModelTrainer.Settings(epochs, d.learningRate(), seed, d.forestTrees(),
                    d.forestSampleSize());
            final java.util.Set<org.skyring.engine.classify.Feature> leaking = tally.leakingFeatures();
            if (!tally.byRule().isEmpty()) {
                System.out.println("skyring model train: " + tally.describe());
            }
            final java.util.Set<org.skyring.engine.classify.Feature> excluded =
                    java.util.EnumSet.noneOf(org.skyring.engine.classify.Feature.class);
            final List<String> why = new ArrayList<>();
            final boolean label = excludeLabelFeatures == null ? !leaking.isEmpty() : excludeLabelFeatures;
            if (label && !leaking.isEmpty()) {
                excluded.addAll(leaking);
                why.add(tally.describe());
            }
            if (!excludeFeatures.isEmpty()) {
                for (final String key : excludeFeatures) {
                    try {
                        excluded.add(org.skyring.engine.classify.Feature.byKey(key));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("--exclude-feature: " + e.getMessage(), e);
                    }
                }
                why.add("asked: --exclude-feature " + String.join(",", excludeFeatures));
            }
            if (!excluded.isEmpty()) {
                settings = settings.excluding(excluded, String.join("; ", why));
                System.out.println("skyring model train: excluded features " + excluded);
            }
            if (!label && !leaking.isEmpty() && !excluded.containsAll(leaking)) {
                System.out.println("skyring model train: WARNING --no-exclude-label-features: the model sees " + leaking
                        + ", computed from the inputs its labels were derived from; its held-out figures restate "
                        + "the labelling rules");
            }
            final ModelTrainer.Result result = ModelTrainer.train(rows, settings,
                    String.join(" ", inputs) + (labels == null ? "" : " labels " + labels));
            result.model().save(out);
            System.out.println("skyring model train: split by object (FNV-1a of the object key; held-out test objects: "
                    + "score them with skyring eval --held-out) " + result.splitCounts());
            result.heldOut().forEach((k, v) -> System.out.printf("  held-out %-10s %.4f%n", k, v));
            System.out.println("skyring model train: wrote " + out + " version "
                    + org.skyring.engine.classify.ClassModel.load(out).version()
                    + " (set classification.model.file to use it)");
            return 0;
        }
    }
}
