package org.skyring.engine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.agrona.concurrent.status.AtomicCounter;
import org.skyring.engine.config.SkyringConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The engine's one non-hot observability thread ("skyring-metrics"). Every sample interval it refreshes the
 * gauges of the counters file (ring remaining capacity, journal lag, heartbeat); every latency interval it takes
 * the interval histograms from each ring consumer's {@link LatencyRecorder}, writes them to
 * {@code DIR/latency/latency-TIME.hlog} (one tag per stage plus end_to_end), adds them to the run totals and to
 * a {@link RecentWindow}, and publishes the percentiles of both as {@link CounterKind#LATENCY} counters. {@link #close()} takes the last
 * interval once the ring has stopped, so the totals hold every recorded entry.
 */
public final class MetricsAgent implements AutoCloseable {
    public static final String LATENCY_DIR = "latency";
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final SkyringConfig.Metrics config;
    private final List<LatencyRecorder> recorders;
    private final LiveCounters counters;
    private final LongSupplier ringRemainingCapacity;
    private final LongSupplier journalLag;
    private final Map<String, Histogram> totals = new LinkedHashMap<>();
    private final Map<String, RecentWindow> recent = new LinkedHashMap<>();
    private final Map<String, AtomicCounter[]> published = new LinkedHashMap<>();
    private final Path logFile;
    private final HistogramLogWriter log;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Allocates the latency counters (call before {@link LiveCounters#publish()}) and opens the interval log.
     *
     * @param ringRemainingCapacity free ring entries, readable from any thread
     * @param journalLag            entries journaled but not yet routed, readable from any thread
     */
    public MetricsAgent(final SkyringConfig.Metrics config, final Path dataDir, final List<LatencyRecorder> recorders,
                        final LiveCounters counters, final LongSupplier ringRemainingCapacity,
                        final LongSupplier journalLag) {
        this.config = config;
        this.recorders = List.copyOf(recorders);
        this.counters = counters;
        this.ringRemainingCapacity = ringRemainingCapacity;
        this.journalLag = journalLag;
        for (final LatencyRecorder r : recorders) {
            for (final String tag : r.tags()) {
                totals.put(tag, LatencyRecorder.newHistogram());
                recent.put(tag, new RecentWindow());
                final AtomicCounter[] stats = new AtomicCounter[LatencyStat.values().length];
                for (final LatencyStat s : LatencyStat.values()) {
                    stats[s.ordinal()] = counters.counter(CounterKind.LATENCY, tag + "." + s.key());
                }
                published.put(tag, stats);
            }
        }
        final long startMs = System.currentTimeMillis();
        for (final LatencyRecorder r : this.recorders) {
            r.nextInterval(); // nothing recorded yet: starts the first interval at or after the log's base time
        }
        if (config.latencyLog()) {
            logFile = dataDir.resolve(LATENCY_DIR).resolve("latency-" + FILE_TIME.format(Instant.ofEpochMilli(startMs)) + ".hlog");
            log = openLog(logFile, startMs);
        } else {
            logFile = null;
            log = null;
        }
        warmUp();
        thread = new Thread(this::run, "skyring-metrics");
        thread.setDaemon(true);
    }

    private static HistogramLogWriter openLog(final Path file, final long startMs) {
        try {
            Files.createDirectories(file.getParent());
            final HistogramLogWriter w = new HistogramLogWriter(file.toFile());
            w.outputComment("Skyring engine latency, nanoseconds; tags: stages and end_to_end");
            w.outputLogFormatVersion();
            w.outputStartTime(startMs);
            w.setBaseTime(startMs);
            w.outputLegend();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create latency log " + file, e);
        }
    }

    /**
     * Runs the interval path once on empty histograms before the ring starts: the classes it needs (the log's
     * compression and encoding) load now, not in the middle of the run, where loading them could deoptimise
     * code the ring threads are running.
     */
    private void warmUp() {
        final Histogram empty = LatencyRecorder.newHistogram();
        empty.encodeIntoCompressedByteBuffer(java.nio.ByteBuffer.allocate(empty.getNeededByteBufferCapacity()));
        final AtomicCounter[] scratch = new AtomicCounter[LatencyStat.values().length];
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = LiveCounters.detached();
        }
        publish(scratch, empty, empty);
    }

    public void start() {
        sampleGauges();
        thread.start();
    }

    private void run() {
        final long sampleNanos = TimeUnit.MILLISECONDS.toNanos(config.sampleIntervalMs());
        final long latencyNanos = TimeUnit.MILLISECONDS.toNanos(config.latencyIntervalMs());
        long nextInterval = System.nanoTime() + latencyNanos;
        while (running) {
            LockSupport.parkNanos(sampleNanos);
            if (!running) {
                break;
            }
            sampleGauges();
            final long now = System.nanoTime();
            if (now - nextInterval >= 0) {
                takeInterval();
                // Fixed rate; after a stall (a paused machine) start afresh rather than log a burst of intervals.
                nextInterval = now - nextInterval >= latencyNanos ? now + latencyNanos : nextInterval + latencyNanos;
            }
        }
    }

    private void sampleGauges() {
        counters.ringRemainingCapacity().setRelease(ringRemainingCapacity.getAsLong());
        counters.journalLag().setRelease(Math.max(0, journalLag.getAsLong()));
        counters.heartbeat().setRelease(System.currentTimeMillis());
    }

    private void takeInterval() {
        for (final LatencyRecorder r : recorders) {
            for (final Histogram interval : r.nextInterval()) {
                if (log != null) {
                    log.outputIntervalHistogram(interval);
                }
                final Histogram total = totals.get(interval.getTag());
                total.add(interval);
                final RecentWindow window = recent.get(interval.getTag());
                window.add(interval);
                publish(published.get(interval.getTag()), total, window.snapshot());
            }
        }
    }

    /**
     * Writes one tag's statistics, the count last (release order): a reader that sees a refresh's count also sees
     * that refresh's percentiles, so "count == decided" means the figures are final.
     */
    private static void publish(final AtomicCounter[] stats, final Histogram h, final Histogram recentWindow) {
        for (final LatencyStat s : LatencyStat.values()) {
            if (s == LatencyStat.COUNT) {
                continue;
            }
            final long v;
            if (s.isRecent()) {
                v = recentWindow.getValueAtPercentile(s.percentile());
            } else if (s == LatencyStat.SUM) {
                v = Math.round(h.getMean() * h.getTotalCount());
            } else if (s == LatencyStat.MAX) {
                v = h.getMaxValue();
            } else {
                v = h.getValueAtPercentile(s.percentile());
            }
            stats[s.ordinal()].setRelease(v);
        }
        stats[LatencyStat.COUNT.ordinal()].setRelease(h.getTotalCount());
    }

    /** Latency of the whole run by tag (stages in ring order, then end_to_end); complete after {@link #close()}. */
    public Map<String, Histogram> totals() {
        return Collections.unmodifiableMap(totals);
    }

    /** The interval log of this run, or null when {@code metrics.latency_log} is off. */
    public Path logFile() {
        return logFile;
    }

    /** Stops the thread, then takes the last interval: call after the ring has stopped. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        takeInterval();
        sampleGauges();
        if (log != null) {
            log.close();
        }
    }
}
