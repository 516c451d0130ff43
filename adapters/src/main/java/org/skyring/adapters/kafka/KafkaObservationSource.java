package org.skyring.adapters.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.skyring.adapters.AlertDecoder;
import org.skyring.adapters.DecodedBatch;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.AcknowledgedSource;
import org.skyring.engine.port.JournalProgress;
import org.skyring.journal.ObservationRecord;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * {@code --input kafka:TOPIC}: one consumer of a consumer group, decoding each record value with the configured
 * {@link AlertDecoder}. Runs entirely on the engine's ingest thread (KafkaConsumer is single-threaded).
 *
 * <p><b>At-least-once, never ahead of the journal.</b> Each observation handed to the engine is remembered with
 * its ring sequence ({@link #published}); an offset becomes committable only when journal-in has passed that
 * sequence ({@link JournalProgress}), and offsets are committed asynchronously every
 * {@code kafka.consumer.commit_interval_ms}, synchronously when partitions are revoked and at close. A record that
 * decodes to several observations commits its offset + 1 only with its last one. After a crash the group resumes
 * from the last commit; what was journaled but not committed comes again and journal-in drops it by id.
 *
 * <p><b>Order.</b> Records are handed over in the order the consumer returns them, so each partition's order is
 * the ring's and the journal's. On revoke, records of the revoked partitions not yet handed over are dropped
 * (they were never committed, so their next owner reads them), and the revoke waits until journal-in has passed
 * everything already handed over before committing it: a graceful rebalance neither loses nor repeats anything.
 */
public final class KafkaObservationSource implements AcknowledgedSource, ConsumerRebalanceListener {
    private static final long REVOKE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(KafkaObservationSource.class);

    private final String topic;
    private final AlertDecoder decoder;
    private final SkyringConfig.Kafka settings;
    private final boolean stopWhenCaughtUp;
    private final DecodedBatch batch = new DecodedBatch();
    private final Duration pollTimeout;
    private final long commitIntervalNanos;
    private final PendingAcks pending = new PendingAcks();
    private final PartitionOffsets offsets = new PartitionOffsets();

    private KafkaConsumer<byte[], byte[]> consumer;
    private final AutoCloseable owned;
    private boolean ownedClosed;
    private JournalProgress progress;
    private Iterator<ConsumerRecord<byte[], byte[]>> records = Collections.emptyIterator();
    private int batchPartition = -1;
    private long batchOffset;
    private int takenPartition = -1;
    private long takenCommitOffset;
    private long lastPublished = -1;
    private long lastCommitNanos;
    private long caughtUpSince = -1;

    /**
     * @param stopWhenCaughtUp report exhausted once every assigned partition is read to its end and committed
     *                         ({@code skyring run --until-idle}); otherwise the source never ends
     */
    public KafkaObservationSource(final String topic, final AlertDecoder decoder, final SkyringConfig.Kafka settings,
                                  final boolean stopWhenCaughtUp) {
        this(topic, decoder, settings, stopWhenCaughtUp, null);
    }

    /** @param owned closed when the source closes (the decoder's cutout store), or null */
    public KafkaObservationSource(final String topic, final AlertDecoder decoder, final SkyringConfig.Kafka settings,
                                  final boolean stopWhenCaughtUp, final AutoCloseable owned) {
        this.owned = owned;
        this.topic = topic;
        this.decoder = decoder;
        this.settings = settings;
        this.stopWhenCaughtUp = stopWhenCaughtUp;
        this.pollTimeout = Duration.ofMillis(settings.consumer().pollTimeoutMs());
        this.commitIntervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.consumer().commitIntervalMs());
    }

    @Override
    public String name() {
        return "kafka:" + topic;
    }

    @Override
    public void attach(final JournalProgress journalProgress) {
        this.progress = journalProgress;
    }

    @Override
    public void open() {
        final SkyringConfig.KafkaConsumerSettings c = settings.consumer();
        final Map<String, Object> props = KafkaClientProperties.consumer(settings);
        props.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, c.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, c.maxPollRecords());
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, c.fetchMaxBytes());
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, c.maxPartitionFetchBytes());
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, c.sessionTimeoutMs());
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, c.heartbeatIntervalMs());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, c.autoOffsetReset());
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic), this);
        lastCommitNanos = System.nanoTime();
    }

    @Override
    public boolean poll(final ObservationRecord into) {
        acknowledgeJournaled();
        if (System.nanoTime() - lastCommitNanos >= commitIntervalNanos) {
            commitDurable(false, null);
        }
        while (!batch.hasNext()) {
            if (!records.hasNext()) {
                final ConsumerRecords<byte[], byte[]> polled = consumer.poll(pollTimeout);
                if (polled.isEmpty()) {
                    return false;
                }
                records = polled.iterator();
            }
            final ConsumerRecord<byte[], byte[]> r = records.next();
            if (!offsets.isAssigned(r.partition())) {
                continue; // revoked while buffered: its next owner reads it from the last commit
            }
            batch.reset();
            batchPartition = r.partition();
            batchOffset = r.offset();
            final byte[] value = r.value() == null ? new byte[0] : r.value();
            decoder.decode(value, value.length, topic + "/" + r.partition() + "@" + r.offset(), batch);
        }
        into.clear();
        batch.next(into);
        into.sourcePartition = batchPartition;
        into.sourceOffset = batchOffset;
        takenPartition = batchPartition;
        takenCommitOffset = batch.tookLast() ? batchOffset + 1 : batchOffset;
        caughtUpSince = -1;
        return true;
    }

    @Override
    public void published(final long sequence) {
        pending.add(sequence, takenPartition, offsets.epoch(takenPartition), takenCommitOffset);
        offsets.published(takenPartition, sequence);
        lastPublished = sequence;
    }

    /** Moves every offset whose observations journal-in has passed from pending to committable. */
    private void acknowledgeJournaled() {
        final long journaled = progress.journaledSequence();
        while (!pending.isEmpty() && pending.headSequence() <= journaled) {
            final int p = pending.headPartition();
            if (offsets.isAssigned(p) && offsets.epoch(p) == pending.headEpoch()) {
                offsets.durable(p, pending.headCommitOffset());
            }
            pending.pop();
        }
    }

    /**
     * Commits every durable offset not yet committed (only those of {@code only}, when given).
     * Asynchronous on the interval; synchronous on revoke and close, where the next owner must see it.
     */
    private void commitDurable(final boolean sync, final Collection<TopicPartition> only) {
        lastCommitNanos = System.nanoTime();
        final Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (int p = 0; p < offsets.size(); p++) {
            if (offsets.needsCommit(p) && (only == null || only.contains(new TopicPartition(topic, p)))) {
                commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(offsets.durableOffset(p)));
                offsets.committed(p);
            }
        }
        if (commit.isEmpty()) {
            return;
        }
        if (sync) {
            try {
                consumer.commitSync(commit);
            } catch (org.apache.kafka.common.KafkaException e) {
                // The group moved on (CommitFailedException) or the broker is gone: nothing is lost, the
                // partitions' next owner re-reads from the last commit and dedupes what it already has.
                commit.keySet().forEach(tp -> offsets.uncommitted(tp.partition()));
                LOG.warn("kafka:{} offsets not committed ({}); those records will be delivered again", topic,
                        e.toString());
            }
        } else {
            consumer.commitAsync(commit, (done, error) -> {
                if (error != null) {
                    // Not committed: make those partitions committable again; the next interval retries.
                    done.keySet().forEach(tp -> offsets.uncommitted(tp.partition()));
                }
            });
        }
    }

    /** Waits (bounded) until journal-in has passed {@code sequence}; the ring's first consumer never waits on us. */
    private void awaitJournaled(final long sequence) {
        final long deadline = System.nanoTime() + REVOKE_WAIT_NANOS;
        while (progress.journaledSequence() < sequence && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        acknowledgeJournaled();
    }

    @Override
    public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
        long last = -1;
        for (final TopicPartition tp : partitions) {
            last = Math.max(last, offsets.lastPublished(tp.partition()));
            if (tp.partition() == batchPartition) {
                batch.discard();
            }
        }
        awaitJournaled(last);
        commitDurable(true, partitions);
        for (final TopicPartition tp : partitions) {
            offsets.unassign(tp.partition());
        }
    }

    @Override
    public void onPartitionsLost(final Collection<TopicPartition> partitions) {
        for (final TopicPartition tp : partitions) {
            if (tp.partition() == batchPartition) {
                batch.discard();
            }
            offsets.unassign(tp.partition());
        }
    }

    @Override
    public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
        for (final TopicPartition tp : partitions) {
            offsets.assign(tp.partition());
        }
    }

    /**
     * Only with stopWhenCaughtUp: true once partitions are assigned, every one is read to its end (lag 0 as of
     * the last fetch), and everything handed over is journaled and committed.
     */
    @Override
    public boolean isExhausted() {
        if (!stopWhenCaughtUp || consumer == null || batch.hasNext() || records.hasNext()) {
            return false;
        }
        final var assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            return false;
        }
        for (final TopicPartition tp : assignment) {
            final OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                return false;
            }
        }
        acknowledgeJournaled();
        if (!pending.isEmpty()) {
            return false;
        }
        for (int p = 0; p < offsets.size(); p++) {
            if (offsets.needsCommit(p)) {
                commitDurable(true, null);
                return false;
            }
        }
        // Caught up twice in a row, 1 s apart: a single empty fetch right after assignment is not the end.
        final long now = System.nanoTime();
        if (caughtUpSince < 0) {
            caughtUpSince = now;
            return false;
        }
        return now - caughtUpSince >= TimeUnit.SECONDS.toNanos(1);
    }

    /** Waits for journal-in to pass everything handed over, commits it, and leaves the group. */
    @Override
    public void close() {
        try {
            if (consumer == null) {
                return;
            }
            try {
                awaitJournaled(lastPublished);
                commitDurable(true, null);
            } finally {
                consumer.close();
                consumer = null;
            }
        } finally {
            closeOwned();
        }
    }

    private void closeOwned() {
        if (owned == null || ownedClosed) {
            return;
        }
        ownedClosed = true;
        try {
            owned.close();
        } catch (final Exception e) {
            throw new IllegalStateException("closing " + owned + " of kafka:" + topic, e);
        }
    }
}
