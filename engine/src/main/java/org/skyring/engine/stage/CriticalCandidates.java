package org.skyring.engine.stage;

import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;

/**
 * The cheap, conservative test the overload policy relies on: could this event come out critical? An event for
 * which it answers true is never deferred, at any pressure level, so it must answer true whenever any rule or
 * model could make the event critical. It may answer true too often (that only costs work), never too rarely.
 *
 * <p>Today critical needs urgency > thresholds.critical_urgency, and urgency is non-zero only when the fast
 * riser or fast fader rule fires, which needs a brightening/fading rate at least the fast thresholds; GCN-style
 * notices are always candidates. A classifier that raises urgency some other way (an ML model, the anomaly
 * detector) must widen this test in the same change.
 */
public final class CriticalCandidates {
    private CriticalCandidates() {
    }

    /**
     * @param riseRate the event's rate in mag/day from its own record ({@link Classifier#riseRate}), NaN if
     *                 unknown
     */
    public static boolean mayBeCritical(final ObservationRecord o, final double riseRate,
                                        final SkyringConfig.Classification c) {
        if (o.measurementType == MeasurementType.NOTICE) {
            return true;
        }
        return !Double.isNaN(riseRate) && (riseRate >= c.fastRiserMinRate() || -riseRate > c.fastFaderMinRate());
    }
}
