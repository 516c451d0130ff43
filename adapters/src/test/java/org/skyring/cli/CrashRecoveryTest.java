package org.skyring.cli;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.adapters.jsonl.JsonLinesWriter;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalReads;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
        final long journaledBeforeKill = count(data, JournalSet.INPUT);
        assertTrue(journaledBeforeKill > 0 && journaledBeforeKill < COUNT,
                "killed mid-stream (journaled " + journaledBeforeKill + " of " + COUNT + ")");

        final Process second = engine(input, data, tmp.resolve("second.log"));
        assertTrue(second.waitFor(300, TimeUnit.SECONDS), "restarted engine finished");
        assertEquals(0, second.exitValue(), Files.readString(tmp.resolve("second.log")));

        assertEquals(COUNT, distinctJournaledIds(data), "every observation journaled");
        assertEquals(COUNT, count(data, JournalSet.DECISIONS), "every observation decided exactly once");
        final long archived = distinctRouted(data, Destination.ARCHIVE);
        final long rejected = distinctRouted(data, Destination.REJECTED);
        assertEquals(COUNT, archived + rejected, "each ends in exactly one of archive or rejected");
        assertEquals(archived, count(data, Destination.ARCHIVE.queueName()), "no observation archived twice");
        assertEquals(rejected, count(data, Destination.REJECTED.queueName()), "no observation dead-lettered twice");
        for (final Destination d : List.of(Destination.ALERT, Destination.PRIORITY_REVIEW, Destination.STANDARD_REVIEW)) {
            assertEquals(distinctRouted(data, d), count(data, d.queueName()), "no duplicate in " + d.queueName());
        }
        assertEquals(deferredDecisions(data), count(data, org.skyring.engine.pressure.Reclassifier.QUEUE),
                "every decision deferred under pressure, before or after the kill, reclassified exactly once");
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
        final String projectDir = System.getProperty("skyring.project.dir");
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("@" + Path.of(projectDir, "config", "jvm.options"));
        cmd.add("-Xmx1g");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SkyringCli.class.getName());
        cmd.addAll(List.of("run", "--input", "jsonl:" + input, "--dir", data.toString(), "--until-idle"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the child has journaled part of the input (but is still running). */
    private static void waitForJournal(final Path data, final Process p) throws InterruptedException {
        final File dir = JournalSet.queueDir(data, JournalSet.INPUT).toFile();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            final File[] files = dir.listFiles((d, n) -> n.endsWith(".cq4"));
            if (files != null && files.length > 0 && decisionsExist(data)) {
                Thread.sleep(300); // well inside the stream: a 300 k file takes seconds
                return;
            }
            Thread.sleep(20);
        }
    }

    private static boolean decisionsExist(final Path data) {
        final File[] files = JournalSet.queueDir(data, JournalSet.DECISIONS).toFile().listFiles((d, n) -> n.endsWith(".cq4"));
        return files != null && files.length > 0;
    }

    private static long count(final Path data, final String queue) {
        try (ChronicleQueue q = JournalSet.openQueue(data, queue, RollCycles.FAST_HOURLY)) {
            return JournalReads.count(q);
        }
    }

    /** Distinct observation ids in the input journal (a record cut by the kill may be journaled twice). */
    private static long distinctJournaledIds(final Path data) {
        final Set<String> ids = new HashSet<>();
        try (ChronicleQueue q = JournalSet.openQueue(data, JournalSet.INPUT, RollCycles.FAST_HOURLY);
             JournalCursor c = new JournalCursor(q)) {
            final ObservationRecord obs = new ObservationRecord();
            while (c.nextObservation(obs)) {
                ids.add(obs.observationId.toString() + "#" + obs.sourceOffset);
            }
        }
        return ids.size();
    }

    private static long distinctRouted(final Path data, final Destination d) {
        final Set<Long> inputs = new HashSet<>();
        try (ChronicleQueue q = JournalSet.openQueue(data, d.queueName(), RollCycles.FAST_HOURLY);
             JournalCursor c = new JournalCursor(q)) {
            final DecisionRecord dec = new DecisionRecord();
            final ObservationRecord obs = new ObservationRecord();
            while (c.nextRouted(dec, obs)) {
                inputs.add(dec.inputIndex);
            }
        }
        return inputs.size();
    }
}
