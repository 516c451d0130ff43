package org.skyring.engine.metrics;

import org.HdrHistogram.Histogram;

/**
 * The latency of the last minute or so, for Prometheus quantiles (which, like the Java client's own summaries,
 * should describe recent behaviour, not a whole run that may last weeks). Intervals are added to the current
 * of {@link #BUCKETS} buckets of {@code WINDOW_MS / BUCKETS} each; the oldest bucket is cleared as time moves
 * on, so the window holds the last 50 to 60 seconds. Metrics thread only.
 */
final class RecentWindow {
    static final long WINDOW_MS = 60_000;
    static final int BUCKETS = 6;
    private static final long BUCKET_MS = WINDOW_MS / BUCKETS;

    private final Histogram[] buckets = new Histogram[BUCKETS];
    private final Histogram merged = LatencyRecorder.newHistogram();
    private int current;
    private long currentStartMs = Long.MIN_VALUE;

    RecentWindow() {
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] = LatencyRecorder.newHistogram();
        }
    }

    /** Adds one interval (its end time stamp, epoch ms, places it in time). */
    void add(final Histogram interval) {
        final long endMs = interval.getEndTimeStamp();
        if (currentStartMs == Long.MIN_VALUE || endMs - currentStartMs >= WINDOW_MS) {
            for (final Histogram b : buckets) {
                b.reset();
            }
            currentStartMs = endMs;
        }
        while (endMs - currentStartMs >= BUCKET_MS) {
            current = (current + 1) % BUCKETS;
            buckets[current].reset();
            currentStartMs += BUCKET_MS;
        }
        buckets[current].add(interval);
    }

    /** The window's latency: valid until the next call. */
    Histogram snapshot() {
        merged.reset();
        for (final Histogram b : buckets) {
            merged.add(b);
        }
        return merged;
    }
}
