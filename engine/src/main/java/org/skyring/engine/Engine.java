package org.skyring.engine;

import com.lmax.disruptor.RingBuffer;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.status.AtomicCounter;
import org.skyring.catalog.SkyCatalog;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.AcknowledgedSource;
import org.skyring.engine.port.JournalProgress;
import org.skyring.engine.metrics.LatencyRecorder;
import org.skyring.engine.metrics.LiveCounters;
import org.skyring.engine.metrics.MetricsAgent;
import org.skyring.engine.port.ObservationSource;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.engine.ring.Pipeline;
import org.skyring.engine.ring.StageHandler;
import org.skyring.engine.stage.ArtifactFilter;
import org.skyring.engine.stage.Classifier;
import org.skyring.engine.stage.EngineCounters;
import org.skyring.engine.stage.JournalIn;
import org.skyring.engine.stage.KnownObjectFilter;
import org.skyring.engine.stage.QualityFilter;
import org.skyring.engine.stage.Router;
import org.skyring.engine.stage.Validator;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalAppender;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalReads;
import org.skyring.journal.JournalSet;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One engine run: opens the journals, re-runs the input journal (restart or replay), then ingests live sources
 * on the calling thread (the ring's single producer) until told to stop or, with untilIdle, until every source
 * is exhausted; drains the ring, closes everything it opened, and returns what it measured.
 */
public final class Engine {
    private static final int POLL_BURST = 256;
    private static final long INGEST_WARMUP = 100_000;

    private final SkyringConfig config;
    private final SkyCatalog catalog;

    public Engine(final SkyringConfig config, final SkyCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    public RunResult run(final RunSpec spec) {
        final RollCycle rollCycle = RollCycles.valueOf(config.engine().rollCycle());
        try (JournalSet journals = JournalSet.open(spec.dataDir(), rollCycle);
             ChronicleQueue recoverQueue = spec.isReplay() ? JournalSet.openQueue(spec.recoverFrom(), JournalSet.INPUT, rollCycle) : null) {
            journals.pretouchAhead();
            final ChronicleQueue inputOfRecord = recoverQueue != null ? recoverQueue : journals.input();
            final long[] lastRouted = new long[Destination.values().length];
            for (final Destination d : Destination.values()) {
                lastRouted[d.ordinal()] = JournalReads.lastInputIndex(journals.destination(d));
            }
            final long lastDecided = JournalReads.lastInputIndex(journals.decisions());
            final LiveCounters live = LiveCounters.create(spec.dataDir());
            boolean ringStopped = false;
            try {
                final EngineCounters counters = new EngineCounters(live);
                final JournalIn journalIn = new JournalIn(
                        spec.isReplay() ? null : () -> new JournalAppender(journals.input()),
                        () -> new JournalCursor(inputOfRecord), spec.clock(), ingestHost(), EngineVersion.VERSION,
                        config.engine().dedupeWindow());
                journalIn.countInto(live);
                final Pipeline pipeline = new Pipeline(config.engine().ringSize(), config.engine().layout(),
                        config.engine().waitStrategy(), journalIn, new Validator(config.validation()),
                        new QualityFilter(config.quality()), new KnownObjectFilter(config.knownObjects(), catalog),
                        new ArtifactFilter(config.artifacts()),
                        new Classifier(config, catalog.version(), EngineVersion.VERSION),
                        new Router(journals, lastRouted, lastDecided, counters));
                final MetricsAgent metrics = metricsAgent(spec, pipeline, live);
                live.publish();
                final RingBuffer<ObservationEvent> ring = pipeline.start();
                final long start;
                final long elapsed;
                final long recovered;
                final Ingest ingest;
                try {
                    metrics.start();
                    start = System.nanoTime();
                    recovered = recover(ring, inputOfRecord, live.recovered());
                    ingest = ingestLive(ring, spec, pipeline::journaledSequence, live.received());
                    pipeline.drainAndStop();
                    ringStopped = true;
                    elapsed = System.nanoTime() - start;
                } finally {
                    metrics.close(); // takes the last interval: every recorded entry is in the totals
                }
                counters.freeze();
                return result(pipeline, metrics, counters, journalIn, ingest, recovered, elapsed);
            } finally {
                // Unmapping under a ring thread still writing its counters would crash the JVM: after a
                // failure the mapping is left to the garbage collector.
                live.close(ringStopped);
            }
        }
    }

    /**
     * Wires the metrics thread to the ring: it reads the ring's free capacity and the journal lag (entries
     * past journal-in, not yet through routing) from the live counters, never from a stage's own state.
     */
    private MetricsAgent metricsAgent(final RunSpec spec, final Pipeline pipeline, final LiveCounters live) {
        final List<LatencyRecorder> recorders = new ArrayList<>();
        for (final StageHandler h : pipeline.handlers()) {
            h.countInto(live);
            recorders.add(h.latency());
        }
        final AtomicCounter journaledOut = pipeline.stageOut(JournalIn.NAME);
        final AtomicCounter routedOut = pipeline.stageOut(Router.NAME);
        final RingBuffer<ObservationEvent> ring = pipeline.ring();
        return new MetricsAgent(config.metrics(), spec.dataDir(), recorders, live,
                () -> ring.getBufferSize() - (ring.getCursor() - ring.getMinimumGatingSequence()),
                () -> journaledOut.get() - routedOut.get());
    }

    /** Publishes every entry of the input journal of record, in order, as RECOVERED entries. */
    private static long recover(final RingBuffer<ObservationEvent> ring, final ChronicleQueue input,
                                final AtomicCounter recoveredCounter) {
        long n = 0;
        try (JournalCursor cursor = new JournalCursor(input)) {
            while (true) {
                final long seq = ring.next();
                final ObservationEvent e = ring.get(seq);
                e.reset(ObservationEvent.Kind.RECOVERED);
                if (!cursor.nextObservation(e.obs)) {
                    e.kind = ObservationEvent.Kind.EMPTY;
                    ring.publish(seq);
                    return n;
                }
                e.inputIndex = cursor.index();
                e.publishNanos = System.nanoTime();
                ring.publish(seq);
                recoveredCounter.incrementRelease();
                n++;
            }
        }
    }

    private record Ingest(long received, double bytesPerObs) {
    }

    private static Ingest ingestLive(final RingBuffer<ObservationEvent> ring, final RunSpec spec,
                                     final JournalProgress progress,
                                     final AtomicCounter receivedCounter) {
        final List<ObservationSource> sources = spec.sources();
        // Sources that acknowledge upstream (Kafka) learn the ring sequence of each observation they returned.
        final AcknowledgedSource[] acknowledged = new AcknowledgedSource[sources.size()];
        for (int i = 0; i < acknowledged.length; i++) {
            if (sources.get(i) instanceof AcknowledgedSource a) {
                a.attach(progress);
                acknowledged[i] = a;
            }
        }
        final IdleStrategy idle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long received = 0;
        long allocAtWarmup = -1;
        long receivedAtWarmup = 0;
        for (final ObservationSource s : sources) {
            s.open();
        }
        try {
            while (!spec.stop().get()) {
                boolean anyOpen = false;
                int work = 0;
                for (int s = 0; s < acknowledged.length; s++) {
                    final ObservationSource source = sources.get(s);
                    if (source.isExhausted()) {
                        continue;
                    }
                    anyOpen = true;
                    for (int i = 0; i < POLL_BURST; i++) {
                        final long seq = ring.next();
                        final ObservationEvent e = ring.get(seq);
                        e.reset(ObservationEvent.Kind.LIVE);
                        e.publishNanos = System.nanoTime();
                        if (!source.poll(e.obs)) {
                            e.kind = ObservationEvent.Kind.EMPTY;
                            ring.publish(seq);
                            break;
                        }
                        // Counted before the entry is published, so no reader of the counters file can ever see
                        // an observation decided before it was received.
                        receivedCounter.incrementRelease();
                        ring.publish(seq);
                        if (acknowledged[s] != null) {
                            acknowledged[s].published(seq);
                        }
                        work++;
                        if (++received == INGEST_WARMUP) {
                            allocAtWarmup = threads.getCurrentThreadAllocatedBytes();
                            receivedAtWarmup = received;
                        }
                    }
                }
                if (!anyOpen && spec.untilIdle()) {
                    break;
                }
                idle.idle(work);
            }
        } finally {
            for (final ObservationSource s : sources) {
                s.close();
            }
        }
        final double perObs = allocAtWarmup < 0 || received == receivedAtWarmup ? -1
                : (double) (threads.getCurrentThreadAllocatedBytes() - allocAtWarmup) / (received - receivedAtWarmup);
        return new Ingest(received, perObs);
    }

    private RunResult result(final Pipeline pipeline, final MetricsAgent metrics, final EngineCounters counters,
                             final JournalIn journalIn, final Ingest ingest, final long recovered, final long elapsed) {
        final Map<String, Histogram> stageLatency = new LinkedHashMap<>(metrics.totals());
        final Histogram endToEnd = stageLatency.remove(StageHandler.END_TO_END);
        long allocated = 0;
        long steadyEvents = Long.MAX_VALUE;
        boolean measured = true;
        for (final StageHandler h : pipeline.handlers()) {
            if (h.steadyStateAllocatedBytes() < 0) {
                measured = false;
            }
            allocated += h.steadyStateAllocatedBytes();
            steadyEvents = Math.min(steadyEvents, h.steadyStateEvents());
        }
        final double enginePerObs = measured && steadyEvents > 0 ? (double) allocated / steadyEvents : -1;
        return new RunResult(ingest.received(), journalIn.journaled(), journalIn.duplicates(), recovered, counters,
                stageLatency, endToEnd, elapsed, enginePerObs, ingest.bytesPerObs(),
                config.version(), catalog.version());
    }

    private String ingestHost() {
        final String configured = config.engine().ingestHost();
        if (!configured.isEmpty()) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
