package org.skyring.engine.metrics;

/** The latency figures published per tag in the counters file (nanoseconds, except the count): the whole run so far, and its recent window. */
public enum LatencyStat {
    COUNT("count", -1, -1),
    P50("p50", 50.0, 0.5),
    P90("p90", 90.0, 0.9),
    P99("p99", 99.0, 0.99),
    P999("p999", 99.9, 0.999),
    MAX("max", 100.0, 1.0),
    /** Mean times count: the Prometheus summary's _sum, in nanoseconds. */
    SUM("sum", -1, -1),
    /** The same percentiles over the last 50-60 seconds only (Prometheus quantiles). */
    RECENT_P50("recent_p50", 50.0, 0.5),
    RECENT_P90("recent_p90", 90.0, 0.9),
    RECENT_P99("recent_p99", 99.0, 0.99),
    RECENT_P999("recent_p999", 99.9, 0.999);

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

    /** A percentile of the recent window rather than of the whole run. */
    public boolean isRecent() {
        return key.startsWith("recent_");
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
