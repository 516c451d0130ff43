package org.skyring.adapters.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.adapters.voevent.VoEventDecoder;
import org.skyring.adapters.jsonl.JsonLineDecoder;
import org.skyring.cli.JournalCounts;
import org.skyring.engine.Engine;
import org.skyring.engine.RunResult;
import org.skyring.engine.RunSpec;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;
import org.skyring.testsupport.SharedData;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kafka source against a real broker, with the engine in this JVM. */
class KafkaSourceTest {
    @TempDir
    static Path tmp;
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static RunResult drain(final SkyringConfig cfg, final String topic, final Path data,
                                   final org.skyring.adapters.AlertDecoder decoder) {
        final KafkaObservationSource source = new KafkaObservationSource(topic, decoder, cfg.kafka(), true);
        return new Engine(cfg, KafkaTestData.CATALOG).run(RunSpec.live(data, List.of(source), true, new AtomicBoolean()));
    }

    @Test
    void everyAlertIsJournaledOnceInPartitionOrderAndTheGroupResumesFromItsCommits() throws Exception {
        final int partitions = 4;
        final int first = 20_000;
        final int second = 4_000;
        KAFKA.broker().createTopic("night", partitions);
        final var night = KafkaTestData.night(11);
        KafkaTestData.produceNight(KAFKA.broker().bootstrap(), "night", partitions, night, first);
        final SkyringConfig cfg = SkyringConfig.parse(KafkaTestData.yaml(KAFKA.broker().bootstrap(), "g1", "jsonl", ""));
        final Path data = tmp.resolve("night-data");

        final RunResult r1 = drain(cfg, "night", data, new JsonLineDecoder());
        assertEquals(first, r1.journaled(), "every record journaled");
        assertEquals(0, r1.duplicates());
        assertEquals(first, JournalCounts.journaledIds(data).size());
        JournalCounts.assertRoutedExactlyOnce(data, first);
        assertPartitionOrderKept(data);
        assertCommitted("g1", "night", partitions, first / partitions);

        // More records arrive; a restarted engine resumes from the committed offsets and reads only those.
        KafkaTestData.produceNight(KAFKA.broker().bootstrap(), "night", partitions, night, second);
        final RunResult r2 = drain(cfg, "night", data, new JsonLineDecoder());
        assertEquals(second, r2.journaled());
        assertEquals(second, r2.received(), "nothing before the committed offsets was read again");
        JournalCounts.assertRoutedExactlyOnce(data, first + second);
        assertCommitted("g1", "night", partitions, (first + second) / partitions);

        // At-least-once upstream: a new group re-delivers everything; journal-in drops each by id.
        final SkyringConfig other = SkyringConfig.parse(KafkaTestData.yaml(KAFKA.broker().bootstrap(), "g2", "jsonl", ""));
        final RunResult r3 = drain(other, "night", data, new JsonLineDecoder());
        assertEquals(first + second, r3.received());
        assertEquals(first + second, r3.duplicates());
        assertEquals(0, r3.journaled());
        JournalCounts.assertRoutedExactlyOnce(data, first + second);
    }

    @Test
    void realGcnNoticesThroughATopicAreJournaledAndANonVoEventIsDeadLettered() throws Exception {
        final Path dir = SharedData.require("voevent");
        final List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        KAFKA.broker().createTopic("gcn", 1);
        try (KafkaProducer<byte[], byte[]> p = KafkaTestData.producer(KAFKA.broker().bootstrap())) {
            for (final Path f : files) {
                p.send(new ProducerRecord<>("gcn", Files.readAllBytes(f)));
            }
            p.send(new ProducerRecord<>("gcn", "<quakeml/>".getBytes(StandardCharsets.UTF_8)));
            p.flush();
        }
        final SkyringConfig cfg = SkyringConfig.parse(KafkaTestData.yaml(KAFKA.broker().bootstrap(), "gcn", "voevent", ""));
        final Path data = tmp.resolve("gcn-data");
        final RunResult r = drain(cfg, "gcn", data, new VoEventDecoder());
        assertEquals(files.size() + 1, r.journaled());
        assertEquals(files.size(), r.counters().destination(Destination.ARCHIVE), "every notice kept");
        assertEquals(1, r.counters().destination(Destination.REJECTED));
        int opened = 0;
        String rejectDetail = null;
        try (var q = JournalSet.openQueue(data, JournalSet.DECISIONS, net.openhft.chronicle.queue.RollCycles.FAST_HOURLY);
             JournalCursor c = new JournalCursor(q)) {
            final DecisionRecord d = new DecisionRecord();
            while (c.nextDecision(d)) {
                opened += d.fired(Rule.TRIGGER_OPENED) ? 1 : 0;
                if (d.rejectReasons != 0) {
                    rejectDetail = d.rejectDetail.toString();
                }
            }
        }
        // Swift BAT x3, Swift XRT x2, Fermi GBM flight + ground, AMON IceCube: the position notices of trigger types.
        assertEquals(8, opened, "trigger contexts opened");
        assertEquals("malformed_field: voevent: root element <quakeml> is not <VOEvent>", rejectDetail);
    }

    /** Within each partition the journal holds offsets in increasing order. */
    private static void assertPartitionOrderKept(final Path data) {
        final Map<Integer, Long> last = new HashMap<>();
        try (var q = JournalSet.openQueue(data, JournalSet.INPUT, net.openhft.chronicle.queue.RollCycles.FAST_HOURLY);
             JournalCursor c = new JournalCursor(q)) {
            final ObservationRecord o = new ObservationRecord();
            while (c.nextObservation(o)) {
                final Long prev = last.put(o.sourcePartition, o.sourceOffset);
                assertTrue(prev == null || o.sourceOffset > prev,
                        "partition " + o.sourcePartition + ": offset " + o.sourceOffset + " after " + prev);
            }
        }
        assertEquals(4, last.size());
    }

    private static void assertCommitted(final String group, final String topic, final int partitions, final long each)
            throws Exception {
        try (Admin admin = KAFKA.broker().admin()) {
            final Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            for (int p = 0; p < partitions; p++) {
                final OffsetAndMetadata m = offsets.get(new TopicPartition(topic, p));
                assertTrue(m != null, "partition " + p + " committed");
                assertEquals(each, m.offset(), "partition " + p + " committed to its end");
            }
        }
    }
}
