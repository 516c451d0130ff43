package org.skyring.cli;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import org.skyring.engine.metrics.CounterKind;
import org.skyring.engine.metrics.CountersView;
import org.skyring.engine.metrics.GaugeName;
import org.skyring.engine.metrics.LatencyStat;
import org.skyring.engine.metrics.ObservationCount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Prometheus {@code /metrics} on 127.0.0.1, served by the official Java client (1.x). Every metric is a
 * callback metric over the engine's counters file, read through {@link CountersView} at scrape time: the
 * engine counts once, in its live counters, and Prometheus shows those very values (no second set of counters
 * to drift). Latency is a summary per stage: p50/p90/p99/p99.9 of the last 50-60 s (refreshed every
 * {@code metrics.latency_interval_ms}), like the client's own summaries, with count and sum of the whole run.
 */
public final class PrometheusEndpoint implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    private static final long SNAPSHOT_REUSE_NANOS = 50_000_000L;

    private final CountersView view;
    private final HTTPServer server;
    private CountersView.Snapshot last;

    private PrometheusEndpoint(final Path dataDir, final int port) throws IOException {
        this.view = new CountersView(dataDir);
        final PrometheusRegistry registry = new PrometheusRegistry();
        register(registry);
        this.server = HTTPServer.builder().hostname(HOST).port(port).registry(registry).buildAndStart();
    }

    /**
     * Serves the counters of {@code dataDir} on {@code 127.0.0.1:port} (0 = any free port, see {@link #port()}).
     * The engine may create its counters file later: until then the endpoint serves no sample.
     */
    public static PrometheusEndpoint start(final int port, final Path dataDir) {
        try {
            return new PrometheusEndpoint(dataDir, port);
        } catch (IOException e) {
            throw new UncheckedIOException("metrics.prometheus_port: cannot listen on " + HOST + ":" + port
                    + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** One file read serves every metric of a scrape: all callbacks of a scrape see the same instant. */
    private synchronized CountersView.Snapshot snapshot() {
        if (last == null || System.nanoTime() - last.takenNanos() > SNAPSHOT_REUSE_NANOS) {
            last = view.snapshot();
        }
        return last;
    }

    private void register(final PrometheusRegistry registry) {
        for (final ObservationCount c : ObservationCount.values()) {
            CounterWithCallback.builder().name("skyring_observations_" + c.key()).help("Observations: " + c.help())
                    .callback(cb -> value(CounterKind.OBSERVATIONS, c.key(), cb::call)).register(registry);
        }
        counterFamily(registry, CounterKind.STAGE_IN, "skyring_stage_in", "stage", "Entries handed to each stage");
        counterFamily(registry, CounterKind.STAGE_OUT, "skyring_stage_out", "stage",
                "Entries each stage passed on (journal_in drops duplicates)");
        counterFamily(registry, CounterKind.CATEGORY, "skyring_decisions", "category", "Decisions by category");
        counterFamily(registry, CounterKind.DESTINATION, "skyring_routed", "destination",
                "Observations appended to each destination queue");
        counterFamily(registry, CounterKind.REJECTION, "skyring_rejections", "reason",
                "Dead-lettered observations by reason (one observation may have several)");
        for (final GaugeName g : List.of(GaugeName.RING_REMAINING_CAPACITY, GaugeName.JOURNAL_LAG, GaugeName.PRESSURE_LEVEL)) {
            GaugeWithCallback.builder().name("skyring_" + g.key()).help(g.help())
                    .callback(cb -> value(CounterKind.GAUGE, g.key(), cb::call)).register(registry);
        }
        GaugeWithCallback.builder().name("skyring_heartbeat_timestamp_seconds").help(GaugeName.HEARTBEAT_EPOCH_MS.help())
                .callback(cb -> value(CounterKind.GAUGE, GaugeName.HEARTBEAT_EPOCH_MS.key(),
                        (v, labels) -> cb.call(v / 1e3, labels))).register(registry);
        SummaryWithCallback.builder().name("skyring_latency_seconds").labelNames("stage")
                .help("Latency per stage and end to end (end_to_end: from the producer's claim to routed); quantiles"
                        + " over the last 50-60 s, count and sum over the whole run")
                .callback(cb -> latency((tag, v) -> cb.call(v[LatencyStat.COUNT.ordinal()],
                        v[LatencyStat.SUM.ordinal()] / 1e9, quantiles(v), tag))).register(registry);
        GaugeWithCallback.builder().name("skyring_latency_max_seconds").labelNames("stage")
                .help("Largest latency per stage and end to end, whole run")
                .callback(cb -> latency((tag, v) -> cb.call(v[LatencyStat.MAX.ordinal()] / 1e9, tag))).register(registry);
    }

    private void counterFamily(final PrometheusRegistry registry, final CounterKind kind, final String name,
                               final String label, final String help) {
        CounterWithCallback.builder().name(name).labelNames(label).help(help)
                .callback(cb -> {
                    final CountersView.Snapshot s = snapshot();
                    if (s != null) {
                        for (final CountersView.Counter c : s.counters()) {
                            if (c.kind() == kind) {
                                cb.call(c.value(), c.key());
                            }
                        }
                    }
                }).register(registry);
    }

    private void value(final CounterKind kind, final String key, final BiConsumer<Double, String[]> out) {
        final CountersView.Snapshot s = snapshot();
        if (s == null) {
            return;
        }
        for (final CountersView.Counter c : s.counters()) {
            if (c.kind() == kind && c.key().equals(key)) {
                out.accept((double) c.value(), new String[0]);
                return;
            }
        }
    }

    private void latency(final BiConsumer<String, long[]> out) {
        final CountersView.Snapshot s = snapshot();
        if (s != null) {
            s.latency().forEach(out);
        }
    }

    private static Quantiles quantiles(final long[] v) {
        final List<Quantile> q = new ArrayList<>();
        for (final LatencyStat stat : LatencyStat.values()) {
            if (stat.isRecent()) {
                q.add(new Quantile(stat.quantile(), v[stat.ordinal()] / 1e9));
            }
        }
        return Quantiles.of(q);
    }

    @Override
    public void close() {
        server.close();
        synchronized (this) {
            view.close();
        }
    }
}
