package org.skyring.cli;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.skyring.catalog.SkyCatalog;
import org.skyring.engine.Engine;
import org.skyring.engine.RunResult;
import org.skyring.engine.RunSpec;
import org.skyring.engine.RunSummary;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.DecisionCodec;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;
import org.skyring.engine.pressure.Reclassifier;
import org.skyring.journal.RecordText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code skyring replay}: re-runs every observation of a data directory's input journal through the pipeline
 * into a fresh directory, then compares the new decision journal with the recorded one, record by record,
 * byte for byte.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-run a journal through the pipeline and compare decisions with the recorded ones.")
final class ReplayCommand implements java.util.concurrent.Callable<Integer> {
    private static final int SHOW_DIFFERENCES = 5;

    @Option(names = "--journal", required = true, description = "Data directory of an earlier run or demo.")
    Path journal;

    @Option(names = "--config", description = "Config file (default: the shipped config/skyring.yaml).")
    Path config;

    @Option(names = "--out", description = "Directory for the replay's journals (default: JOURNAL/replays/N).")
    Path out;

    @Option(names = "--summary", description = "Write the replay summary as JSON to this file.")
    Path summary;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(JournalSet.queueDir(journal, JournalSet.INPUT))) {
            throw new IllegalArgumentException("--journal " + journal + ": no input journal at "
                    + JournalSet.queueDir(journal, JournalSet.INPUT));
        }
        final SkyringConfig cfg = EngineAssembly.config(config);
        final SkyCatalog catalog = EngineAssembly.catalog(cfg);
        final Path replayDir = out != null ? out : nextReplayDir(journal);
        System.out.println("skyring replay: " + journal.toAbsolutePath() + " -> " + replayDir.toAbsolutePath());
        final RunResult result = new Engine(cfg, catalog).run(RunSpec.replay(journal, replayDir));
        final List<String> shown = new ArrayList<>();
        final long[] pendingDeferred = new long[1];
        final long differences = compare(journal, replayDir, cfg, shown, pendingDeferred);
        final Map<String, Object> tree = RunSummary.of(result);
        final Map<String, Object> replay = new LinkedHashMap<>();
        replay.put("differences", differences);
        replay.put("deferred_not_yet_reclassified", pendingDeferred[0]);
        replay.put("output", replayDir.toAbsolutePath().toString());
        tree.put("replay", replay);
        EngineAssembly.printSummary(System.out, "skyring replay: summary", tree, summary);
        System.out.println("skyring replay: " + differences + " decision(s) differ from the recorded ones");
        shown.forEach(System.out::println);
        return 0;
    }

    private static Path nextReplayDir(final Path journal) {
        int n = 1;
        while (Files.exists(journal.resolve("replays").resolve(Integer.toString(n)))) {
            n++;
        }
        return journal.resolve("replays").resolve(Integer.toString(n));
    }

    /**
     * Counts decision records that differ (or exist on one side only); collects the first few as text. A
     * decision recorded in fast mode (flag DEFERRED) is compared through its full classification from the
     * recorded directory's reclassified queue (flag RECLASSIFIED cleared), which must equal the replay's
     * decision; one not reclassified yet is counted in {@code pendingDeferred[0]}, not as a difference.
     */
    static long compare(final Path recordedDir, final Path replayDir, final SkyringConfig cfg, final List<String> shown,
                        final long[] pendingDeferred) {
        final RollCycles roll = RollCycles.valueOf(cfg.engine().rollCycle());
        long differences = 0;
        try (ChronicleQueue recordedQ = JournalSet.openQueue(recordedDir, JournalSet.DECISIONS, roll);
             ChronicleQueue replayQ = JournalSet.openQueue(replayDir, JournalSet.DECISIONS, roll);
             ChronicleQueue reclassifiedQ = JournalSet.openQueue(recordedDir, Reclassifier.QUEUE, roll);
             JournalCursor recorded = new JournalCursor(recordedQ);
             JournalCursor replayed = new JournalCursor(replayQ);
             JournalCursor reclassified = new JournalCursor(reclassifiedQ)) {
            final Bytes<?> a = Bytes.allocateElasticOnHeap(1024);
            final Bytes<?> b = Bytes.allocateElasticOnHeap(1024);
            final DecisionRecord d = new DecisionRecord();
            final DecisionRecord full = new DecisionRecord();
            final ObservationRecord obs = new ObservationRecord();
            boolean reclassifiedLeft = true;
            while (true) {
                final boolean hasA = recorded.nextRaw(a);
                final boolean hasB = replayed.nextRaw(b);
                if (!hasA && !hasB) {
                    return differences;
                }
                if (hasA) {
                    DecisionCodec.read(a, d);
                    a.readPosition(0);
                    if (d.isDeferred()) {
                        // Reclassified records are in input order, exactly one per deferred decision.
                        reclassifiedLeft = reclassifiedLeft && reclassified.nextRouted(full, obs);
                        if (!reclassifiedLeft) {
                            pendingDeferred[0]++;
                            continue;
                        }
                        full.flags &= ~DecisionRecord.FLAG_RECLASSIFIED;
                        a.clear();
                        DecisionCodec.write(full, a);
                    }
                }
                if (hasA && hasB && a.contentEquals(b)) {
                    continue;
                }
                differences++;
                if (shown.size() < SHOW_DIFFERENCES) {
                    shown.add("  recorded: " + (hasA ? text(a) : "(none)"));
                    shown.add("  replayed: " + (hasB ? text(b) : "(none)"));
                }
            }
        }
    }

    private static String text(final Bytes<?> raw) {
        final DecisionRecord d = new DecisionRecord();
        raw.readPosition(0);
        DecisionCodec.read(raw, d);
        return RecordText.decision(d);
    }
}
