package org.skyring.engine.metrics;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecentWindowTest {
    private static Histogram interval(final long endMs, final long value, final int count) {
        final Histogram h = LatencyRecorder.newHistogram();
        h.recordValueWithCount(value, count);
        h.setStartTimeStamp(endMs - 5_000);
        h.setEndTimeStamp(endMs);
        return h;
    }

    @Test
    void holdsTheLastFiftyToSixtySecondsAndForgetsOlderIntervals() {
        final RecentWindow w = new RecentWindow();
        w.add(interval(1_000_000, 9_000_000, 10)); // a slow burst at t = 0
        for (long t = 5_000; t <= 45_000; t += 5_000) {
            w.add(interval(1_000_000 + t, 1_000, 100));
        }
        assertEquals(910, w.snapshot().getTotalCount(), "45 s later the burst is still in the window");
        assertEquals(9_000_000, w.snapshot().getMaxValue(), 9_000);
        for (long t = 50_000; t <= 70_000; t += 5_000) {
            w.add(interval(1_000_000 + t, 1_000, 100));
        }
        assertEquals(1_000, w.snapshot().getMaxValue(), 1, "70 s later the burst has left the window");
        assertEquals(1_100, w.snapshot().getTotalCount(), "the intervals of the last 50-60 s: 11 of them");
        w.add(interval(1_000_000 + 400_000, 2_000, 7)); // after a long silence: only the new interval
        assertEquals(7, w.snapshot().getTotalCount());
    }
}
