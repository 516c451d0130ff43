package org.skyring.adapters.kafka;

import org.junit.jupiter.api.Test;
import org.skyring.engine.config.ConfigException;
import org.skyring.engine.config.SkyringConfig;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** kafka.properties reach the right client, and a misspelt client setting fails at start-up naming it. */
class KafkaClientPropertiesTest {
    private static SkyringConfig.Kafka kafka(final String properties) {
        return SkyringConfig.parse("kafka:\n  bootstrap_servers: \"b:9092\"\n  properties:\n" + properties).kafka();
    }

    @Test
    void sharedAndScopedKeysGoToTheirClients() {
        final SkyringConfig.Kafka k = kafka("    security.protocol: SSL\n    consumer.client.rack: r1\n"
                + "    producer.compression.type: zstd\n    isolation.level: read_committed\n");
        final Map<String, Object> consumer = KafkaClientProperties.consumer(k);
        final Map<String, Object> producer = KafkaClientProperties.producer(k);
        assertEquals("b:9092", consumer.get("bootstrap.servers"));
        assertEquals("SSL", consumer.get("security.protocol"));
        assertEquals("SSL", producer.get("security.protocol"));
        assertEquals("r1", consumer.get("client.rack"));
        assertFalse(producer.containsKey("client.rack"));
        assertEquals("zstd", producer.get("compression.type"));
        assertFalse(consumer.containsKey("compression.type"));
        assertEquals("read_committed", consumer.get("isolation.level"));
        assertFalse(producer.containsKey("isolation.level"), "a consumer-only setting is not sent to the producer");
    }

    @Test
    void misspeltClientSettingFailsNamingIt() {
        final ConfigException e = assertThrows(ConfigException.class,
                () -> KafkaClientProperties.consumer(kafka("    ssl.trustsore.location: /x\n")));
        assertEquals("kafka.properties.ssl.trustsore.location: not a Kafka client setting", e.getMessage());
        final ConfigException scoped = assertThrows(ConfigException.class,
                () -> KafkaClientProperties.producer(kafka("    producer.fetch.min.bytes: 1\n")));
        assertEquals("kafka.properties.producer.fetch.min.bytes: not a Kafka producer setting", scoped.getMessage());
    }
}
