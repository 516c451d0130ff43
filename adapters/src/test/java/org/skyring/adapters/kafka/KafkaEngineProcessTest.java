package org.skyring.adapters.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.cli.EngineChild;
import org.skyring.cli.JournalCounts;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Engines as child processes ({@code skyring run --input kafka:TOPIC}) against a real broker: SIGKILL mid-stream
 * and restart, and two engines of one consumer group sharing a topic and taking over from each other.
 */
class KafkaEngineProcessTest {
    private static final int PARTITIONS = 4;

    @TempDir
    static Path tmp;
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static LocalKafkaBroker broker() {
        return KAFKA.broker();
    }

    private static Path config(final String name, final String group) throws Exception {
        final Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, KafkaTestData.yaml(broker().bootstrap(), group, "jsonl", ""));
        return file;
    }

    @Test
    void sigkillMidStreamThenRestartLosesNothingAndRoutesNothingTwice() throws Exception {
        final int count = 40_000;
        broker().createTopic("stream", PARTITIONS);
        KafkaTestData.produceNight(broker().bootstrap(), "stream", PARTITIONS, KafkaTestData.night(21), count);
        final Path cfg = config("crash", "crash");
        final Path data = tmp.resolve("crash-data");
        final String[] args = {"run", "--config", cfg.toString(), "--input", "kafka:stream", "--dir", data.toString(),
                "--until-idle"};

        final Process first = EngineChild.start(tmp.resolve("crash-first.log"), args);
        awaitJournaled(data, first, 1);
        Thread.sleep(200);
        first.destroyForcibly(); // SIGKILL
        assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        final long beforeKill = JournalCounts.count(data, JournalSet.INPUT);
        assertTrue(beforeKill > 0 && beforeKill < count, "killed mid-stream (journaled " + beforeKill + " of " + count + ")");

        final Process second = EngineChild.start(tmp.resolve("crash-second.log"), args);
        assertTrue(second.waitFor(240, TimeUnit.SECONDS), "restarted engine caught up and exited");
        assertEquals(0, second.exitValue(), Files.readString(tmp.resolve("crash-second.log")));
        assertEquals(count, JournalCounts.journaledIds(data).size(), "every record journaled");
        JournalCounts.assertRoutedExactlyOnce(data, count);
    }

    @Test
    void twoEnginesInOneGroupShareTheTopicRebalanceWithoutRepeatsAndTheSurvivorTakesOverWithoutLoss() throws Exception {
        final int part = 10_000;
        broker().createTopic("shared", PARTITIONS);
        final Path cfg = config("pair", "pair");
        final Path dataA = tmp.resolve("pair-a");
        final Path dataB = tmp.resolve("pair-b");
        final var night = KafkaTestData.night(31);
        final Process a = EngineChild.start(tmp.resolve("pair-a.log"), "run", "--config", cfg.toString(),
                "--input", "kafka:shared", "--dir", dataA.toString());
        Process b = null;
        try {
            awaitGroup("pair", 1);
            // Records trickle in (1,000 every 0.3 s) from before b starts until 5 chunks after it has joined, so
            // the rebalance happens mid-stream: a gives up two partitions (cooperative), first committing
            // everything it journaled from them, and b starts exactly where a stopped.
            final java.util.concurrent.atomic.AtomicInteger produced = new java.util.concurrent.atomic.AtomicInteger();
            final java.util.concurrent.atomic.AtomicBoolean joined = new java.util.concurrent.atomic.AtomicBoolean();
            final Thread trickle = new Thread(() -> {
                int after = 0;
                while (after < 5) {
                    KafkaTestData.produceNight(broker().bootstrap(), "shared", PARTITIONS, night, 1000);
                    produced.addAndGet(1000);
                    after += joined.get() ? 1 : 0;
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "trickle");
            trickle.start();
            awaitJournaled(dataA, a, 1);
            b = EngineChild.start(tmp.resolve("pair-b.log"), "run", "--config", cfg.toString(),
                    "--input", "kafka:shared", "--dir", dataB.toString());
            awaitGroup("pair", 2);
            joined.set(true);
            trickle.join();
            final int first = produced.get();
            awaitUnion(List.of(dataA, dataB), first);
            final long byA = JournalCounts.count(dataA, JournalSet.INPUT);
            final long byB = JournalCounts.count(dataB, JournalSet.INPUT);
            assertTrue(byA > 0 && byB > 0, "both engines did part of the work: " + byA + " / " + byB);
            assertEquals(first, byA + byB, "a graceful rebalance journals nothing twice across the two engines");

            a.destroyForcibly(); // SIGKILL: its partitions move to b after the session timeout
            assertTrue(a.waitFor(30, TimeUnit.SECONDS));
            final long aAtKill = JournalCounts.count(dataA, JournalSet.INPUT);
            KafkaTestData.produceNight(broker().bootstrap(), "shared", PARTITIONS, night, part);
            awaitUnion(List.of(dataA, dataB), first + part);
            assertEquals(aAtKill, JournalCounts.count(dataA, JournalSet.INPUT), "the dead engine wrote nothing more");
            assertEquals(Set.of(0, 1, 2, 3), partitionsAfter(dataB, byB), "the survivor read every partition");
        } finally {
            a.destroyForcibly();
            if (b != null) {
                b.destroy(); // SIGTERM: drains the ring, commits, closes the journals
                assertTrue(b.waitFor(60, TimeUnit.SECONDS));
            }
        }
        // 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hook drained the ring and closed the journals.
        assertEquals(143, b.exitValue(), Files.readString(tmp.resolve("pair-b.log")));
        JournalCounts.assertRoutedExactlyOnce(dataB, JournalCounts.journaledIds(dataB).size());
    }

    /** Waits until the child has journaled at least {@code n} observations and made decisions. */
    private static void awaitJournaled(final Path data, final Process p, final long n) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (JournalCounts.exists(data, JournalSet.INPUT) && JournalCounts.exists(data, JournalSet.DECISIONS)
                    && JournalCounts.count(data, JournalSet.INPUT) >= n) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("engine journaled nothing within 120 s (alive: " + p.isAlive() + ")");
    }

    /** Waits until the journals together hold {@code n} distinct observations. */
    private static void awaitUnion(final List<Path> dirs, final int n) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int seen = 0;
        while (System.nanoTime() < deadline) {
            final Set<String> union = new HashSet<>();
            for (final Path d : dirs) {
                if (JournalCounts.exists(d, JournalSet.INPUT)) {
                    union.addAll(JournalCounts.journaledIds(d));
                }
            }
            seen = union.size();
            if (seen >= n) {
                assertEquals(n, seen);
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("only " + seen + " of " + n + " observations journaled within 120 s");
    }

    /** Waits until the group has {@code members} members, each with partitions assigned. */
    private static void awaitGroup(final String group, final int members) throws Exception {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (Admin admin = broker().admin()) {
            while (System.nanoTime() < deadline) {
                final ConsumerGroupDescription g;
                try {
                    g = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
                } catch (java.util.concurrent.ExecutionException e) {
                    Thread.sleep(100); // the group does not exist until the first engine joins
                    continue;
                }
                if (g.members().size() == members && g.members().stream()
                        .allMatch(m -> !m.assignment().topicPartitions().isEmpty())) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError(members + " engines never formed group " + group);
    }

    /** Partitions of the observations journaled after the first {@code skip}. */
    private static Set<Integer> partitionsAfter(final Path data, final long skip) {
        final Set<Integer> partitions = new HashSet<>();
        try (var q = JournalSet.openQueue(data, JournalSet.INPUT, net.openhft.chronicle.queue.RollCycles.FAST_HOURLY);
             JournalCursor c = new JournalCursor(q)) {
            final ObservationRecord o = new ObservationRecord();
            long n = 0;
            while (c.nextObservation(o)) {
                if (++n > skip) {
                    partitions.add(o.sourcePartition);
                }
            }
        }
        return partitions;
    }
}
