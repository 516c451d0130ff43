package org.skyring.engine.stage;

import org.skyring.catalog.SkyMath;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.NoticeRole;
import org.skyring.journal.ObservationRecord;

/**
 * The trigger contexts classification can use: GCN notices (GRB, neutrino, GW) with a position and an error
 * circle, each active from its event time for {@code triggers.active_window_hours} of observation time.
 * Owned by the {@link Classifier}, so it is updated and queried on the ring's decision thread in journal order;
 * replaying the journal therefore rebuilds exactly the same contexts, and no wall clock is involved.
 *
 * <p>Only {@code role="observation"} notices of a configured packet type open a context; {@code test} and
 * {@code utility} notices never do. A notice without a position or with an unknown (zero) error radius, such as a
 * LIGO/Virgo notice whose region is only a skymap URL, opens nothing and matches nothing: fetching the skymap
 * inside a decision would make decisions depend on the network, and an "all-sky" context would raise the
 * urgency of every transient for days. Preallocated arrays of {@code triggers.max_active} entries; when full, the
 * trigger with the earliest event time is replaced. No allocation per observation.
 */
public final class ActiveTriggers {
    private final SkyringConfig.Triggers config;
    private final int[] packetTypes;
    private final long windowNanos;
    private final double[] ra;
    private final double[] dec;
    private final double[] radiusArcsec;
    private final long[] eventTime;
    private int size;

    public ActiveTriggers(final SkyringConfig.Triggers config) {
        this.config = config;
        this.packetTypes = config.packetTypes().stream().mapToInt(Integer::intValue).toArray();
        this.windowNanos = (long) (config.activeWindowHours() * 3_600e9);
        final int n = config.maxActive();
        ra = new double[n];
        dec = new double[n];
        radiusArcsec = new double[n];
        eventTime = new long[n];
    }

    /** Registers a notice; returns true when it opened a trigger context. */
    public boolean open(final ObservationRecord notice) {
        if (notice.measurementType != MeasurementType.NOTICE || notice.noticeRole != NoticeRole.OBSERVATION
                || !isTriggerType(notice.noticeType) || notice.observationTimeNanos == ObservationRecord.NO_TIME
                || !Double.isFinite(notice.raDeg) || !Double.isFinite(notice.decDeg)
                || !(notice.positionUncertaintyArcsec > 0.0)) {
            return false;
        }
        int slot = size;
        if (size == ra.length) {
            slot = 0;
            for (int i = 1; i < size; i++) {
                if (eventTime[i] < eventTime[slot]) {
                    slot = i;
                }
            }
        } else {
            size++;
        }
        ra[slot] = notice.raDeg;
        dec[slot] = notice.decDeg;
        radiusArcsec[slot] = notice.positionUncertaintyArcsec;
        eventTime[slot] = notice.observationTimeNanos;
        return true;
    }

    /**
     * True when an optical detection lies inside an active trigger's error circle, observed after the trigger
     * time and within the active window.
     */
    public boolean coincides(final ObservationRecord o) {
        if (size == 0 || o.measurementType != MeasurementType.OPTICAL_PHOTOMETRY
                || o.observationTimeNanos == ObservationRecord.NO_TIME) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            final long sinceTrigger = o.observationTimeNanos - eventTime[i];
            if (sinceTrigger >= 0 && sinceTrigger <= windowNanos
                    && SkyMath.angularSeparationArcsec(ra[i], dec[i], o.raDeg, o.decDeg) <= radiusArcsec[i]) {
                return true;
            }
        }
        return false;
    }

    public double coincidenceUrgency() {
        return config.coincidenceUrgency();
    }

    public int size() {
        return size;
    }

    private boolean isTriggerType(final int type) {
        for (final int t : packetTypes) {
            if (t == type) {
                return true;
            }
        }
        return false;
    }
}
