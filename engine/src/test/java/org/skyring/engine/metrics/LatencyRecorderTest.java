package org.skyring.engine.metrics;

import org.HdrHistogram.Histogram;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyRecorderTest {
    private static final int N = 2_000_000;

    @Test
    void intervalsTakenWhileTheWriterRecordsLoseAndRepeatNothing() throws Exception {
        final LatencyRecorder recorder = new LatencyRecorder("a", "b", "end_to_end");
        final Histogram[] totals = {LatencyRecorder.newHistogram(), LatencyRecorder.newHistogram(), LatencyRecorder.newHistogram()};
        final AtomicBoolean done = new AtomicBoolean();
        final Thread reader = new Thread(() -> {
            while (!done.get()) {
                add(totals, recorder.nextInterval());
                Thread.yield();
            }
        });
        reader.start();
        final long[] nanos = new long[2];
        for (int i = 0; i < N; i++) {
            nanos[0] = i % 1000;
            nanos[1] = 1_000 + i % 7;
            // Every other entry ran only the first stage (a duplicate) and has no end-to-end latency.
            recorder.record(nanos, i % 2 == 0 ? 2 : 1, 2, i % 2 == 0 ? 5_000 : -1);
        }
        done.set(true);
        reader.join();
        add(totals, recorder.nextInterval()); // the writer has stopped: the last interval holds the rest
        assertEquals(N, totals[0].getTotalCount());
        assertEquals(N / 2, totals[1].getTotalCount());
        assertEquals(N / 2, totals[2].getTotalCount());
        assertEquals(999, totals[0].getMaxValue());
        assertEquals(1_006, totals[1].getValueAtPercentile(100), 1);
    }

    private static void add(final Histogram[] totals, final Histogram[] interval) {
        assertEquals("end_to_end", interval[2].getTag());
        assertTrue(interval[0].getEndTimeStamp() >= interval[0].getStartTimeStamp());
        for (int i = 0; i < totals.length; i++) {
            totals[i].add(interval[i]);
        }
    }

    @Test
    void aSkippedStageRecordsNothingAndCriticalEntriesAlsoCountInTheirOwnSlot() {
        final LatencyRecorder recorder = new LatencyRecorder("a", "b", "c", "end_to_end", "end_to_end_critical");
        // b is skipped (fast mode: a deferred entry does not run a deferrable stage); c ran after it.
        recorder.record(new long[] {10, -1, 30}, 3, 3, 500, false);
        recorder.record(new long[] {11, 21, 31}, 3, 3, 700, true);
        final Histogram[] h = recorder.nextInterval();
        assertEquals(2, h[0].getTotalCount());
        assertEquals(1, h[1].getTotalCount(), "the skipped stage is not recorded");
        assertEquals(21, h[1].getMaxValue(), 1);
        assertEquals(2, h[2].getTotalCount());
        assertEquals(2, h[3].getTotalCount(), "every entry end to end");
        assertEquals(1, h[4].getTotalCount(), "only the critical one in the critical slot");
        assertEquals(700, h[4].getMaxValue(), 1);
    }

    @Test
    void recordingAndCountingAllocateNothing() {
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        mx.setThreadAllocatedMemoryEnabled(true);
        final LatencyRecorder recorder = new LatencyRecorder("a", "b", "end_to_end");
        final AtomicCounter counter = LiveCounters.detached();
        final long[] nanos = {100, 200};
        for (int i = 0; i < 500_000; i++) { // warm-up: JIT-compile the writer path
            recorder.record(nanos, 2, 2, 300);
            counter.incrementRelease();
        }
        final long tid = Thread.currentThread().getId();
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) { // best of three: a stray deoptimisation must not fail the build
            recorder.nextInterval();
            final long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 1_000_000; i++) {
                recorder.record(nanos, 2, 2, 300);
                counter.incrementRelease();
            }
            best = Math.min(best, (mx.getThreadAllocatedBytes(tid) - before) / 1e6);
        }
        assertTrue(best < 0.01, "bytes allocated per recorded entry: " + best);
    }
}
