package org.skyring.adapters.kafka;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.skyring.engine.alert.AlertDelivery;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.AlertChannel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The {@code kafka} alert channel: each delivery is one record on {@code alerts.kafka_topic}, value = the alert
 * JSON (the webhook's JSON body), key = the alert's priority key ({@code priority-0} for critical: all alerts of
 * one priority share a partition, in order, and consumers of critical alerts never wait behind routine ones),
 * header {@code Idempotency-Key: ALERT_ID/ROUND}.
 *
 * <p>Idempotent producer ({@code enable.idempotence=true}, {@code acks=all}): within the producer's session its own
 * retries never duplicate a record. {@link #deliver} returns only once every in-sync replica has the record; any
 * failure (broker down, timeout) throws and the alert system retries with back-off. A retry after an
 * acknowledgement that was lost, or after a restart, is a new send and can repeat the record: consumers
 * de-duplicate on the header (or the JSON's {@code alert_id} and {@code round}), as webhook receivers do.
 *
 * <p>Brokers, TLS/SASL and other client settings come from the {@code kafka} section ({@code kafka.properties},
 * {@code producer.}-prefixed keys included). Called on the alert agent thread only, which must not block long
 * (it also samples pressure): the producer waits at most {@value #DEFAULT_MAX_BLOCK_MS} ms for metadata and
 * {@value #DEFAULT_DELIVERY_TIMEOUT_MS} ms for an acknowledgement unless {@code kafka.properties} says otherwise.
 */
public final class KafkaAlertChannel implements AlertChannel {
    public static final String NAME = "kafka";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    static final int DEFAULT_MAX_BLOCK_MS = 5_000;
    static final int DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;

    private final String topic;
    private final long waitMs;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaAlertChannel(final SkyringConfig config) {
        this.topic = config.alerts().kafkaTopic();
        final Map<String, Object> props = KafkaClientProperties.producer(config.kafka());
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, DEFAULT_MAX_BLOCK_MS);
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, DEFAULT_DELIVERY_TIMEOUT_MS / 2);
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DEFAULT_DELIVERY_TIMEOUT_MS);
        // Owned by Skyring (kafka.properties may not set them): the delivery guarantee depends on them.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0); // one alert at a time: nothing to batch, no reason to wait
        this.waitMs = Long.parseLong(props.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG).toString())
                + Long.parseLong(props.get(ProducerConfig.MAX_BLOCK_MS_CONFIG).toString());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** The record key of an alert: its priority key, the partition key of the alert stream. */
    public static String key(final AlertDelivery delivery) {
        return "priority-" + delivery.alert().priority();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(final AlertDelivery delivery) throws Exception {
        final ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key(delivery),
                AlertJson.delivery(delivery).getBytes(StandardCharsets.UTF_8));
        record.headers().add(IDEMPOTENCY_HEADER, delivery.idempotencyKey().getBytes(StandardCharsets.UTF_8));
        try {
            // Bounded by the producer's own delivery timeout; the extra wait here only guards against a hang.
            producer.send(record).get(waitMs + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new java.io.IOException("kafka alert channel: " + topic + " did not take alert "
                    + delivery.idempotencyKey() + ": " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
