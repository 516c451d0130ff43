package org.skyring.perf;

import org.HdrHistogram.Histogram;

/** Shared histogram settings: nanoseconds, up to one minute, three significant digits (as the engine's). */
final class LatencyClock {
    static final long MAX_NANOS = 60_000_000_000L;

    private LatencyClock() {
    }

    static Histogram newHistogram() {
        return new Histogram(MAX_NANOS, 3);
    }

    /** Records now - intended, clamped into the histogram's range. */
    static void recordSince(final Histogram h, final long intendedNanos) {
        h.recordValue(Math.min(Math.max(0, System.nanoTime() - intendedNanos), MAX_NANOS));
    }

    /** A copy of {@code h}, which is then reset (once per phase, off the hot path). */
    static Histogram takeAndReset(final Histogram h) {
        final Histogram copy = h.copy();
        h.reset();
        return copy;
    }
}
