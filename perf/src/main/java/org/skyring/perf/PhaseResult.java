package org.skyring.perf;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/** What one phase measured; latencies in nanoseconds from the intended send time. */
record PhaseResult(String system, String phase, long offeredRate, long count, double seconds, double throughput,
                   long p50Nanos, long p99Nanos, long p999Nanos, long maxNanos, double allocBytesPerObs, double cpuNanosPerObs,
                   long gcCount,
                   boolean saturated) {

    static PhaseResult of(final String system, final Phase phase, final long count, final long elapsedNanos,
                          final Histogram latency, final long allocatedBytes, final long cpuNanos,
                          final long gcCount) {
        final double seconds = elapsedNanos / 1e9;
        final double throughput = count / seconds;
        final boolean saturated = !phase.isMaxThroughput()
                && (count < phase.maxCount() || throughput < 0.95 * phase.offeredRate());
        return new PhaseResult(system, phase.name(), phase.offeredRate(), count, seconds, throughput,
                latency.getValueAtPercentile(50), latency.getValueAtPercentile(99),
                latency.getValueAtPercentile(99.9), latency.getMaxValue(), (double) allocatedBytes / count,
                (double) cpuNanos / count, gcCount,
                saturated);
    }

    Map<String, Object> toMap() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("system", system);
        m.put("phase", phase);
        m.put("offered_rate", offeredRate);
        m.put("count", count);
        m.put("seconds", seconds);
        m.put("throughput", throughput);
        m.put("p50_ns", p50Nanos);
        m.put("p99_ns", p99Nanos);
        m.put("p999_ns", p999Nanos);
        m.put("max_ns", maxNanos);
        m.put("alloc_bytes_per_obs", allocBytesPerObs);
        m.put("cpu_ns_per_obs", cpuNanosPerObs);
        m.put("gc_count", gcCount);
        m.put("saturated", saturated);
        return m;
    }

    static PhaseResult fromMap(final Map<String, Object> m) {
        return new PhaseResult((String) m.get("system"), (String) m.get("phase"), num(m, "offered_rate").longValue(),
                num(m, "count").longValue(), num(m, "seconds").doubleValue(), num(m, "throughput").doubleValue(),
                num(m, "p50_ns").longValue(), num(m, "p99_ns").longValue(), num(m, "p999_ns").longValue(),
                num(m, "max_ns").longValue(), num(m, "alloc_bytes_per_obs").doubleValue(), num(m, "cpu_ns_per_obs").doubleValue(),
                num(m, "gc_count").longValue(), (Boolean) m.get("saturated"));
    }

    private static Number num(final Map<String, Object> m, final String key) {
        return (Number) m.get(key);
    }
}
