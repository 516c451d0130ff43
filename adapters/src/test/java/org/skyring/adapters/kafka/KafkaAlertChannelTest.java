package org.skyring.adapters.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.cli.JournalCounts;
import org.skyring.engine.Engine;
import org.skyring.engine.RunResult;
import org.skyring.engine.RunSpec;
import org.skyring.engine.alert.Alert;
import org.skyring.engine.alert.AlertDelivery;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.Destination;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code kafka} alert channel against a real broker, driven by real engine runs. */
class KafkaAlertChannelTest {
    private static final String TOPIC = "test.alert_messages";

    @TempDir
    static Path tmp;
    @RegisterExtension
    static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static SkyringConfig config(final String bootstrap, final String extra) {
        // Pressure off: no operator alert, so every alert is one record of the alert queue.
        return SkyringConfig.parse(KafkaTestData.yaml(bootstrap, "unused", "jsonl", extra)
                + "alerts:\n  channels: [queue, kafka]\n  kafka_topic: " + TOPIC + "\n"
                + "pressure:\n  enabled: false\n");
    }

    @Test
    void everyAlertReachesTheTopicOnceKeyedByPriorityAndARestartSendsNothingAgain() throws Exception {
        KAFKA.broker().createTopic(TOPIC, 3);
        final SkyringConfig cfg = config(KAFKA.broker().bootstrap(), "");
        final Path data = tmp.resolve("data");
        final NightGenerator night = KafkaTestData.night(11);

        final RunResult first = run(cfg, data, night, 10_000);
        final long alertsFirst = JournalCounts.count(data, Destination.ALERT.queueName());
        assertTrue(alertsFirst > 0, "the night has critical events");
        assertEquals(alertsFirst, first.overload().alertCounts()[0], "one alert raised per alert-queue record");
        assertEquals(0, first.overload().alertCounts()[2], "no failed delivery attempt");
        final List<ConsumerRecord<String, byte[]>> records = KafkaTestData.consumeAll(KAFKA.broker().bootstrap(), TOPIC);
        assertEquals(alertsFirst, records.size(), "one record per alert, none twice");
        final Set<String> ids = new HashSet<>();
        for (final ConsumerRecord<String, byte[]> r : records) {
            final JsonNode json = AlertJson.read(new String(r.value(), StandardCharsets.UTF_8));
            final String id = json.get("alert_id").asText();
            assertTrue(ids.add(id), "alert " + id + " sent once");
            assertEquals("critical", json.get("category").asText());
            assertEquals(0, json.get("round").asInt(), "a raise, not an escalation");
            assertEquals(0, json.get("priority").asInt(), "critical is priority 0");
            assertEquals("priority-" + json.get("priority").asInt(), r.key(), "keyed by the alert's priority key");
            assertEquals(id + "/0", new String(r.headers().lastHeader(KafkaAlertChannel.IDEMPOTENCY_HEADER).value(),
                    StandardCharsets.UTF_8));
        }
        final Set<Integer> partitions = new HashSet<>();
        records.forEach(r -> partitions.add(r.partition()));
        assertEquals(1, partitions.size(), "one priority key, one partition: the alerts stay in order");

        // A restart on the same directory with more input: the journaled alert state knows what was delivered,
        // so only the new alerts are sent.
        run(cfg, data, night, 3_000);
        final long alertsAfter = JournalCounts.count(data, Destination.ALERT.queueName());
        final List<ConsumerRecord<String, byte[]>> all = KafkaTestData.consumeAll(KAFKA.broker().bootstrap(), TOPIC);
        assertEquals(alertsAfter, all.size(), "only the new alerts were sent after the restart");
        final Set<String> allIds = new HashSet<>();
        all.forEach(r -> allIds.add(AlertJson.read(new String(r.value(), StandardCharsets.UTF_8)).get("alert_id").asText()));
        assertEquals(alertsAfter, allIds.size(), "no alert id twice");
        assertTrue(allIds.containsAll(ids));
    }

    @Test
    void aBrokerThatDoesNotAnswerMakesTheDeliveryFailSoTheAlertSystemRetries() throws Exception {
        final int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        final SkyringConfig cfg = config("127.0.0.1:" + closedPort,
                "  properties:\n    producer.max.block.ms: \"300\"\n");
        final Alert alert = new Alert("al-test", "critical", "test alert", 10.0, 20.0, 0.97, 1L, 2L, true,
                "ZTF26test", "ZTF", 7L, 0, 12);
        try (KafkaAlertChannel channel = new KafkaAlertChannel(cfg)) {
            final Exception e = assertThrows(Exception.class, () -> channel.deliver(new AlertDelivery(alert, 0, "kafka")));
            assertTrue(String.valueOf(e.getMessage()).contains(TOPIC) || e instanceof org.apache.kafka.common.KafkaException,
                    "says which topic it could not reach: " + e);
        }
    }

    private static RunResult run(final SkyringConfig cfg, final Path data, final NightGenerator night, final int n) {
        final Map<String, org.skyring.engine.port.AlertChannel> channels =
                Map.of(KafkaAlertChannel.NAME, new KafkaAlertChannel(cfg));
        return new Engine(cfg, KafkaTestData.CATALOG).alertChannels(channels)
                .run(RunSpec.live(data, List.of(new GeneratedNightSource(night, n)), true, new AtomicBoolean()));
    }
}
