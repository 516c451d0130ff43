package org.skyring.adapters.avro;

import org.skyring.journal.ObservationRecord;
import org.skyring.journal.PriorPhotometry;

/**
 * Derives the record's history summary fields from its {@link PriorPhotometry} (filled by a mapper from
 * ZTF prv_candidates or Rubin prvDiaSources/prvDiaForcedSources): the latest earlier detection in the same band
 * ({@code previousMag/previousTimeNanos}) and the latest earlier non-detection in any band
 * ({@code lastNonDetectionLimitMag/TimeNanos}). Points at or after the observation time are ignored.
 */
final class PacketHistory {
    /**
     * Forced photometry (ZTF fp_hists, Rubin prvDiaForcedSources): a point is a detection at SNR >= this, and
     * otherwise an upper limit of this many sigma. The ZTF forced-photometry guide detects at 3 sigma; Skyring
     * takes 5 for both surveys because the light-curve rates are computed from pairs of single points.
     */
    static final double FORCED_DETECTION_SNR = 5.0;
    /** Magnitude error per fractional flux error, 2.5 / ln 10 = 1.0857. */
    static final double MAG_PER_LN_FLUX = 2.5 / Math.log(10.0);
    private PacketHistory() {
    }

    static void summarize(final ObservationRecord r) {
        final PriorPhotometry h = r.history;
        h.sortByTime();
        for (int i = 0; i < h.count(); i++) {
            final long t = h.timeNanos(i);
            if (r.observationTimeNanos != ObservationRecord.NO_TIME && t >= r.observationTimeNanos) {
                continue;
            }
            if (h.isUpperLimit(i)) {
                r.lastNonDetectionLimitMag = h.mag(i);
                r.lastNonDetectionTimeNanos = t;
            } else if (h.band(i) == r.band) {
                r.previousMag = h.mag(i);
                r.previousTimeNanos = t;
            }
        }
    }
}
