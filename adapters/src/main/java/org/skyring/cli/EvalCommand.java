package org.skyring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.skyring.catalog.SkyCatalog;
import org.skyring.engine.Engine;
import org.skyring.engine.RunSpec;
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.classify.Evaluation;
import org.skyring.engine.classify.FeatureTable;
import org.skyring.engine.classify.ObjectHistory;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.pressure.Reclassifier;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.FixedAscii;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.TruthLabel;
import org.skyring.train.ModelTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code skyring eval}: runs labelled input through the real engine (journals in a scratch directory), then scores
 * the decision journal against the labels: category and class confusion matrices, per-class precision/recall,
 * Brier score, ECE and a reliability diagram.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate classification on labelled input: confusion matrices, precision/recall, Brier, ECE.")
final class EvalCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--input", required = true,
            description = "FORMAT:PATH, repeatable (jsonl:FILE, ztf-avro:PATH, generated:COUNT[@SEED]).")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--labels", description = "CSV of observation_id,label (default: the records' truth labels).")
    Path labels;

    @Option(names = "--model", description = "Model file (default: classification.model.file of the config).")
    Path model;

    @Option(names = "--config", description = "Config file (default: the shipped config/skyring.yaml).")
    Path config;

    @Option(names = "--dir", description = "Data directory for the run (default: a new temporary directory).")
    Path dir;

    @Option(names = "--json", description = "Write the evaluation (accuracy, per_class, brier, ece, ...) as JSON.")
    Path json;

    @Option(names = "--plot", description = "Write the reliability diagram (.svg).")
    Path plot;

    @Option(names = "--held-out", description = "Score only objects of the test split that `skyring model train` "
            + "keeps out of training and calibration (split by object key); the JSON lists them under held_out_objects.")
    boolean heldOut;

    @Override
    public Integer call() throws IOException {
        final SkyringConfig cfg = EngineAssembly.config(config);
        final SkyCatalog catalog = EngineAssembly.catalog(cfg);
        final ClassModel m = model != null ? ClassModel.load(model)
                : cfg.classification().model().hasFile() ? ClassModel.load(Path.of(cfg.classification().model().file())) : null;
        final Path data = dir != null ? dir : Files.createTempDirectory("skyring-eval-");
        final org.skyring.train.AlertLabels.Tally tally = new org.skyring.train.AlertLabels.Tally();
        final FeatureTable.Labeller labeller = EngineAssembly.labeller(EngineAssembly.labels(labels), inputs, cfg, tally);
        new Engine(cfg, catalog, m).run(RunSpec.live(data, EngineAssembly.sources(inputs, cfg, null, true, catalog), true, new AtomicBoolean()));
        // Scored on a replay of the run's input journal: a replay never defers (no pressure controller), so the
        // figures measure the full classification, not how much this machine's load made the live run defer.
        final Path replay = data.resolve("replay");
        new Engine(cfg, catalog, m).run(RunSpec.replay(data, replay));
        final Evaluation eval = evaluate(data, replay, cfg, labeller, heldOut);
        System.out.println("skyring eval: " + eval.decisions() + " labelled decisions"
                + (heldOut ? " of " + eval.objects().size() + " held-out objects" : "") + ", model "
                + (m == null ? "none (rules only)" : m.version()) + ", data directory " + data.toAbsolutePath());
        final List<String> excluded = m == null ? List.of() : List.of(m.file().excludedFeatures);
        // features the model sees although the labels scored here rest on their inputs: those figures leak
        final List<String> leaking = new ArrayList<>();
        if (m != null) {
            System.out.println("model excludes features " + excluded
                    + (excluded.isEmpty() ? "" : " (" + m.file().excludedBecause + ")"));
            tally.leakingFeatures().forEach(f -> {
                if (!m.excludes(f)) {
                    leaking.add(f.key());
                }
            });
        }
        if (!tally.byRule().isEmpty()) {
            System.out.println("scored " + tally.describe());
        }
        if (!leaking.isEmpty()) {
            System.out.println("WARNING: the model sees " + leaking + ", computed from the inputs these labels were "
                    + "derived from: its class figures restate the labelling rules (train with --exclude-label-features)");
        }
        System.out.println("categories (rows: expected for the label, columns: decided)");
        System.out.print(Evaluation.table(eval.categoryMatrix(), Evaluation.categoryKeys()));
        System.out.println("classes (rows: label, columns: most probable model class)");
        System.out.print(Evaluation.table(eval.classMatrix(), Evaluation.labelKeys()));
        final Map<String, Object> summary = eval.toMap();
        System.out.printf(Locale.ROOT, "accuracy %.4f (with evidence %.4f)  class accuracy %.4f  brier %.4f  ece %.4f%n",
                eval.accuracy(), eval.accuracyWithEvidence(), eval.classAccuracy(), eval.brier(), eval.ece());
        @SuppressWarnings("unchecked") final Map<String, Map<String, Object>> perClass =
                (Map<String, Map<String, Object>>) summary.get("per_class");
        System.out.printf(Locale.ROOT, "%-16s %9s %9s %9s %9s %9s%n", "class", "precision", "recall", "support", "brier", "ece");
        perClass.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-16s %9.4f %9.4f %9d %9.4f %9.4f%n", k,
                (Double) v.get("precision"), (Double) v.get("recall"), (Long) v.get("support"), (Double) v.get("brier"),
                (Double) v.get("ece")));
        summary.put("model_version", m == null ? "none" : m.version());
        summary.put("input", inputs);
        summary.put("held_out", heldOut);
        summary.put("excluded_features", excluded);
        summary.put("excluded_because", m == null ? "" : m.file().excludedBecause);
        summary.put("labels_by_rule", tally.byRule());
        summary.put("leaking_features", leaking);
        if (heldOut) {
            summary.put("held_out_objects", new java.util.TreeSet<>(eval.objects()));
        }
        if (json != null) {
            write(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(summary));
            System.out.println("evaluation written to " + json);
        }
        if (plot != null) {
            if (!plot.toString().endsWith(".svg")) {
                throw new IllegalArgumentException("--plot " + plot + ": only .svg is supported");
            }
            write(plot, eval.reliabilitySvg("Reliability, " + String.join(" ", inputs)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            System.out.println("reliability diagram written to " + plot);
        }
        return 0;
    }

    /**
     * Joins the decision journal of {@code decided} with the labels of the input journal of {@code data} (the same
     * directory, or the original of a replay). The labeller sees the cross-match rules of
     * the observation's decision (catalog stars, host galaxies). With {@code heldOutOnly}, only objects in
     * {@link ModelTrainer#TEST_SPLIT} are scored.
     */
    static Evaluation evaluate(final Path data, final Path decided, final SkyringConfig cfg,
                               final FeatureTable.Labeller labeller, final boolean heldOutOnly) {
        final RollCycles roll = RollCycles.valueOf(cfg.engine().rollCycle());
        // Under pressure (eval feeds input as fast as it can) routine-looking events are decided provisionally and
        // classified fully later into the reclassified queue: the final decision is the one scored.
        final Map<Long, DecisionRecord> reclassified = new HashMap<>();
        try (ChronicleQueue q = JournalSet.openQueue(decided, Reclassifier.QUEUE, roll); JournalCursor c = new JournalCursor(q)) {
            final ObservationRecord o = new ObservationRecord();
            DecisionRecord d = new DecisionRecord();
            while (c.nextRouted(d, o)) {
                reclassified.put(d.inputIndex, d);
                d = new DecisionRecord();
            }
        }
        final Map<Long, Long> rulesByInput = new HashMap<>();
        try (ChronicleQueue q = JournalSet.openQueue(decided, JournalSet.DECISIONS, roll); JournalCursor c = new JournalCursor(q)) {
            final DecisionRecord d = new DecisionRecord();
            while (c.nextDecision(d)) {
                rulesByInput.put(d.inputIndex, reclassified.getOrDefault(d.inputIndex, d).rulesFired);
            }
        }
        final Map<Long, TruthLabel> truthByInput = new HashMap<>();
        final Map<Long, String> objectByInput = new HashMap<>();
        try (ChronicleQueue q = JournalSet.openQueue(data, JournalSet.INPUT, roll); JournalCursor c = new JournalCursor(q)) {
            final ObservationRecord o = new ObservationRecord();
            final FixedAscii key = new FixedAscii(ObservationRecord.ID_CAPACITY);
            while (c.nextObservation(o)) {
                ObjectHistory.keyOf(o, key);
                if (heldOutOnly && ModelTrainer.split(key) != ModelTrainer.TEST_SPLIT) {
                    continue;
                }
                truthByInput.put(c.index(), labeller.label(o, rulesByInput.getOrDefault(c.index(), 0L)));
                objectByInput.put(c.index(), key.toString());
            }
        }
        final Evaluation eval = new Evaluation();
        try (ChronicleQueue q = JournalSet.openQueue(decided, JournalSet.DECISIONS, roll); JournalCursor c = new JournalCursor(q)) {
            final DecisionRecord d = new DecisionRecord();
            while (c.nextDecision(d)) {
                final TruthLabel truth = truthByInput.getOrDefault(d.inputIndex, TruthLabel.NONE);
                eval.add(truth, reclassified.getOrDefault(d.inputIndex, d), objectByInput.get(d.inputIndex));
            }
        }
        return eval;
    }

    private static void write(final Path file, final byte[] bytes) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.write(file, bytes);
    }
}
