package org.skyring.adapters.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.adapters.avro.CutoutStore;
import org.skyring.adapters.avro.ZtfAlertDecoder;
import org.skyring.cli.JournalCounts;
import org.skyring.engine.Engine;
import org.skyring.engine.RunResult;
import org.skyring.engine.RunSpec;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.Destination;
import org.skyring.testsupport.SharedData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real ZTF alerts of ../shared/data/ztf, one file per Kafka message, through the engine exactly once. */
class ZtfOverKafkaTest {
    private static final int MAX_MESSAGE = 16 << 20;

    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @TempDir
    Path tmp;

    @Test
    void everyRealZtfAlertProducedIntoATopicIsJournaledOnceAndTheCorruptOnesAreDeadLettered() throws Exception {
        final Path ztf = SharedData.require("ztf");
        final List<Path> files;
        try (Stream<Path> s = Files.walk(ztf)) {
            files = s.filter(p -> p.toString().endsWith(".avro")).sorted().toList();
        }
        // What the decoder makes of the same bytes read from disk: the expected journal.
        final ZtfAlertDecoder direct = new ZtfAlertDecoder(MAX_MESSAGE, null);
        final Set<String> expectedIds = new HashSet<>();
        long expectedRejected = 0;
        long decoded = 0;
        for (final Path f : files) {
            final byte[] b = Files.readAllBytes(f);
            final long[] rejected = {0};
            decoded += direct.decode(b, b.length, f.toString(), o -> {
                if (o.sourceError.isEmpty()) {
                    expectedIds.add(o.observationId.toString());
                } else {
                    rejected[0]++; // named after its origin, which differs between a file and a topic
                }
            });
            expectedRejected += rejected[0];
        }
        KAFKA.broker().createTopic("ztf", 4, Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE)));
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KAFKA.broker().bootstrap(), ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_MESSAGE,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            int i = 0;
            for (final Path f : files) {
                p.send(new ProducerRecord<>("ztf", i++ % 4, null, Files.readAllBytes(f))).get(30, TimeUnit.SECONDS);
            }
        }
        final SkyringConfig cfg = SkyringConfig.parse(KafkaTestData.yaml(KAFKA.broker().bootstrap(), "ztf", "ztf-avro",
                ""));
        final Path data = tmp.resolve("data");
        // The source `skyring run --input kafka:ztf` builds: the shipped avro.* settings (16 MiB messages, cutouts kept).
        assertEquals(MAX_MESSAGE, cfg.avro().maxMessageBytes());
        final RunResult r = new Engine(cfg, KafkaTestData.CATALOG).run(RunSpec.live(data, List.of(
                org.skyring.cli.EngineAssembly.kafkaSource("ztf", cfg, data, true)), true, new AtomicBoolean()));
        assertEquals(decoded, r.received(), "every alert of every message reached the engine");
        assertEquals(expectedIds.size() + expectedRejected, r.journaled(), "each distinct alert journaled once");
        assertEquals(decoded - expectedIds.size() - expectedRejected, r.duplicates(),
                "the same alert in several files is journaled once");
        final Set<String> journaled = new HashSet<>();
        long bad = 0;
        try (var q = org.skyring.journal.JournalSet.openQueue(data, org.skyring.journal.JournalSet.INPUT,
                net.openhft.chronicle.queue.RollCycles.FAST_HOURLY);
             org.skyring.journal.JournalCursor c = new org.skyring.journal.JournalCursor(q)) {
            final org.skyring.journal.ObservationRecord o = new org.skyring.journal.ObservationRecord();
            while (c.nextObservation(o)) {
                if (o.sourceError.isEmpty()) {
                    journaled.add(o.observationId.toString());
                } else {
                    bad++;
                }
            }
        }
        assertEquals(expectedIds, journaled);
        assertEquals(expectedRejected, bad);
        assertTrue(expectedRejected >= 3, "the three corrupt files are dead letters");
        assertEquals(r.journaled(), r.counters().destination(Destination.ARCHIVE)
                + r.counters().destination(Destination.REJECTED));
        JournalCounts.assertRoutedExactlyOnce(data, r.journaled());

        // The stamps came in with the alerts: retrievable by observation id, byte for byte the packet's.
        final Path packet = ztf.resolve("native/ztf-avro-alert/472263571115115000_v3.3.avro");
        try (CutoutStore store = CutoutStore.openForReading(data, net.openhft.chronicle.queue.RollCycles.FAST_HOURLY,
                cfg.avro().cutoutIndexEntries());
             java.io.InputStream in = Files.newInputStream(packet);
             org.apache.avro.file.DataFileStream<org.apache.avro.generic.GenericRecord> alerts =
                     new org.apache.avro.file.DataFileStream<>(in, new org.apache.avro.generic.GenericDatumReader<>())) {
            final org.apache.avro.generic.GenericRecord alert = alerts.next();
            final Map<String, CutoutStore.Stamp> stamps = store.find("472263571115115000");
            assertEquals(Set.of("science", "template", "difference"), stamps.keySet());
            for (final String kind : List.of("Science", "Template", "Difference")) {
                final java.nio.ByteBuffer expected = (java.nio.ByteBuffer)
                        ((org.apache.avro.generic.GenericRecord) alert.get("cutout" + kind)).get("stampData");
                final byte[] bytes = java.util.Arrays.copyOfRange(expected.array(),
                        expected.arrayOffset() + expected.position(), expected.arrayOffset() + expected.limit());
                org.junit.jupiter.api.Assertions.assertArrayEquals(bytes,
                        stamps.get(kind.toLowerCase(java.util.Locale.ROOT)).data(), kind);
            }
        }
    }
}
