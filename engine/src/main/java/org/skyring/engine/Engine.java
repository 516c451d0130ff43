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
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.classify.ObjectHistory;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.AcknowledgedSource;
import org.skyring.engine.port.JournalProgress;
import org.skyring.engine.metrics.LatencyRecorder;
import org.skyring.engine.metrics.LiveCounters;
import org.skyring.engine.metrics.MetricsAgent;
import org.skyring.engine.alert.AlertSystem;
import org.skyring.engine.alert.LogAlertChannel;
import org.skyring.engine.alert.QueueAlertChannel;
import org.skyring.engine.alert.TextJournal;
import org.skyring.engine.port.AlertChannel;
import org.skyring.engine.port.ObservationSource;
import org.skyring.engine.pressure.PressureController;
import org.skyring.engine.pressure.PressureLevel;
import org.skyring.engine.pressure.PressureSignals;
import org.skyring.engine.pressure.Reclassifier;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.engine.ring.Pipeline;
import org.skyring.engine.ring.StageHandler;
import org.skyring.engine.stage.ArtifactFilter;
import org.skyring.engine.stage.Classifier;
import org.skyring.engine.stage.EngineCounters;
import org.skyring.engine.stage.JournalIn;
import org.skyring.engine.stage.KnownObjectFilter;
import org.skyring.engine.stage.PressureTriage;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

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
    private Map<String, AlertChannel> adapterChannels = Map.of();

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

    /**
     * Alert channels implemented by adapters (webhooks, VOEvent files, Kafka), by config name; the engine adds
     * its own "queue" and "log". The engine closes them at the end of the run.
     */
    public Engine alertChannels(final Map<String, AlertChannel> channels) {
        this.adapterChannels = Map.copyOf(channels);
        return this;
    }

    public RunResult run(final RunSpec spec) {
        final RollCycle rollCycle = RollCycles.valueOf(config.engine().rollCycle());
        final SkyringConfig.Model modelConfig = config.classification().model();
        try (JournalSet journals = JournalSet.open(spec.dataDir(), rollCycle);
             ObjectHistory history = modelConfig.history() ? ObjectHistory.open(spec.dataDir().resolve(STATE_DIR),
                     modelConfig.historyMaxObjects(), config.classification().minPairSeparationDays()) : null;
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
            final boolean liveRun = !spec.isReplay(); // a replay reproduces full decisions and alerts nobody
            AlertSystem alerts = null;
            TextJournal pressureJournal = null;
            Reclassifier reclassifier = null;
            Background background = null;
            try {
                final EngineCounters counters = new EngineCounters(live);
                alerts = liveRun && config.alerts().enabled()
                        ? new AlertSystem(spec.dataDir(), rollCycle, journals.destination(Destination.ALERT),
                        config.alerts(), alertChannels(spec.dataDir(), rollCycle), spec.clock()) : null;
                final AlertSystem alertSystem = alerts;
                final RingSignals signals = new RingSignals(alerts);
                pressureJournal = liveRun && config.pressure().enabled()
                        ? TextJournal.open(spec.dataDir(), PressureController.QUEUE, rollCycle) : null;
                final PressureController pressure = pressureJournal == null ? null
                        : new PressureController(config.pressure(), signals, spec.clock(), pressureJournal,
                        pressureListener(live, alertSystem));
                final IntSupplier level = pressure == null ? () -> 0 : pressure::levelOrdinal;
                final Classifier classifier = new Classifier(config, catalog.version(), EngineVersion.VERSION, history, model);
                final JournalIn journalIn = new JournalIn(
                        spec.isReplay() ? null : () -> new JournalAppender(journals.input()),
                        () -> new JournalCursor(inputOfRecord), spec.clock(), ingestHost(), EngineVersion.VERSION,
                        config.engine().dedupeWindow());
                journalIn.countInto(live);
                final Pipeline pipeline = new Pipeline(config.engine().ringSize(), config.engine().layout(),
                        config.engine().waitStrategy(), journalIn, new Validator(config.validation()),
                        new QualityFilter(config.quality()), new PressureTriage(level, classifier, config),
                        new KnownObjectFilter(config.knownObjects(), catalog),
                        new ArtifactFilter(config.artifacts()), classifier,
                        new Router(journals, lastRouted, lastDecided, counters));
                signals.pipeline = pipeline;
                reclassifier = liveRun ? new Reclassifier(journals, rollCycle,
                        List.of(new KnownObjectFilter(config.knownObjects(), catalog)),
                        // Background thread: the model, but not the object history (the ring's thread owns that
                        // Chronicle Map's handle; the deferred observation was already applied to it in journal
                        // order): the classifier uses the light curve the deferred decision recorded instead.
                        new Classifier(config, catalog.version(), EngineVersion.VERSION, null, model), level, spec.clock(),
                        lastDecided) : null;
                background = new Background(pressure, alerts, reclassifier);
                final MetricsAgent metrics = metricsAgent(spec, pipeline, live);
                live.publish();
                final RingBuffer<ObservationEvent> ring = pipeline.start();
                final long start;
                final long elapsed;
                final long recovered;
                final Ingest ingest;
                final long drainNanos;
                try {
                    background.start();
                    metrics.start();
                    start = System.nanoTime();
                    recovered = recover(ring, inputOfRecord, live.recovered());
                    ingest = ingestLive(ring, spec, pipeline::journaledSequence, live.received(), level);
                    pipeline.drainAndStop();
                    ringStopped = true;
                    elapsed = System.nanoTime() - start; // the ring's work; background catch-up is reported apart
                    final long drainStart = System.nanoTime();
                    background.stop(spec.untilIdle() || !liveRun);
                    drainNanos = System.nanoTime() - drainStart;
                } finally {
                    metrics.close(); // takes the last interval: every recorded entry is in the totals
                }
                if (reclassifier != null) {
                    counters.merge(reclassifier.corrections());
                }
                counters.freeze();
                return result(pipeline, metrics, counters, journalIn, ingest, recovered, elapsed,
                        overload(pressure, counters, ingest, metrics, alerts, drainNanos));
            } finally {
                if (background != null) {
                    background.close(); // before the journals it reads and writes are closed
                }
                if (reclassifier != null) {
                    reclassifier.closeQueue();
                }
                if (alerts != null) {
                    alerts.close();
                }
                if (pressureJournal != null) {
                    pressureJournal.close();
                }
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

    /** The built-in channels named in the config plus the adapters' channels. */
    private Map<String, AlertChannel> alertChannels(final java.nio.file.Path dataDir, final RollCycle rollCycle) {
        final Map<String, AlertChannel> channels = new LinkedHashMap<>(adapterChannels);
        final java.util.Set<String> wanted = config.alerts().channelNames();
        if (wanted.contains(QueueAlertChannel.NAME)) {
            channels.put(QueueAlertChannel.NAME, new QueueAlertChannel(dataDir, rollCycle));
        }
        if (wanted.contains(LogAlertChannel.NAME)) {
            channels.put(LogAlertChannel.NAME, new LogAlertChannel(System.err));
        }
        return channels;
    }

    /**
     * What a level change does beyond the journal: the counters file's pressure gauge ({@code skyring stat},
     * Prometheus) and, at CRITICAL, the operator alert. Runs on the background thread, the gauge's only writer.
     */
    static PressureController.Listener pressureListener(final LiveCounters live, final AlertSystem alerts) {
        return (from, to, cause, at) -> {
            live.setPressureLevel(to.ordinal());
            operatorAlert(alerts, to, cause, at);
        };
    }

    /** CRITICAL pressure is an operator alert: a person must know the engine has paused its sources. */
    private static void operatorAlert(final AlertSystem alerts, final PressureLevel to, final String cause,
                                      final long at) {
        if (alerts != null && to == PressureLevel.CRITICAL) {
            alerts.raiseOperatorAlert("pressure-critical", "Skyring pressure CRITICAL (" + cause
                    + "): sources paused, routine analysis deferred; critical candidates still processed", at);
        }
    }

    /** Pressure signals read from the running ring and the alert system (background thread). */
    private static final class RingSignals implements PressureSignals {
        private final AlertSystem alerts;
        private Pipeline pipeline;

        RingSignals(final AlertSystem alerts) {
            this.alerts = alerts;
        }

        @Override
        public double ringFill() {
            return pipeline.fill();
        }

        @Override
        public long inputBacklog() {
            return pipeline.undecided();
        }

        @Override
        public long outputLag() {
            return alerts == null ? 0 : alerts.undelivered();
        }
    }

    private static OverloadReport overload(final PressureController pressure, final EngineCounters counters,
                                           final Ingest ingest, final MetricsAgent metrics, final AlertSystem alerts,
                                           final long drainNanos) {
        final int levels = PressureLevel.values().length;
        return new OverloadReport(pressure == null ? new long[levels] : pressure.nanosAtLevel(),
                pressure == null ? new long[levels] : pressure.entries(), counters.deferred(), counters.reclassified,
                counters.reclassifiedChanged, ingest.sourcePauses(), metrics.totals().get(StageHandler.END_TO_END_CRITICAL),
                alerts == null ? new long[4] : alerts.counts(), drainNanos);
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

    private record Ingest(long received, double bytesPerObs, long sourcePauses) {
    }

    /**
     * Polls the live sources into the ring. At pressure CRITICAL the pausable sources are paused (Kafka
     * partitions paused, files not read) until the level falls: the backlog waits durably at the source, nothing
     * is lost. Sources that are not pausable (every record a critical candidate: GCN notices) keep flowing.
     */
    private static Ingest ingestLive(final RingBuffer<ObservationEvent> ring, final RunSpec spec,
                                     final JournalProgress progress, final AtomicCounter receivedCounter,
                                     final IntSupplier level) {
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
        long pauses = 0;
        boolean paused = false;
        for (final ObservationSource s : sources) {
            s.open();
        }
        try {
            while (!spec.stop().get()) {
                final boolean critical = level.getAsInt() >= PressureTriage.CRITICAL_LEVEL;
                if (critical != paused) {
                    paused = critical;
                    pauses += critical ? 1 : 0;
                    for (final ObservationSource s : sources) {
                        if (s.pausable()) {
                            if (critical) {
                                s.pause();
                            } else {
                                s.resume();
                            }
                        }
                    }
                }
                boolean anyOpen = false;
                int work = 0;
                for (int s = 0; s < acknowledged.length; s++) {
                    final ObservationSource source = sources.get(s);
                    if (source.isExhausted()) {
                        continue;
                    }
                    if (paused && source.pausable()) {
                        anyOpen = true; // waiting, not finished
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
        return new Ingest(received, perObs, pauses);
    }

    private RunResult result(final Pipeline pipeline, final MetricsAgent metrics, final EngineCounters counters,
                             final JournalIn journalIn, final Ingest ingest, final long recovered, final long elapsed,
                             final OverloadReport overload) {
        final Map<String, Histogram> stageLatency = new LinkedHashMap<>(metrics.totals());
        final Histogram endToEnd = stageLatency.remove(StageHandler.END_TO_END);
        stageLatency.remove(StageHandler.END_TO_END_CRITICAL); // in the overload report
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
                config.version(), catalog.version(), overload);
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
