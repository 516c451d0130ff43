package org.skyring.engine;

import com.lmax.disruptor.RingBuffer;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.skyring.catalog.SkyCatalog;
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.classify.ObjectHistory;
import org.skyring.engine.config.SkyringConfig;
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
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One engine run: opens the journals, re-runs the input journal (restart or replay), then ingests live sources
 * on the calling thread (the ring's single producer) until told to stop or, with untilIdle, until every source
 * is exhausted; drains the ring, closes everything it opened, and returns what it measured.
 */
public final class Engine {
    /** Directory of the data directory holding engine state that is not a journal (the object history). */
    public static final String STATE_DIR = "state";
    private static final int POLL_BURST = 256;
    private static final long INGEST_WARMUP = 100_000;

    private final SkyringConfig config;
    private final SkyCatalog catalog;

    private final ClassModel model;

    /** The model comes from the config ({@code classification.model.file}; none when empty). */
    public Engine(final SkyringConfig config, final SkyCatalog catalog) {
        this(config, catalog, modelOf(config));
    }

    private static ClassModel modelOf(final SkyringConfig config) {
        final String file = config.classification().model().file();
        if (file.isEmpty()) {
            return null;
        }
        try {
            return ClassModel.load(Path.of(file));
        } catch (IllegalArgumentException e) {
            throw new org.skyring.engine.config.ConfigException("classification.model.file: \"" + file
                    + "\" cannot be used: " + e.getMessage());
        }
    }

    /** @param model trained classification model, or null for rules only */
    public Engine(final SkyringConfig config, final SkyCatalog catalog, final ClassModel model) {
        this.config = config;
        this.catalog = catalog;
        this.model = model;
    }

    public RunResult run(final RunSpec spec) {
        final RollCycle rollCycle = RollCycles.valueOf(config.engine().rollCycle());
        final SkyringConfig.Model modelConfig = config.classification().model();
        try (JournalSet journals = JournalSet.open(spec.dataDir(), rollCycle);
             ObjectHistory history = modelConfig.history() ? ObjectHistory.open(spec.dataDir().resolve(STATE_DIR),
                     modelConfig.historyMaxObjects(), config.classification().minPairSeparationDays()) : null;
             ChronicleQueue recoverQueue = spec.isReplay() ? JournalSet.openQueue(spec.recoverFrom(), JournalSet.INPUT, rollCycle) : null) {
            final ChronicleQueue inputOfRecord = recoverQueue != null ? recoverQueue : journals.input();
            final long[] lastRouted = new long[Destination.values().length];
            for (final Destination d : Destination.values()) {
                lastRouted[d.ordinal()] = JournalReads.lastInputIndex(journals.destination(d));
            }
            final long lastDecided = JournalReads.lastInputIndex(journals.decisions());
            final EngineCounters counters = new EngineCounters();
            final JournalIn journalIn = new JournalIn(
                    spec.isReplay() ? null : () -> new JournalAppender(journals.input()),
                    () -> new JournalCursor(inputOfRecord), spec.clock(), ingestHost(), EngineVersion.VERSION);
            final Pipeline pipeline = new Pipeline(config.engine().ringSize(), config.engine().layout(),
                    config.engine().waitStrategy(), journalIn, new Validator(config.validation()),
                    new QualityFilter(config.quality()), new KnownObjectFilter(config.knownObjects(), catalog),
                    new ArtifactFilter(config.artifacts()),
                    new Classifier(config, catalog.version(), EngineVersion.VERSION, history, model),
                    new Router(journals, lastRouted, lastDecided, counters));
            final RingBuffer<ObservationEvent> ring = pipeline.start();
            final long start = System.nanoTime();
            final long recovered = recover(ring, inputOfRecord);
            final Ingest ingest = ingestLive(ring, spec);
            pipeline.drainAndStop();
            final long elapsed = System.nanoTime() - start;
            return result(pipeline, counters, journalIn, ingest, recovered, elapsed);
        }
    }

    /** Publishes every entry of the input journal of record, in order, as RECOVERED entries. */
    private static long recover(final RingBuffer<ObservationEvent> ring, final ChronicleQueue input) {
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
                n++;
            }
        }
    }

    private record Ingest(long received, double bytesPerObs) {
    }

    private static Ingest ingestLive(final RingBuffer<ObservationEvent> ring, final RunSpec spec) {
        final List<ObservationSource> sources = spec.sources();
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
                for (final ObservationSource source : sources) {
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
                        ring.publish(seq);
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

    private RunResult result(final Pipeline pipeline, final EngineCounters counters, final JournalIn journalIn,
                             final Ingest ingest, final long recovered, final long elapsed) {
        final Map<String, Histogram> stageLatency = new LinkedHashMap<>();
        long allocated = 0;
        long steadyEvents = Long.MAX_VALUE;
        boolean measured = true;
        for (final StageHandler h : pipeline.handlers()) {
            for (int i = 0; i < h.stages().length; i++) {
                stageLatency.put(h.stages()[i].name(), h.stageLatency(i));
            }
            if (h.steadyStateAllocatedBytes() < 0) {
                measured = false;
            }
            allocated += h.steadyStateAllocatedBytes();
            steadyEvents = Math.min(steadyEvents, h.steadyStateEvents());
        }
        final double enginePerObs = measured && steadyEvents > 0 ? (double) allocated / steadyEvents : -1;
        return new RunResult(ingest.received(), journalIn.journaled(), journalIn.duplicates(), recovered, counters,
                stageLatency, pipeline.endToEndLatency(), elapsed, enginePerObs, ingest.bytesPerObs(),
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
