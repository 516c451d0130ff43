package org.skyring.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.engine.RunResult;
import org.skyring.engine.RunSummary;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.metrics.CountersView;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scrapes the real /metrics endpoint over HTTP while a real engine runs, and after it stopped. */
class PrometheusEndpointTest {
    private static final int COUNT = 50_000;
    /** One sample line of the text format: name, optional {labels}, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");

    @TempDir
    Path dir;

    @Test
    void servesTheLiveCountersAndLatencyOfTheEngineInTheTextFormat() throws Exception {
        final SkyringConfig config = SkyringConfig.parse("metrics:\n  latency_interval_ms: 100\n  sample_interval_ms: 20\n");
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<RunResult> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start(0, dir)) {
            final Thread engine = new Thread(() -> {
                try {
                    result.set(EngineProcess.runNight(dir, config, COUNT, false, stop));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "test-engine");
            engine.start();
            // The engine keeps running (no --until-idle) once the night is decided and its latency published.
            try (CountersView view = new CountersView(dir)) {
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline && failure.get() == null && !settled(view.snapshot())) {
                    Thread.sleep(20);
                }
                final CountersView.Snapshot s = view.snapshot();
                assertTrue(settled(s), "the engine decided the night: " + (s == null ? "no counters" : s.byLabel()));
                final Map<String, Double> live = scrape(endpoint.port());
                assertTrue(s.isRunning());
                assertEquals(COUNT, live.get("skyring_observations_received_total"));
                assertEquals(s.value("observations.decided"), live.get("skyring_observations_decided_total"));
                assertEquals(s.value("stage_in.validate"), live.get("skyring_stage_in_total{stage=\"validate\"}"));
                assertEquals(s.value("category.routine"), live.get("skyring_decisions_total{category=\"routine\"}"));
                assertEquals(s.value("destination.archive"), live.get("skyring_routed_total{destination=\"archive\"}"));
                assertEquals(config.engine().ringSize(), live.get("skyring_ring_remaining_capacity"));
                assertEquals(0.0, live.get("skyring_journal_lag"));
                assertEquals(0.0, live.get("skyring_pressure_level"));
                assertEquals(s.value("latency.end_to_end.recent_p99") / 1e9,
                        live.get("skyring_latency_seconds{stage=\"end_to_end\",quantile=\"0.99\"}"), 1e-12);
            }
            stop.set(true);
            engine.join(TimeUnit.SECONDS.toMillis(60));
            if (failure.get() != null) {
                throw new AssertionError("engine failed", failure.get());
            }
            // After the run the endpoint still serves its final counters: exactly the run summary.
            final Map<String, Double> done = scrape(endpoint.port());
            final Map<String, Object> summary = RunSummary.of(result.get());
            assertEquals(number(summary, "observations", "decided"), done.get("skyring_observations_decided_total"));
            assertEquals(number(summary, "rejected", "total"), done.get("skyring_decisions_total{category=\"rejected\"}"));
            section(summary, "categories").forEach((k, v) ->
                    assertEquals(((Number) v).doubleValue(), done.get("skyring_decisions_total{category=\"" + k + "\"}"), k));
            section(summary, "destinations").forEach((k, v) ->
                    assertEquals(((Number) v).doubleValue(), done.get("skyring_routed_total{destination=\"" + k + "\"}"), k));
            section(section(summary, "rejected"), "by_reason").forEach((k, v) ->
                    assertEquals(((Number) v).doubleValue(), done.get("skyring_rejections_total{reason=\"" + k + "\"}"), k));
            // Quantiles cover the last 50-60 s, count and sum the whole run: for this short run, both the whole run.
            final Map<String, Object> e2e = section(section(summary, "latency_ns"), "end_to_end");
            assertEquals(((Number) e2e.get("count")).doubleValue(), done.get("skyring_latency_seconds_count{stage=\"end_to_end\"}"));
            assertEquals(((Number) e2e.get("p50")).doubleValue() / 1e9,
                    done.get("skyring_latency_seconds{stage=\"end_to_end\",quantile=\"0.5\"}"), 1e-12);
            assertEquals(((Number) e2e.get("p999")).doubleValue() / 1e9,
                    done.get("skyring_latency_seconds{stage=\"end_to_end\",quantile=\"0.999\"}"), 1e-12);
            assertEquals(((Number) e2e.get("max")).doubleValue() / 1e9,
                    done.get("skyring_latency_max_seconds{stage=\"end_to_end\"}"), 1e-12);
        }
    }

    private static boolean settled(final CountersView.Snapshot s) {
        return s != null && s.value("observations.decided") + s.value("observations.duplicates") == COUNT
                && s.value("latency.end_to_end.count") == s.value("observations.decided");
    }

    /** GETs /metrics and parses the Prometheus text format into sample (name plus labels) -> value. */
    static Map<String, Double> scrape(final int port) throws Exception {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                "Prometheus text format");
        final Map<String, Double> samples = new LinkedHashMap<>();
        for (final String line : response.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            final Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "a text-format sample line: " + line);
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        assertNotNull(samples.get("skyring_observations_received_total"), response.body());
        return samples;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(final Map<String, Object> tree, final String key) {
        return (Map<String, Object>) tree.get(key);
    }

    private static double number(final Map<String, Object> tree, final String section, final String key) {
        return ((Number) section(tree, section).get(key)).doubleValue();
    }
}
