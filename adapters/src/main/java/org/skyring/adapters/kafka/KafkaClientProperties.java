package org.skyring.adapters.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.skyring.engine.config.ConfigException;
import org.skyring.engine.config.SkyringConfig;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns {@code kafka.properties} into one client's settings: keys without a prefix go to every client,
 * {@code consumer.}/{@code producer.} keys to that client only (prefix removed). The engine's config has already
 * refused keys Skyring owns and unknown prefixes; here each key is checked against the client's own list of
 * settings ({@link ConsumerConfig#configNames()}, {@link ProducerConfig#configNames()}), so a typo in a TLS or SASL
 * setting fails at start-up naming the key, instead of being ignored with a log line.
 */
final class KafkaClientProperties {
    private static final String CONSUMER = "consumer.";
    private static final String PRODUCER = "producer.";

    private KafkaClientProperties() {
    }

    static Map<String, Object> consumer(final SkyringConfig.Kafka kafka) {
        return select(kafka, CONSUMER, PRODUCER, ConsumerConfig.configNames());
    }

    static Map<String, Object> producer(final SkyringConfig.Kafka kafka) {
        return select(kafka, PRODUCER, CONSUMER, ProducerConfig.configNames());
    }

    private static Map<String, Object> select(final SkyringConfig.Kafka kafka, final String mine, final String other,
                                              final Set<String> known) {
        final Map<String, Object> out = new HashMap<>();
        out.put("bootstrap.servers", kafka.bootstrapServers());
        for (final Map.Entry<String, String> e : kafka.properties().entrySet()) {
            final String key = e.getKey();
            if (key.startsWith(other)) {
                continue;
            }
            final String bare = key.startsWith(mine) ? key.substring(mine.length()) : key;
            final boolean scoped = key.startsWith(mine);
            final boolean valid = scoped ? known.contains(bare)
                    : ConsumerConfig.configNames().contains(bare) || ProducerConfig.configNames().contains(bare);
            if (!valid) {
                throw new ConfigException("kafka.properties." + key + ": not a Kafka "
                        + (scoped ? mine.substring(0, mine.length() - 1) : "client") + " setting");
            }
            if (known.contains(bare)) {
                out.put(bare, e.getValue());
            }
        }
        return out;
    }
}
