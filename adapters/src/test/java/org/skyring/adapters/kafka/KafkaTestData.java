package org.skyring.adapters.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.adapters.jsonl.JsonLinesWriter;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.journal.ObservationRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Generated observations (the synthetic night) produced into topics as Skyring JSON lines, and test configs. */
final class KafkaTestData {
    static final int CATALOG_SOURCES = 20_000;
    static final SkyCatalog CATALOG = SyntheticCatalog.generate(CATALOG_SOURCES, 42);

    private KafkaTestData() {
    }

    static NightGenerator night(final long seed) {
        final long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.HOURS.toNanos(10);
        return new NightGenerator(CATALOG, seed, start);
    }

    static KafkaProducer<byte[], byte[]> producer(final String bootstrap) {
        // One request in flight: right after a topic is created, a first batch answered NOT_LEADER could otherwise
        // be overtaken by the next one, and the idempotent producer then retries it forever (out of order sequence).
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1, ProducerConfig.BATCH_SIZE_CONFIG, 262_144),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Produces {@code count} generated observations, record i to partition i % partitions; flushes. */
    static void produceNight(final String bootstrap, final String topic, final int partitions, final NightGenerator night,
                             final int count) {
        final ObservationRecord r = new ObservationRecord();
        final AtomicReference<Exception> failed = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> p = producer(bootstrap)) {
            for (int i = 0; i < count; i++) {
                r.clear();
                night.next(r);
                p.send(new ProducerRecord<>(topic, i % partitions, null,
                        JsonLinesWriter.toJson(r).getBytes(StandardCharsets.UTF_8)), (m, e) -> {
                            if (e != null) {
                                failed.compareAndSet(null, e);
                            }
                        });
            }
            p.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("test data not produced", failed.get());
        }
    }

    /** A config: the shipped defaults, a small synthetic catalog, and Kafka settings for a test broker. */
    static String yaml(final String bootstrap, final String group, final String format, final String extraKafka) {
        return "known_objects:\n  synthetic_sources: " + CATALOG_SOURCES + "\n"
                + "kafka:\n  bootstrap_servers: \"" + bootstrap + "\"\n"
                + "  consumer:\n    group_id: " + group + "\n    format: " + format + "\n"
                + "    session_timeout_ms: 3000\n    heartbeat_interval_ms: 500\n    commit_interval_ms: 100\n"
                + extraKafka;
    }

    /** Every record of {@code topic} from the beginning up to its end offsets at the call (all partitions). */
    static List<ConsumerRecord<String, byte[]>> consumeAll(final String bootstrap, final String topic) {
        final List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new StringDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(p -> parts.add(new TopicPartition(topic, p.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            final Map<TopicPartition, Long> end = c.endOffsets(parts);
            final long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(100)).forEach(out::add);
                boolean done = true;
                for (final TopicPartition tp : parts) {
                    done &= c.position(tp) >= end.get(tp);
                }
                if (done) {
                    break;
                }
            }
        }
        return out;
    }
}
