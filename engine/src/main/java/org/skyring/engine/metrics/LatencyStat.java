package org.skyring.engine.metrics;

/** The latency figures published per tag in the counters file (nanoseconds, except the count). */
public enum LatencyStat {
    COUNT("count", -1, -1),
    P50("p50", 50.0, 0.5),
    P90("p90", 90.0, 0.9),
    P99("p99", 99.0, 0.99),
    P999("p999", 99.9, 0.999),
    MAX("max", 100.0, 1.0),
    /** Mean times count: the Prometheus summary's _sum, in nanoseconds. */
    SUM("sum", -1, -1);

    private final String key;
    private final double percentile;
    private final double quantile;

    /** Both literals: 99.9 / 100 is 0.9990000000000001 in binary floating point. */
    LatencyStat(final String key, final double percentile, final double quantile) {
        this.key = key;
        this.percentile = percentile;
        this.quantile = quantile;
    }

    /** The percentile as a quantile (0.999), or -1 for count and sum. */
    public double quantile() {
        return quantile;
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
