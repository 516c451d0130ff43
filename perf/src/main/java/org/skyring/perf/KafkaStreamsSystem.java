package org.skyring.perf;

import net.openhft.chronicle.bytes.Bytes;
import org.HdrHistogram.Histogram;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.engine.stage.Stage;
import org.skyring.journal.ObservationCodec;

import java.util.Properties;

/**
 * What a JVM team would pick instead: the same stage objects as a Kafka Streams topology, one processor per stage,
 * observations serialized with the engine's own codec by a Serde (new objects per record, as Serdes do), run by
 * {@link TopologyTestDriver}: the real Streams processing code on the producer's thread, with no broker and no
 * network, so this is Kafka Streams' best case. Same journaling (JournalIn and Router on Chronicle files).
 */
final class KafkaStreamsSystem implements SystemUnderTest {
    private static final String TOPIC = "observations";

    private final TempJournals dir;
    private final TempJournals stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], ObservationEvent> input;
    private final Histogram latency = LatencyClock.newHistogram();
    private final ObservationEvent prepared = new ObservationEvent();

    KafkaStreamsSystem(final Workload w) {
        dir = TempJournals.journalSet("bench-kstreams-", w);
        stateDir = TempJournals.emptyDir("bench-kstreams-state-");
        final StageSet s = new StageSet(w, dir.dir, dir.journals);
        final Serde<ObservationEvent> serde = Serdes.serdeFrom(new EventSerializer(), new EventDeserializer());
        final StreamsBuilder builder = new StreamsBuilder();
        KStream<byte[], ObservationEvent> stream = builder.stream(TOPIC, Consumed.with(Serdes.ByteArray(), serde));
        for (final Stage stage : new Stage[] {s.journalIn, s.validator, s.quality, s.crossMatch, s.artifacts,
                s.classifier, s.router}) {
            stream = stream.process(() -> new StageProcessor(stage));
        }
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "skyring-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "no-broker:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.dir.toString());
        driver = new TopologyTestDriver(builder.build(), props);
        input = driver.createInputTopic(TOPIC, new ByteArraySerializer(), serde.serializer());
    }

    @Override
    public void prepare(final ObservationFeed feed) {
        prepared.reset(ObservationEvent.Kind.LIVE);
        feed.next(prepared.obs);
    }

    @Override
    public void send(final long intendedNanos) {
        input.pipeInput(prepared); // serialize, deserialize, every processor, on this thread
        LatencyClock.recordSince(latency, intendedNanos);
    }

    @Override
    public boolean completed() {
        return true;
    }

    @Override
    public void close() {
        driver.close();
        stateDir.close();
        dir.close();
    }

    @Override
    public Histogram takeLatency() {
        return LatencyClock.takeAndReset(latency);
    }

    /** One stage as a Streams processor: acts on the record's event and forwards it. */
    private static final class StageProcessor implements Processor<byte[], ObservationEvent, byte[], ObservationEvent> {
        private final Stage stage;
        private ProcessorContext<byte[], ObservationEvent> context;

        StageProcessor(final Stage stage) {
            this.stage = stage;
        }

        @Override
        public void init(final ProcessorContext<byte[], ObservationEvent> context) {
            this.context = context;
            stage.onStart();
        }

        @Override
        public void process(final Record<byte[], ObservationEvent> record) {
            if (!record.value().duplicate) {
                stage.onEvent(record.value());
            }
            context.forward(record);
        }

        @Override
        public void close() {
            stage.onShutdown();
        }
    }

    /** The engine's binary codec as a Kafka serializer: a new byte[] per record, as every Serde returns. */
    private static final class EventSerializer implements Serializer<ObservationEvent> {
        private final Bytes<?> scratch = Bytes.allocateElasticOnHeap(2048);

        @Override
        public byte[] serialize(final String topic, final ObservationEvent e) {
            scratch.clear();
            ObservationCodec.write(e.obs, scratch);
            return scratch.toByteArray();
        }
    }

    /** Decodes into a new event per record, as a Kafka deserializer does. */
    private static final class EventDeserializer implements Deserializer<ObservationEvent> {
        @Override
        public ObservationEvent deserialize(final String topic, final byte[] data) {
            final ObservationEvent e = new ObservationEvent();
            e.kind = ObservationEvent.Kind.LIVE;
            ObservationCodec.read(Bytes.wrapForRead(data), e.obs);
            return e;
        }
    }
}
