package org.skyring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.adapters.jsonl.JsonLinesWriter;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.Engine;
import org.skyring.engine.RunSpec;
import org.skyring.engine.classify.ObjectHistory;
import org.skyring.engine.config.SkyringConfig;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills a child engine process with SIGKILL mid-stream, restarts it on the same directory and input, and
 * checks that every observation got exactly one decision and one routing: none lost, none twice.
 */
class CrashRecoveryTest {
    private static final int COUNT = 300_000;

    @TempDir
    Path tmp;

    @Test
    void sigkillMidStreamThenRestartLosesNothingAndRoutesNothingTwice() throws Exception {
        final Path input = tmp.resolve("night.jsonl");
        final long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.HOURS.toNanos(10);
        final NightGenerator generator = new NightGenerator(SyntheticCatalog.generate(200_000, 42), 7, start);
        final ObservationRecord r = new ObservationRecord();
        try (JsonLinesWriter w = new JsonLinesWriter(Files.newOutputStream(input))) {
            for (int i = 0; i < COUNT; i++) {
                r.clear();
                generator.next(r);
                w.write(r);
            }
        }
        final Path data = tmp.resolve("data");
        final Process first = engine(input, data, tmp.resolve("first.log"));
        waitForJournal(data, first);
        first.destroyForcibly(); // SIGKILL on Unix
        first.waitFor(30, TimeUnit.SECONDS);
        final long journaledBeforeKill = JournalCounts.count(data, JournalSet.INPUT);
        assertTrue(journaledBeforeKill > 0 && journaledBeforeKill < COUNT,
                "killed mid-stream (journaled " + journaledBeforeKill + " of " + COUNT + ")");

        final Process second = engine(input, data, tmp.resolve("second.log"));
        assertTrue(second.waitFor(300, TimeUnit.SECONDS), "restarted engine finished");
        assertEquals(0, second.exitValue(), Files.readString(tmp.resolve("second.log")));

        assertEquals(COUNT, JournalCounts.journaledIds(data).size(), "every observation journaled");
        JournalCounts.assertRoutedExactlyOnce(data, COUNT);
        assertEquals(deferredDecisions(data), JournalCounts.count(data, org.skyring.engine.pressure.Reclassifier.QUEUE),
                "every decision deferred under pressure, before or after the kill, reclassified exactly once");

        // The object history (a Chronicle Map the killed process was writing) after the restart equals the
        // history of a clean replay of the same input journal: nothing lost, nothing counted twice.
        final SkyringConfig cfg = SkyringConfig.loadDefault();
        final Path replay = tmp.resolve("replay");
        new Engine(cfg, EngineAssembly.catalog(cfg)).run(RunSpec.replay(data, replay));
        final SkyringConfig.Model m = cfg.classification().model();
        final double pair = cfg.classification().minPairSeparationDays();
        try (ObjectHistory restarted = ObjectHistory.open(data.resolve(Engine.STATE_DIR), m.historyMaxObjects(), pair);
             ObjectHistory clean = ObjectHistory.open(replay.resolve(Engine.STATE_DIR), m.historyMaxObjects(), pair)) {
            assertTrue(restarted.size() > 10_000, "objects remembered: " + restarted.size());
            assertTrue(restarted.sameStateAs(clean), "history after SIGKILL + restart = history of a clean replay");
        }
    }

    private static long deferredDecisions(final Path data) {
        long n = 0;
        try (ChronicleQueue q = JournalSet.openQueue(data, JournalSet.DECISIONS, RollCycles.FAST_HOURLY);
             JournalCursor c = new JournalCursor(q)) {
            final DecisionRecord d = new DecisionRecord();
            while (c.nextDecision(d)) {
                n += d.isDeferred() ? 1 : 0;
            }
        }
        return n;
    }

    private static Process engine(final Path input, final Path data, final Path log) throws IOException {
        return EngineChild.start(log, "run", "--input", "jsonl:" + input, "--dir", data.toString(), "--until-idle");
    }

    /** Waits until the child has journaled part of the input (but is still running). */
    private static void waitForJournal(final Path data, final Process p) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (JournalCounts.exists(data, JournalSet.INPUT) && JournalCounts.exists(data, JournalSet.DECISIONS)) {
                Thread.sleep(300); // well inside the stream: a 300 k file takes seconds
                return;
            }
            Thread.sleep(20);
        }
    }
}
