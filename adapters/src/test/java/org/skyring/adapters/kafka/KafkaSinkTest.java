package org.skyring.adapters.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.openhft.chronicle.queue.RollCycles;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.adapters.voevent.VoEventDecoder;
import org.skyring.cli.JournalCounts;
import org.skyring.engine.Engine;
import org.skyring.engine.RunSpec;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Kafka sink against a real broker: topics per destination, keys, counts, and resuming from its cursors. */
class KafkaSinkTest {
    private static final List<Destination> FORWARDED = List.of(Destination.ALERT, Destination.PRIORITY_REVIEW,
            Destination.STANDARD_REVIEW, Destination.MANUAL_TRIAGE, Destination.REJECTED);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @Test
    void routedOutputsReachOneTopicPerDestinationKeyedByRegionOrPriorityAndARestartResendsNothing() throws Exception {
        for (final Destination d : FORWARDED) {
            KAFKA.broker().createTopic("sky." + d.queueName(), 3);
        }
        final SkyringConfig cfg = SkyringConfig.parse(KafkaTestData.yaml(KAFKA.broker().bootstrap(), "unused", "jsonl",
                "  sink:\n    enabled: true\n    topic_prefix: \"sky.\"\n"
                        + "    destinations: [alert, priority_review, standard_review, manual_triage, rejected]\n"
                        + "    alert_format: voevent\n"
                        + "voevent:\n  ivorn_prefix: \"ivo://test.skyring/alerts\"\n"));
        final Path data = tmp.resolve("data");
        final NightGenerator night = KafkaTestData.night(5);
        runEngine(cfg, data, night, 10_000);

        try (KafkaSink sink = new KafkaSink(data, RollCycles.FAST_HOURLY, cfg)) {
            while (sink.forwardOnce() > 0) {
                // until caught up
            }
        }
        final Map<Destination, Long> firstCounts = assertTopicsMatchJournals(data);
        assertTrue(firstCounts.get(Destination.ALERT) > 0, "the night has critical alerts to forward");

        // A new sink on the same directory resumes at its persistent cursors: nothing is sent again ...
        try (KafkaSink sink = new KafkaSink(data, RollCycles.FAST_HOURLY, cfg)) {
            assertEquals(0, sink.forwardOnce());
        }
        // ... and after more input it sends exactly the new records.
        runEngine(cfg, data, night, 3_000);
        try (KafkaSink sink = new KafkaSink(data, RollCycles.FAST_HOURLY, cfg)) {
            while (sink.forwardOnce() > 0) {
                // until caught up
            }
        }
        final Map<Destination, Long> secondCounts = assertTopicsMatchJournals(data);
        assertTrue(secondCounts.get(Destination.STANDARD_REVIEW) > firstCounts.get(Destination.STANDARD_REVIEW));
    }

    @Test
    void skyringRunWithTheSinkEnabledForwardsWhileItRunsAndDrainsBeforeExit() throws Exception {
        KAFKA.broker().createTopic("run.archive", 2);
        final Path config = tmp.resolve("run-sink.yaml");
        java.nio.file.Files.writeString(config, KafkaTestData.yaml(KAFKA.broker().bootstrap(), "unused", "jsonl",
                "  sink:\n    enabled: true\n    topic_prefix: \"run.\"\n    destinations: [archive]\n"));
        final int exit = new picocli.CommandLine(new org.skyring.cli.SkyringCli()).execute("run", "--config",
                config.toString(), "--input", "voevent:" + org.skyring.testsupport.SharedData.require("voevent"),
                "--dir", tmp.resolve("run-data").toString(), "--until-idle");
        assertEquals(0, exit);
        final List<ConsumerRecord<String, byte[]>> records = KafkaTestData.consumeAll(KAFKA.broker().bootstrap(), "run.archive");
        assertEquals(20, records.size(), "every archived notice forwarded once before skyring run returned");
        final long positionless = records.stream().filter(r -> "no-position".equals(r.key())).count();
        assertEquals(8, positionless, "5 GW notices, kill_socket, Konus and the test packet carry no position");
    }

    private static void runEngine(final SkyringConfig cfg, final Path data, final NightGenerator night, final int n) {
        new Engine(cfg, KafkaTestData.CATALOG).run(RunSpec.live(data, List.of(new GeneratedNightSource(night, n)),
                true, new AtomicBoolean()));
    }

    /**
     * Each topic holds exactly its queue's records, once each, in queue order, with the documented key computed
     * here independently from the record itself.
     */
    private static Map<Destination, Long> assertTopicsMatchJournals(final Path data) throws Exception {
        final Map<Destination, Long> counts = new HashMap<>();
        for (final Destination d : FORWARDED) {
            final List<String> expectedIds = new ArrayList<>();
            final List<String> expectedKeys = new ArrayList<>();
            try (var q = JournalSet.openQueue(data, d.queueName(), RollCycles.FAST_HOURLY); JournalCursor c = new JournalCursor(q)) {
                final DecisionRecord dec = new DecisionRecord();
                final ObservationRecord obs = new ObservationRecord();
                while (c.nextRouted(dec, obs)) {
                    expectedIds.add(Long.toString(dec.inputIndex)); // unique even for id-less dead letters
                    expectedKeys.add(expectedKey(d, dec, obs));
                }
            }
            final List<ConsumerRecord<String, byte[]>> records = KafkaTestData.consumeAll(KAFKA.broker().bootstrap(), "sky." + d.queueName());
            assertEquals(expectedIds.size(), records.size(), d + ": one Kafka record per routed record");
            assertEquals(JournalCounts.count(data, d.queueName()), records.size());
            final Map<String, String> keyById = new HashMap<>();
            for (final ConsumerRecord<String, byte[]> r : records) {
                final String id = new String(r.headers().lastHeader("skyring.input_index").value(), StandardCharsets.UTF_8);
                assertTrue(keyById.put(id, r.key()) == null, d + ": input " + id + " forwarded twice");
                final String obsId = new String(r.headers().lastHeader("skyring.observation_id").value(), StandardCharsets.UTF_8);
                if (d == Destination.ALERT) { // alert_format: voevent; read back with the VOEvent reader
                    final ObservationRecord[] back = new ObservationRecord[1];
                    new VoEventDecoder().decode(r.value(), r.value().length, "alert", o -> {
                        back[0] = new ObservationRecord();
                        back[0].copyFrom(o);
                    });
                    assertEquals("", back[0].sourceError.toString());
                    assertEquals("ivo://test.skyring/alerts#" + obsId, back[0].observationId.toString());
                    assertTrue(new String(r.value(), StandardCharsets.UTF_8).contains("name=\"category\" value=\"critical\""));
                    continue;
                }
                final JsonNode value = JSON.readTree(r.value());
                assertEquals(id, value.path("decision").path("input_index").asText());
                assertEquals(obsId, value.path("observation").path("observation_id").asText(""));
            }
            for (int i = 0; i < expectedIds.size(); i++) {
                assertEquals(expectedKeys.get(i), keyById.get(expectedIds.get(i)), d + " key of " + expectedIds.get(i));
            }
            counts.put(d, (long) records.size());
        }
        return counts;
    }

    /**
     * The keys as documented in SinkKeys: the partition keys the journaled decision carries (and that the output
     * queues show), recomputed here from the record's own fields.
     */
    private static String expectedKey(final Destination d, final DecisionRecord dec, final ObservationRecord o) {
        if (d == Destination.ALERT) {
            assertEquals(0, dec.priority, "the alert queue holds critical decisions: priority 0");
            return "priority-0";
        }
        if (d == Destination.REJECTED) {
            return o.sourceFacility.isEmpty() ? "unknown-facility" : o.sourceFacility.toString();
        }
        final int region = org.skyring.catalog.SkyRegion.of(o.raDeg, o.decDeg);
        assertEquals(region, dec.skyRegion, "the decision's sky region is the observation's");
        return region < 0 ? "no-position" : "region-" + region;
    }
}
