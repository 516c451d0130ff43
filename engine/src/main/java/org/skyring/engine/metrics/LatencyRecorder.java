package org.skyring.engine.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Interval latency histograms for one ring consumer thread: one per stage it runs, plus end to end for the
 * last consumer. The consumer records into the active set; the metrics thread swaps the sets and reads the
 * finished interval, the double buffering of HdrHistogram's {@code SingleWriterRecorder}, with one
 * {@link WriterReaderPhaser} critical section per ring entry instead of one per stage (two atomic increments
 * per entry, whatever the number of stages). The writer never blocks, waits or allocates.
 */
public final class LatencyRecorder {
    /** Latencies above this are recorded as this (a stalled minute is already a catastrophe). */
    public static final long MAX_LATENCY_NANOS = 60_000_000_000L;
    public static final int SIGNIFICANT_DIGITS = 3;

    private final String[] tags;
    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    /** Volatile: the writer must see the set the reader swapped in before its flipPhase. */
    private volatile Histogram[] active;
    private Histogram[] inactive;
    private long intervalStartEpochMs;

    /** @param tags one per slot, in slot order: the stage names, then "end_to_end" if recorded */
    public LatencyRecorder(final String... tags) {
        this.tags = tags.clone();
        this.active = newSet(this.tags);
        this.inactive = newSet(this.tags);
        this.intervalStartEpochMs = System.currentTimeMillis();
    }

    public static Histogram newHistogram() {
        return new Histogram(MAX_LATENCY_NANOS, SIGNIFICANT_DIGITS);
    }

    private static Histogram[] newSet(final String[] tags) {
        final Histogram[] set = new Histogram[tags.length];
        for (int i = 0; i < tags.length; i++) {
            set[i] = newHistogram();
            set[i].setTag(tags[i]);
        }
        return set;
    }

    public String[] tags() {
        return tags.clone();
    }

    /** {@link #record(long[], int, int, long, boolean)} of an entry not decided critical. */
    public void record(final long[] nanos, final int slots, final int endToEndSlot, final long endToEndNanos) {
        record(nanos, slots, endToEndSlot, endToEndNanos, false);
    }

    /**
     * Records one entry (writer thread only): {@code nanos[0..slots)} into slots 0..slots-1 (a negative value is
     * a stage that did not run: skipped), then, if {@code endToEndNanos >= 0}, that into slot
     * {@code endToEndSlot} and, if {@code critical}, into the next slot as well (the critical entries' own figure).
     */
    public void record(final long[] nanos, final int slots, final int endToEndSlot, final long endToEndNanos,
                       final boolean critical) {
        final long token = phaser.writerCriticalSectionEnter();
        try {
            final Histogram[] h = active;
            for (int i = 0; i < slots; i++) {
                if (nanos[i] >= 0) {
                    h[i].recordValue(clamp(nanos[i]));
                }
            }
            if (endToEndNanos >= 0) {
                h[endToEndSlot].recordValue(clamp(endToEndNanos));
                if (critical) {
                    h[endToEndSlot + 1].recordValue(clamp(endToEndNanos));
                }
            }
        } finally {
            phaser.writerCriticalSectionExit(token);
        }
    }

    private static long clamp(final long nanos) {
        return Math.min(Math.max(0, nanos), MAX_LATENCY_NANOS);
    }

    /**
     * Ends the current interval and returns its histograms, one per tag, with their tag and start/end time
     * stamps set (epoch ms). They stay valid until the next call. Metrics thread only.
     */
    public synchronized Histogram[] nextInterval() {
        final long now = System.currentTimeMillis();
        phaser.readerLock();
        try {
            for (final Histogram h : inactive) {
                h.reset();
            }
            final Histogram[] finished = active;
            active = inactive;
            phaser.flipPhase(); // returns once no writer is still inside the finished set
            inactive = finished;
        } finally {
            phaser.readerUnlock();
        }
        for (int i = 0; i < inactive.length; i++) {
            inactive[i].setTag(tags[i]);
            inactive[i].setStartTimeStamp(intervalStartEpochMs);
            inactive[i].setEndTimeStamp(now);
        }
        intervalStartEpochMs = now;
        return inactive;
    }
}
