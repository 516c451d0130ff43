package org.skyring.engine;

import org.HdrHistogram.Histogram;
import org.skyring.engine.pressure.PressureLevel;
import org.skyring.engine.stage.EngineCounters;
import org.skyring.journal.Category;
import org.skyring.journal.Destination;
import org.skyring.journal.RejectReason;
import org.skyring.journal.TruthLabel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The run summary as an ordered tree of plain values (maps, numbers, strings): printed as a table on stdout
 * and written as JSON with {@code --summary FILE}. Keys are stable: scripts and tests read them.
 */
public final class RunSummary {
    private RunSummary() {
    }

    public static Map<String, Object> of(final RunResult r) {
        final EngineCounters c = r.counters();
        final Map<String, Object> root = new LinkedHashMap<>();
        final Map<String, Object> obs = new LinkedHashMap<>();
        // Recovered entries decided in this run count as received by it: they were journaled but not decided
        // before a restart (or, in a replay, every journaled entry).
        obs.put("received", r.received() + c.recoveredDecided());
        obs.put("journaled", r.journaled());
        obs.put("duplicates", r.duplicates());
        obs.put("recovered", r.recovered());
        obs.put("recovered_already_decided", c.alreadyDecided());
        obs.put("decided", c.decided());
        // received - duplicates - (archive + rejected): 0 when every new observation ended in exactly one of
        // the archive or the dead-letter queue (the reconciliation of issue 4's proof).
        obs.put("unaccounted", r.received() + c.recoveredDecided() - r.duplicates()
                - c.destination(Destination.ARCHIVE) - c.destination(Destination.REJECTED));
        root.put("observations", obs);

        final Map<String, Object> rejected = new LinkedHashMap<>();
        rejected.put("total", c.category(Category.REJECTED));
        final Map<String, Object> byReason = new LinkedHashMap<>();
        for (final RejectReason reason : RejectReason.all()) {
            if (c.rejectReason(reason) > 0) {
                byReason.put(reason.key(), c.rejectReason(reason));
            }
        }
        rejected.put("by_reason", byReason);
        root.put("rejected", rejected);

        final Map<String, Object> categories = new LinkedHashMap<>();
        for (final Category cat : Category.values()) {
            if (cat != Category.REJECTED) {
                categories.put(cat.key(), c.category(cat));
            }
        }
        root.put("categories", categories);

        final Map<String, Object> destinations = new LinkedHashMap<>();
        for (final Destination d : Destination.all()) {
            destinations.put(d.queueName(), c.destination(d));
        }
        root.put("destinations", destinations);

        final OverloadReport o = r.overload();
        final Map<String, Object> pressure = new LinkedHashMap<>();
        final Map<String, Object> timeAt = new LinkedHashMap<>();
        final Map<String, Object> entered = new LinkedHashMap<>();
        for (final PressureLevel level : PressureLevel.values()) {
            timeAt.put(level.key(), round(o.nanosAtLevel()[level.ordinal()] / 1e9, 3));
            entered.put(level.key(), o.levelEntries()[level.ordinal()]);
        }
        pressure.put("seconds_at_level", timeAt);
        pressure.put("times_entered", entered);
        pressure.put("deferred", o.deferred());
        pressure.put("reclassified", o.reclassified());
        pressure.put("reclassified_changed_category", o.reclassifiedChanged());
        pressure.put("source_pauses", o.sourcePauses());
        pressure.put("catch_up_after_ring_s", round(o.catchUpNanos() / 1e9, 3));
        root.put("pressure", pressure);

        final Map<String, Object> alerts = new LinkedHashMap<>();
        alerts.put("raised", o.alertCounts()[0]);
        alerts.put("deliveries", o.alertCounts()[1]);
        alerts.put("failed_attempts", o.alertCounts()[2]);
        alerts.put("escalations", o.alertCounts()[3]);
        root.put("alerts", alerts);

        final Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("end_to_end", percentiles(r.endToEnd()));
        latency.put("end_to_end_critical", percentiles(o.endToEndCritical()));
        r.stageLatency().forEach((stage, h) -> latency.put(stage, percentiles(h)));
        root.put("latency_ns", latency);

        final Map<String, Object> perf = new LinkedHashMap<>();
        perf.put("elapsed_s", round(r.elapsedNanos() / 1e9, 3));
        perf.put("throughput_obs_per_s", Math.round(r.throughputPerSecond()));
        perf.put("engine_bytes_allocated_per_obs", round(r.engineBytesPerObs(), 3));
        perf.put("ingest_bytes_allocated_per_obs", round(r.ingestBytesPerObs(), 3));
        root.put("performance", perf);

        final Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("engine", EngineVersion.VERSION);
        versions.put("config", r.configVersion());
        versions.put("catalog", r.catalogVersion());
        root.put("versions", versions);

        if (hasTruth(c)) {
            root.put("ground_truth", groundTruth(c));
        }
        return root;
    }

    private static boolean hasTruth(final EngineCounters c) {
        for (final long n : c.truthTotal) {
            if (n > 0) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> groundTruth(final EngineCounters c) {
        final Map<String, Object> gt = new LinkedHashMap<>();
        long total = 0;
        long correct = 0;
        for (final TruthLabel label : TruthLabel.values()) {
            final long n = c.truthTotal[label.ordinal()];
            if (n == 0) {
                continue;
            }
            final long ok = c.truthCorrect[label.ordinal()];
            total += n;
            correct += ok;
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", n);
            row.put("correct", ok);
            row.put("accuracy", round((double) ok / n, 4));
            gt.put(label.name().toLowerCase(Locale.ROOT), row);
        }
        gt.put("overall_accuracy", total == 0 ? 0.0 : round((double) correct / total, 4));
        return gt;
    }

    private static Map<String, Object> percentiles(final Histogram h) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", h.getTotalCount());
        m.put("p50", h.getValueAtPercentile(50));
        m.put("p99", h.getValueAtPercentile(99));
        m.put("p999", h.getValueAtPercentile(99.9));
        m.put("max", h.getMaxValue());
        return m;
    }

    private static double round(final double v, final int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        final double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Renders the tree as an indented two-column table. */
    public static String table(final Map<String, Object> tree) {
        final StringBuilder sb = new StringBuilder();
        appendTable(sb, "", tree);
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void appendTable(final StringBuilder sb, final String prefix, final Map<String, Object> tree) {
        for (final Map.Entry<String, Object> e : tree.entrySet()) {
            final String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map) {
                appendTable(sb, key, (Map<String, Object>) e.getValue());
            } else {
                sb.append(String.format(Locale.ROOT, "  %-48s %s%n", key, e.getValue()));
            }
        }
    }
}
