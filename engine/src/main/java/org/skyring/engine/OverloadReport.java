package org.skyring.engine;

import org.HdrHistogram.Histogram;

/**
 * What overload did to one run: time at each pressure level, fast-mode deferrals and their reclassification,
 * source pauses, the end-to-end latency of critical events, and the alert system's activity.
 *
 * @param nanosAtLevel        time spent at each level, by PressureLevel ordinal (alert clock)
 * @param levelEntries        how many times each level was entered
 * @param deferred            decisions made in fast mode (flag DEFERRED)
 * @param reclassified        deferred decisions fully classified later in this run (any run's)
 * @param reclassifiedChanged ... whose full category differs from the provisional one
 * @param sourcePauses        times the ingest loop paused its sources (pressure CRITICAL)
 * @param endToEndCritical    end-to-end latency of live events decided critical, ns
 * @param alertCounts         alerts raised, deliveries made, failed delivery attempts, escalations
 * @param catchUpNanos        after the ring drained, time the background thread took to finish reclassifying
 *                            and raising (runs that end when their input ends)
 */
public record OverloadReport(long[] nanosAtLevel, long[] levelEntries, long deferred, long reclassified,
                             long reclassifiedChanged, long sourcePauses, Histogram endToEndCritical,
                             long[] alertCounts, long catchUpNanos) {
}
