package org.skyring.adapters.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.skyring.adapters.jsonl.JsonLinesWriter;
import org.skyring.adapters.voevent.VoEventWriter;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Forwards routed outputs to Kafka: each configured destination queue of a data directory to topic
 * {@code <topic_prefix><destination>}, keyed by {@link SinkKeys}, value = one JSON object
 * ({@code {"decision": {...}, "observation": <the JSON-lines form>}}) or, for alerts with
 * {@code kafka.sink.alert_format: voevent}, a VOEvent 2.0 packet ({@link VoEventWriter}); headers {@code skyring.observation_id} and
 * {@code skyring.input_index}. Idempotent producer ({@code enable.idempotence=true}, {@code acks=all}).
 *
 * <p><b>Guarantee: at-least-once, in journal order per destination.</b> Each queue has a named, persistent
 * cursor ({@value #CURSOR}) that marks the first record not yet acknowledged by the brokers. The sink reads up to
 * {@code kafka.sink.batch_size} records past it, sends them, {@code flush()}es (every send acknowledged by all
 * in-sync replicas), and only then moves the cursor past the batch. Within one producer session the
 * idempotent producer removes the duplicates its own retries would cause and keeps per-partition order. A crash
 * (or a failed send) between sending and moving the cursor re-sends that batch from a new producer session,
 * which idempotence cannot recognise: at most one batch per destination may appear twice, never a record lost.
 * Consumers that need exactly-once dedupe on the {@code skyring.observation_id} header.
 *
 * <p>Single-threaded: create, use and close it on one thread (Chronicle tailers and the loop are not shared).
 */
public final class KafkaSink implements AutoCloseable {
    public static final String CURSOR = "kafka-sink";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SkyringConfig.KafkaSinkSettings settings;
    private final KafkaProducer<String, byte[]> producer;
    /** Non-null when kafka.sink.alert_format is voevent: alert records are VOEvent 2.0 packets. */
    private final VoEventWriter alertWriter;
    private final List<Lane> lanes = new ArrayList<>();
    private final DecisionRecord decision = new DecisionRecord();
    private final ObservationRecord observation = new ObservationRecord();
    private final Bytes<?> skip = Bytes.allocateElasticOnHeap(4096);
    private long forwarded;

    /** One destination: its queue, the durable cursor (first record not yet acknowledged) and the reading cursor. */
    private static final class Lane {
        final Destination destination;
        final String topic;
        final ChronicleQueue queue;
        final JournalCursor acked;
        JournalCursor reader;

        Lane(final Destination destination, final String topic, final ChronicleQueue queue) {
            this.destination = destination;
            this.topic = topic;
            this.queue = queue;
            this.acked = new JournalCursor(queue, CURSOR);
            rewind();
        }

        /** Puts the reader back on the first record the brokers have not acknowledged. */
        void rewind() {
            if (reader != null) {
                reader.close();
            }
            reader = new JournalCursor(queue);
            final long resumeAt = acked.position();
            if (resumeAt != 0) {
                reader.moveToIndex(resumeAt); // false at the very end of the queue, but positioned there: fine
            }
        }
    }

    public KafkaSink(final Path dataDir, final RollCycle rollCycle, final SkyringConfig config) {
        this(dataDir, rollCycle, config.kafka(), config.voevent());
    }

    public KafkaSink(final Path dataDir, final RollCycle rollCycle, final SkyringConfig.Kafka kafka,
                     final SkyringConfig.VoEventOut voevent) {
        this.settings = kafka.sink();
        this.alertWriter = "voevent".equals(settings.alertFormat())
                ? new VoEventWriter(voevent.ivornPrefix(), voevent.author()) : null;
        final Map<String, Object> props = KafkaClientProperties.producer(kafka);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, settings.lingerMs());
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        for (final Destination d : settings.destinations()) {
            lanes.add(new Lane(d, settings.topicPrefix() + d.queueName(), JournalSet.openQueue(dataDir, d.queueName(), rollCycle)));
        }
    }

    /**
     * Sends at most one batch per destination and moves each cursor past what the brokers acknowledged.
     *
     * @return records forwarded in this pass (0 = caught up)
     * @throws org.apache.kafka.common.KafkaException when a batch could not be delivered; its cursor has not
     *         moved, so the next pass (or the next process) sends it again
     */
    public int forwardOnce() {
        int total = 0;
        for (final Lane lane : lanes) {
            total += forwardBatch(lane);
        }
        forwarded += total;
        return total;
    }

    private int forwardBatch(final Lane lane) {
        final AtomicReference<Exception> failure = new AtomicReference<>();
        int n = 0;
        long last = -1;
        while (n < settings.batchSize() && lane.reader.nextRouted(decision, observation)) {
            last = lane.reader.index();
            final ProducerRecord<String, byte[]> record = new ProducerRecord<>(lane.topic,
                    SinkKeys.key(lane.destination, decision, observation), lane.destination == Destination.ALERT
                    && alertWriter != null ? alertWriter.write(decision, observation).getBytes(StandardCharsets.UTF_8)
                    : value(decision, observation));
            record.headers().add("skyring.observation_id", observation.observationId.toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add("skyring.input_index", Long.toString(decision.inputIndex).getBytes(StandardCharsets.UTF_8));
            producer.send(record, (meta, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                }
            });
            n++;
        }
        if (n == 0) {
            return 0;
        }
        producer.flush();
        if (failure.get() != null) {
            lane.rewind();
            throw new org.apache.kafka.common.KafkaException("kafka sink: sending " + lane.destination.queueName()
                    + " to " + lane.topic + " failed; the batch will be sent again", failure.get());
        }
        lane.acked.moveToIndex(last);
        lane.acked.nextRaw(skip); // steps past the last acknowledged record; the named cursor persists it
        return n;
    }

    /** {"decision": {...}, "observation": {...}}: the observation in the JSON-lines form of {@link JsonLinesWriter}. */
    static byte[] value(final DecisionRecord d, final ObservationRecord o) {
        final ObjectNode root = JSON.createObjectNode();
        final ObjectNode dec = root.putObject("decision");
        dec.put("input_index", d.inputIndex);
        dec.put("category", d.category.key());
        dec.put("rules", Rule.describe(d.rulesFired));
        dec.put("urgency", d.urgency);
        dec.put("significance", d.significance);
        dec.put("confidence", d.confidence);
        if (!d.rejectDetail.isEmpty()) {
            dec.put("reject_detail", d.rejectDetail.toString());
        }
        dec.put("config_version", d.configVersion.toString());
        try {
            root.set("observation", JSON.readTree(JsonLinesWriter.toJson(o)));
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long forwarded() {
        return forwarded;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5)); // bounded: unacknowledged records stay behind the cursor
        for (final Lane lane : lanes) {
            lane.reader.close();
            lane.acked.close();
            lane.queue.close();
        }
        skip.releaseLast();
    }
}
