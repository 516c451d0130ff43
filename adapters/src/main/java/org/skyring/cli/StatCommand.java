package org.skyring.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.skyring.engine.metrics.CounterKind;
import org.skyring.engine.metrics.CountersFile;
import org.skyring.engine.metrics.CountersView;
import org.skyring.engine.metrics.GaugeName;
import org.skyring.engine.metrics.LatencyStat;
import org.skyring.engine.metrics.LiveCounters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code skyring stat}: an engine's live counters, read from its counters file by this separate process (the
 * AeronStat idea): values and rates per second, refreshed every interval, following the file when a new run
 * replaces it. It maps the file read-only and never touches the engine.
 */
@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Show a running (or finished) engine's live counters and rates.")
final class StatCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--dir", description = "Data directory of the engine (default: ./skyring-data).")
    Path dir = Path.of("skyring-data");

    @Option(names = "--interval", description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    double intervalSeconds = 1.0;

    @Option(names = "--once", description = "Print one sample and exit; rates are averages over the run so far.")
    boolean once;

    @Option(names = "--count", description = "Exit after this many samples (default: until interrupted).")
    long count = Long.MAX_VALUE;

    @Option(names = "--json", description = "One JSON object per sample and line, for scripts.")
    boolean json;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() throws InterruptedException, JsonProcessingException {
        if (!(intervalSeconds > 0)) {
            throw new IllegalArgumentException("--interval " + intervalSeconds + ": must be > 0 seconds");
        }
        final PrintStream out = System.out;
        try (CountersView view = new CountersView(dir)) {
            CountersView.Snapshot previous = null;
            long samples = 0;
            while (samples < (once ? 1 : count)) {
                final CountersView.Snapshot s = view.snapshot();
                if (s == null) {
                    if (once) {
                        System.err.println("skyring stat: no counters file " + CountersFile.path(dir)
                                + " (is an engine running with --dir " + dir + "?)");
                        return 1;
                    }
                    if (!json) {
                        out.println("skyring stat: waiting for " + CountersFile.path(dir) + " ...");
                    }
                } else {
                    // A new run (new file) restarts the rates.
                    final CountersView.Snapshot base = previous != null && previous.startEpochMs() == s.startEpochMs()
                            && previous.pid() == s.pid() ? previous : null;
                    final Map<String, Double> rates = rates(s, base);
                    if (json) {
                        out.println(mapper.writeValueAsString(toJson(s, rates)));
                    } else {
                        if (!once && System.console() != null) {
                            out.print("\033[H\033[2J"); // clear the terminal, like AeronStat
                        }
                        out.print(table(s, rates));
                    }
                    out.flush();
                    previous = s;
                    samples++;
                }
                if (samples < (once ? 1 : count)) {
                    TimeUnit.NANOSECONDS.sleep((long) (intervalSeconds * 1e9));
                }
            }
        }
        return 0;
    }

    /**
     * Rates per second of the counters that only grow: against the previous sample, or, for the first sample,
     * averaged since the engine started (up to its end if it has stopped).
     */
    static Map<String, Double> rates(final CountersView.Snapshot s, final CountersView.Snapshot previous) {
        final Map<String, Double> rates = new LinkedHashMap<>();
        final double seconds;
        final Map<String, Long> before;
        if (previous != null) {
            seconds = (s.takenNanos() - previous.takenNanos()) / 1e9;
            before = previous.byLabel();
        } else {
            final long endMs = s.endEpochMs() == 0 ? System.currentTimeMillis() : s.endEpochMs();
            seconds = (endMs - s.startEpochMs()) / 1e3;
            before = Map.of();
        }
        for (final CountersView.Counter c : s.counters()) {
            if (!c.kind().isGauge() && seconds > 0) {
                rates.put(c.label(), (c.value() - before.getOrDefault(c.label(), 0L)) / seconds);
            }
        }
        return rates;
    }

    private Map<String, Object> toJson(final CountersView.Snapshot s, final Map<String, Double> rates) {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", s.file().toString());
        root.put("pid", s.pid());
        root.put("running", s.isRunning());
        root.put("start_epoch_ms", s.startEpochMs());
        root.put("end_epoch_ms", s.endEpochMs());
        root.put("counters", s.byLabel());
        final Map<String, Double> rounded = new LinkedHashMap<>();
        rates.forEach((k, v) -> rounded.put(k, Math.round(v * 10) / 10.0));
        root.put("rates_per_s", rounded);
        return root;
    }

    /** The human table: counters with rates (zero reject reasons left out), then latency per tag. */
    static String table(final CountersView.Snapshot s, final Map<String, Double> rates) {
        final StringBuilder sb = new StringBuilder();
        final long now = System.currentTimeMillis();
        final String state;
        if (s.isRunning()) {
            state = String.format(Locale.ROOT, "running for %.1f s", (now - s.startEpochMs()) / 1e3);
        } else if (s.isAbandoned()) {
            state = "gone without closing the file (killed?): last values";
        } else {
            state = String.format(Locale.ROOT, "stopped %.1f s ago after %.1f s", (now - s.endEpochMs()) / 1e3,
                    (s.endEpochMs() - s.startEpochMs()) / 1e3);
        }
        sb.append(String.format(Locale.ROOT, "skyring stat: %s  pid %d  %s%n", s.file(), s.pid(), state));
        sb.append(String.format(Locale.ROOT, "  %-44s %16s %14s%n", "counter", "value", "rate/s"));
        final List<CountersView.Counter> shown = new ArrayList<>(s.counters());
        // Grouped by kind (stable: allocation order within a kind, stage in/out side by side).
        shown.sort(Comparator.comparingInt(c -> c.kind() == CounterKind.STAGE_OUT ? CounterKind.STAGE_IN.ordinal()
                : c.kind().ordinal()));
        for (final CountersView.Counter c : shown) {
            if (c.kind() == CounterKind.LATENCY || c.kind() == CounterKind.REJECTION && c.value() == 0) {
                continue;
            }
            final Double rate = rates.get(c.label());
            String value = String.format(Locale.ROOT, "%,d", c.value());
            if (c.key().equals(GaugeName.PRESSURE_LEVEL.key()) && c.value() >= 0
                    && c.value() < LiveCounters.PRESSURE_LEVELS.size()) {
                value = LiveCounters.PRESSURE_LEVELS.get((int) c.value()) + " (" + c.value() + ")";
            } else if (c.key().equals(GaugeName.HEARTBEAT_EPOCH_MS.key())) {
                value = String.format(Locale.ROOT, "%.1f s ago", (now - c.value()) / 1e3);
            }
            sb.append(String.format(Locale.ROOT, "  %-44s %16s %14s%n", c.label(), value,
                    rate == null ? "" : String.format(Locale.ROOT, "%,.1f", rate)));
        }
        sb.append(String.format(Locale.ROOT, "  %-20s %12s %10s %10s %10s %10s %12s %12s%n", "latency (us, run)", "count",
                "p50", "p90", "p99", "p99.9", "max", "p99 last min"));
        s.latency().forEach((tag, v) -> sb.append(String.format(Locale.ROOT,
                "  %-20s %,12d %10.3f %10.3f %10.3f %10.3f %12.3f %12.3f%n", tag, v[LatencyStat.COUNT.ordinal()],
                v[LatencyStat.P50.ordinal()] / 1e3, v[LatencyStat.P90.ordinal()] / 1e3, v[LatencyStat.P99.ordinal()] / 1e3,
                v[LatencyStat.P999.ordinal()] / 1e3, v[LatencyStat.MAX.ordinal()] / 1e3,
                v[LatencyStat.RECENT_P99.ordinal()] / 1e3)));
        return sb.toString();
    }
}
