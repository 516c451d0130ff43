package org.skyring.perf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns repetitions of phase results into the report: per system and phase the median of each figure; ratios
 * computed within each repetition (side by side, same minute of a noisy machine), then their median. A system's
 * headline throughput is its max-throughput phase; its headline latency is the 100 k obs/s phase.
 */
final class BenchReport {
    static final String HEADLINE_LATENCY_PHASE = "rate_100000";
    static final String MAX_PHASE = "max";

    private BenchReport() {
    }

    static Map<String, Object> compare(final List<Map<String, List<PhaseResult>>> runs, final List<String> systems) {
        final Map<String, Object> bySystem = new LinkedHashMap<>();
        for (final String system : systems) {
            final Map<String, Object> s = new LinkedHashMap<>();
            final Map<String, PhaseResult> medians = medians(runs, system);
            final PhaseResult max = medians.get(MAX_PHASE);
            final PhaseResult headline = medians.getOrDefault(HEADLINE_LATENCY_PHASE, max);
            s.put("throughput", max.throughput());
            s.put("p50_ns", headline.p50Nanos());
            s.put("p99_ns", headline.p99Nanos());
            s.put("p999_ns", headline.p999Nanos());
            s.put("max_ns", headline.maxNanos());
            s.put("latency_phase", headline.phase());
            s.put("alloc_bytes_per_obs", max.allocBytesPerObs());
            s.put("cpu_ns_per_obs", max.cpuNanosPerObs());
            s.put("gc_count", max.gcCount());
            s.put("vs_blocking_queue", ratio(runs, system, BenchSystems.BLOCKING_QUEUE));
            s.put("vs_kafka_streams", ratio(runs, system, BenchSystems.KAFKA_STREAMS));
            s.put("vs_limit", limitRatio(runs, system));
            s.put("vs_ring_limit", ratio(runs, system, BenchSystems.RING_LIMIT));
            s.put("vs_journal_limit", ratio(runs, system, BenchSystems.JOURNAL_LIMIT));
            s.put("p99_vs_journal_limit_p99", p99Ratio(runs, system));
            final Map<String, Object> phases = new LinkedHashMap<>();
            medians.forEach((name, r) -> phases.put(name, r.toMap()));
            s.put("phases", phases);
            bySystem.put(system, s);
        }
        final Map<String, Object> report = new LinkedHashMap<>();
        report.put("systems", bySystem);
        report.put("notes", "throughput: max-throughput phase (obs/s, journaling on); p50/p99/p999/max_ns: from the intended"
                + " send time at " + HEADLINE_LATENCY_PHASE + "; vs_*: throughput ratio to that system in the same"
                + " repetition (median over repetitions); vs_limit: to the lower of ring_limit and journal_limit");
        return report;
    }

    /** Per phase, a result whose every figure is the median over repetitions. */
    private static Map<String, PhaseResult> medians(final List<Map<String, List<PhaseResult>>> runs, final String system) {
        final Map<String, List<PhaseResult>> byPhase = new LinkedHashMap<>();
        for (final Map<String, List<PhaseResult>> run : runs) {
            for (final PhaseResult r : run.get(system)) {
                byPhase.computeIfAbsent(r.phase(), k -> new ArrayList<>()).add(r);
            }
        }
        final Map<String, PhaseResult> out = new LinkedHashMap<>();
        byPhase.forEach((phase, rs) -> out.put(phase, new PhaseResult(system, phase, rs.get(0).offeredRate(),
                (long) median(rs, PhaseResult::count), median(rs, PhaseResult::seconds),
                median(rs, PhaseResult::throughput), (long) median(rs, PhaseResult::p50Nanos),
                (long) median(rs, PhaseResult::p99Nanos), (long) median(rs, PhaseResult::p999Nanos),
                (long) median(rs, PhaseResult::maxNanos), median(rs, PhaseResult::allocBytesPerObs),
                median(rs, PhaseResult::cpuNanosPerObs),
                (long) median(rs, PhaseResult::gcCount), rs.stream().filter(PhaseResult::saturated).count() * 2 > rs.size())));
        return out;
    }

    private static Double ratio(final List<Map<String, List<PhaseResult>>> runs, final String system, final String peer) {
        final List<Double> ratios = new ArrayList<>();
        for (final Map<String, List<PhaseResult>> run : runs) {
            if (run.containsKey(peer)) {
                ratios.add(phase(run, system, MAX_PHASE).throughput() / phase(run, peer, MAX_PHASE).throughput());
            }
        }
        return ratios.isEmpty() ? null : median(ratios);
    }

    private static Double limitRatio(final List<Map<String, List<PhaseResult>>> runs, final String system) {
        final List<Double> ratios = new ArrayList<>();
        for (final Map<String, List<PhaseResult>> run : runs) {
            double limit = Double.MAX_VALUE;
            for (final String l : List.of(BenchSystems.RING_LIMIT, BenchSystems.JOURNAL_LIMIT)) {
                if (run.containsKey(l)) {
                    limit = Math.min(limit, phase(run, l, MAX_PHASE).throughput());
                }
            }
            if (limit != Double.MAX_VALUE) {
                ratios.add(phase(run, system, MAX_PHASE).throughput() / limit);
            }
        }
        return ratios.isEmpty() ? null : median(ratios);
    }

    private static Double p99Ratio(final List<Map<String, List<PhaseResult>>> runs, final String system) {
        final List<Double> ratios = new ArrayList<>();
        for (final Map<String, List<PhaseResult>> run : runs) {
            final PhaseResult mine = phase(run, system, HEADLINE_LATENCY_PHASE);
            final PhaseResult limit = run.containsKey(BenchSystems.JOURNAL_LIMIT)
                    ? phase(run, BenchSystems.JOURNAL_LIMIT, HEADLINE_LATENCY_PHASE) : null;
            if (mine != null && limit != null && limit.p99Nanos() > 0) {
                ratios.add((double) mine.p99Nanos() / limit.p99Nanos());
            }
        }
        return ratios.isEmpty() ? null : median(ratios);
    }

    private static PhaseResult phase(final Map<String, List<PhaseResult>> run, final String system, final String phase) {
        for (final PhaseResult r : run.get(system)) {
            if (r.phase().equals(phase)) {
                return r;
            }
        }
        return null;
    }

    private static double median(final List<PhaseResult> rs, final ToDoubleFunction<PhaseResult> f) {
        return median(rs.stream().map(r -> f.applyAsDouble(r)).toList());
    }

    static double median(final List<Double> values) {
        final double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The one table: every system and phase (medians), then the ratios. */
    @SuppressWarnings("unchecked")
    static String table(final List<Map<String, List<PhaseResult>>> runs, final List<String> systems,
                        final Map<String, Object> report) {
        final StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "%n| system | phase | obs/s | p50 | p99 | p99.9 | max | B/obs | CPU/obs | GCs |%n|---|---|---|---|---|---|---|---|---|---|%n"));
        for (final String system : systems) {
            for (final PhaseResult r : medians(runs, system).values()) {
                t.append(String.format(Locale.ROOT, "| %s | %s%s | %,.0f | %s | %s | %s | %s | %.1f | %s | %d |%n", system,
                        r.phase(), r.saturated() ? " (saturated)" : "", r.throughput(), nanos(r.p50Nanos()),
                        nanos(r.p99Nanos()), nanos(r.p999Nanos()), nanos(r.maxNanos()), r.allocBytesPerObs(),
                        nanos((long) r.cpuNanosPerObs()), r.gcCount()));
            }
        }
        final Map<String, Object> bySystem = (Map<String, Object>) report.get("systems");
        t.append(String.format(Locale.ROOT, "%n| system | vs blocking_queue | vs kafka_streams | vs limit | vs ring_limit | vs journal_limit | p99 / journal p99 |%n|---|---|---|---|---|---|---|%n"));
        for (final String system : systems) {
            final Map<String, Object> s = (Map<String, Object>) bySystem.get(system);
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", system, x(s.get("vs_blocking_queue")),
                    x(s.get("vs_kafka_streams")), x(s.get("vs_limit")), x(s.get("vs_ring_limit")),
                    x(s.get("vs_journal_limit")), x(s.get("p99_vs_journal_limit_p99"))));
        }
        return t.toString();
    }

    @SuppressWarnings("unchecked")
    static String layoutRow(final String layout, final String wait, final Map<String, Object> report) {
        final Map<String, Object> systems = (Map<String, Object>) report.get("systems");
        final Map<String, Object> sky = (Map<String, Object>) systems.get(BenchSystems.SKYRING);
        final Map<String, Object> ring = (Map<String, Object>) systems.get(BenchSystems.RING_LIMIT);
        return String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s | %s |%n", layout, wait,
                (Double) sky.get("throughput"), (Double) ring.get("throughput"),
                nanos(((Number) sky.get("p50_ns")).longValue()), nanos(((Number) sky.get("p99_ns")).longValue()));
    }

    static String nanos(final long ns) {
        if (ns < 10_000) {
            return String.format(Locale.ROOT, "%.2f µs", ns / 1e3);
        }
        if (ns < 10_000_000) {
            return String.format(Locale.ROOT, "%.0f µs", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f ms", ns / 1e6);
    }

    private static String x(final Object ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.2f×", (Double) ratio);
    }
}
