package org.skyring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.engine.Engine;
import org.skyring.engine.RunSpec;
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.classify.ObjectHistory;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.RecordText;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code skyring model train} then {@code skyring eval} through the CLI and the real engine: every decision records
 * the model and rule versions and an explanation; the eval JSON agrees with its own confusion matrix; a replay
 * reproduces every decision and the object history; a restart re-runs the journal without counting anything twice.
 */
class ClassificationEndToEndTest {
    @TempDir
    Path tmp;

    private static int cli(final String... args) {
        return new CommandLine(new SkyringCli()).execute(args);
    }

    @Test
    void trainEvaluateReplayAndRestart() throws Exception {
        final Path model = tmp.resolve("model.json");
        assertEquals(0, cli("model", "train", "--input", "generated:15000@3", "--out", model.toString()));
        final ClassModel m = ClassModel.load(model);

        final Path data = tmp.resolve("eval");
        final Path json = tmp.resolve("eval.json");
        final Path svg = tmp.resolve("reliability.svg");
        assertEquals(0, cli("eval", "--input", "generated:10000@5", "--model", model.toString(), "--dir", data.toString(),
                "--json", json.toString(), "--plot", svg.toString()));
        final JsonNode e = new ObjectMapper().readTree(json.toFile());
        assertEquals(m.version(), e.get("model_version").asText());
        // candidates decided significant are off the diagonal (~8 %) but right for the right reason
        final double accuracy = e.get("accuracy").asDouble();
        assertTrue(accuracy > 0.85 && accuracy <= 1, "six-category accuracy " + accuracy);
        final double withEvidence = e.get("accuracy_with_evidence").asDouble();
        assertTrue(withEvidence > 0.95 && withEvidence <= 1, "accuracy with evidence " + withEvidence);
        assertTrue(e.get("brier").asDouble() >= 0 && e.get("ece").asDouble() >= 0);
        // accuracy, per_class, class accuracy, ECE agree with the report's own matrices and bins; the plot draws them
        EvalReportChecks.assertConsistent(e);
        EvalReportChecks.assertPlotMatchesBins(svg, e);

        // every decision carries versions and an explanation; modelled ones carry calibrated probabilities
        final List<String> original = decisions(data, m);

        // replay into a fresh directory: same decisions, same object history
        final SkyringConfig cfg = SkyringConfig.loadDefault();
        final Path replay = tmp.resolve("replay");
        new Engine(cfg, EngineAssembly.catalog(cfg), m).run(RunSpec.replay(data, replay));
        assertEquals(original, decisions(replay, m), "replay reproduces every decision byte for byte");
        // restart on the original directory: the whole input journal is re-run, nothing is applied twice
        new Engine(cfg, EngineAssembly.catalog(cfg), m).run(RunSpec.live(data, List.of(), true,
                new java.util.concurrent.atomic.AtomicBoolean()));
        assertEquals(original, decisions(data, m), "restart added no decision");
        try (ObjectHistory a = ObjectHistory.open(data.resolve(Engine.STATE_DIR), 100_000, 0.02);
             ObjectHistory b = ObjectHistory.open(replay.resolve(Engine.STATE_DIR), 100_000, 0.02)) {
            assertTrue(a.size() > 1000, "objects remembered: " + a.size());
            assertTrue(a.sameStateAs(b), "restarted history equals the replayed one: nothing counted twice");
        }
    }

    private static List<String> decisions(final Path data, final ClassModel m) {
        final List<String> lines = new ArrayList<>();
        int modelled = 0;
        try (ChronicleQueue q = JournalSet.openQueue(data, JournalSet.DECISIONS, RollCycles.FAST_HOURLY);
             JournalCursor c = new JournalCursor(q)) {
            final DecisionRecord d = new DecisionRecord();
            while (c.nextDecision(d)) {
                lines.add(RecordText.decision(d));
                assertEquals(m.version(), d.modelVersion.toString());
                if (d.category == Category.REJECTED) {
                    continue;
                }
                assertEquals("rules-2", d.rulesVersion.toString());
                assertTrue(d.explanation.length() > 10 && d.explanation.toString().endsWith("-> " + d.category.key()),
                        d.explanation.toString());
                if (d.modelClass != DecisionRecord.NO_CLASS) {
                    modelled++;
                    double sum = 0;
                    for (final double p : d.classProbabilities) {
                        sum += Double.isNaN(p) ? 0 : p;
                    }
                    assertEquals(1.0, sum, 1e-9, "calibrated probabilities sum to 1");
                    assertTrue(d.explanation.toString().contains("; model "), d.explanation.toString());
                    assertTrue(d.anomalyScore > 0 && d.anomalyScore < 1);
                }
            }
        }
        assertTrue(modelled > lines.size() / 3, modelled + " of " + lines.size() + " decisions scored by the model");
        return lines;
    }
}
