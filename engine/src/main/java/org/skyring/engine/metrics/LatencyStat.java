package org.skyring.engine.metrics;

/** The latency figures published per tag in the counters file (nanoseconds, except the count). */
public enum LatencyStat {
    COUNT("count", -1),
    P50("p50", 50.0),
    P90("p90", 90.0),
    P99("p99", 99.0),
    P999("p999", 99.9),
    MAX("max", 100.0),
    /** Mean times count: the Prometheus summary's _sum, in nanoseconds. */
    SUM("sum", -1);

    private final String key;
    private final double percentile;

    LatencyStat(final String key, final double percentile) {
        this.key = key;
        this.percentile = percentile;
    }

    public String key() {
        return key;
    }

    /** The percentile this figure is, or -1 for count and sum. */
    public double percentile() {
        return percentile;
    }

    public static LatencyStat ofKey(final String key) {
        for (final LatencyStat s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }
}
