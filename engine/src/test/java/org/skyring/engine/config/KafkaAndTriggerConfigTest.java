package org.skyring.engine.config;

import org.junit.jupiter.api.Test;
import org.skyring.journal.Destination;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The kafka, triggers and voevent sections: defaults, pass-through properties, and errors that name the key. */
class KafkaAndTriggerConfigTest {
    private static String fails(final String yaml) {
        return assertThrows(ConfigException.class, () -> SkyringConfig.parse(yaml)).getMessage();
    }

    @Test
    void shippedDefaults() {
        final SkyringConfig c = SkyringConfig.loadDefault();
        assertEquals("skyring", c.kafka().consumer().groupId());
        assertEquals(500, c.kafka().consumer().maxPollRecords());
        assertEquals(List.of(Destination.ALERT, Destination.PRIORITY_REVIEW, Destination.STANDARD_REVIEW,
                Destination.MANUAL_TRIAGE), c.kafka().sink().destinations());
        assertEquals(Map.of(), c.kafka().properties());
        assertEquals(List.of(61, 67, 111, 112, 115, 173, 174, 176), c.triggers().packetTypes());
        assertEquals("ivo://skyring.invalid/alerts", c.voevent().ivornPrefix());
    }

    @Test
    void kafkaExampleConfigIsValid() {
        final SkyringConfig c = SkyringConfig.load(java.nio.file.Path.of(System.getProperty("skyring.project.dir", ".."),
                "config", "examples", "kafka-gcn.yaml"));
        assertEquals("voevent", c.kafka().consumer().format());
        assertEquals("SASL_SSL", c.kafka().properties().get("security.protocol"));
        assertEquals("ivo://observatory.example.org/skyring", c.voevent().ivornPrefix());
    }

    @Test
    void securitySettingsPassThroughVerbatim() {
        final SkyringConfig c = SkyringConfig.parse("kafka:\n  properties:\n    security.protocol: SASL_SSL\n"
                + "    sasl.mechanism: SCRAM-SHA-512\n    ssl.truststore.location: /etc/kafka/ts.jks\n"
                + "    consumer.client.rack: r1\n    request.timeout.ms: 60000\n");
        assertEquals("SASL_SSL", c.kafka().properties().get("security.protocol"));
        assertEquals("60000", c.kafka().properties().get("request.timeout.ms"));
        assertEquals(5, c.kafka().properties().size());
    }

    @Test
    void keysSkyringOwnsAndUnknownPrefixesAreRefusedByName() {
        assertEquals("kafka.properties.enable.auto.commit: set by Skyring itself (use the kafka.consumer / kafka.sink keys,"
                + " or leave it: the delivery guarantees depend on it)",
                fails("kafka:\n  properties:\n    enable.auto.commit: true\n"));
        assertEquals("kafka.properties.producer.acks: set by Skyring itself (use the kafka.consumer / kafka.sink keys,"
                + " or leave it: the delivery guarantees depend on it)", fails("kafka:\n  properties:\n    producer.acks: 1\n"));
        assertEquals(true, fails("kafka:\n  properties:\n    sasl_mechanism: PLAIN\n")
                .startsWith("kafka.properties.sasl_mechanism: not a known Kafka client setting prefix"));
        assertEquals("kafka.properties.ssl.keystore: expected a string, number or boolean, got {\"a\":1}",
                fails("kafka:\n  properties:\n    ssl.keystore: {a: 1}\n"));
    }

    @Test
    void rangesAndChoicesNameTheKey() {
        assertEquals("kafka.consumer.auto_offset_reset: \"oldest\" is not one of [earliest, latest, none]",
                fails("kafka:\n  consumer:\n    auto_offset_reset: oldest\n"));
        assertEquals("kafka.consumer.heartbeat_interval_ms: 5000 must be below kafka.consumer.session_timeout_ms (3000)",
                fails("kafka:\n  consumer:\n    session_timeout_ms: 3000\n    heartbeat_interval_ms: 5000\n"));
        assertEquals("kafka.consumer.max_poll_records: expected an integer in [1, 100000], got 0",
                fails("kafka:\n  consumer:\n    max_poll_records: 0\n"));
        assertEquals("kafka.sink.alert_format: \"xml\" is not one of [json, voevent]",
                fails("kafka:\n  sink:\n    alert_format: xml\n"));
        assertEquals("voevent.ivorn_prefix: \"ivo://a/b#c\" must be ivo://authority/stream, without a # fragment",
                fails("voevent:\n  ivorn_prefix: \"ivo://a/b#c\"\n"));
        assertEquals(true, fails("kafka:\n  sink:\n    destinations: [inbox]\n").startsWith("kafka.sink.destinations: \"inbox\" is not one of"));
        assertEquals(true, fails("triggers:\n  max_active: 0\n").startsWith("triggers.max_active: expected an integer"));
        assertEquals(true, fails("kafka:\n  consumer:\n    group: x\n").startsWith("kafka.consumer.group: unknown key"));
    }
}
