package org.skyring.engine.stage;

import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.journal.Band;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.RejectReason;

import java.util.List;

/**
 * The quality gate of the design: every check that makes an observation unusable, each with a reason code and
 * a message naming the field and the value. A failing observation keeps every reason (not just the first) and
 * goes to the dead-letter queue; it never stops the engine.
 */
public final class Validator implements Stage {
    /** A notice's error circle may cover up to a hemisphere. */
    static final double MAX_NOTICE_RADIUS_ARCSEC = 180.0 * 3600.0;
    /** Lower-case measurement type names, computed once (String.toLowerCase allocates). */
    private static final String[] TYPE_NAMES = java.util.Arrays.stream(MeasurementType.values())
            .map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
    private final SkyringConfig.Validation config;
    private final int[] knownVersions;
    private final StringBuilder detail = new StringBuilder(256);
    private long reasons;

    public Validator(final SkyringConfig.Validation config) {
        this.config = config;
        final List<Integer> versions = config.knownSchemaVersions();
        this.knownVersions = versions.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public void onEvent(final ObservationEvent e) {
        validate(e.obs, e.decision);
    }

    /** Fills the decision's reject reasons and detail; returns true when the observation is valid. */
    public boolean validate(final ObservationRecord o, final DecisionRecord d) {
        reasons = 0;
        detail.setLength(0);
        if (!isKnownVersion(o.schemaVersion)) {
            fail(RejectReason.UNKNOWN_SCHEMA_VERSION, "schema_version=", o.schemaVersion, " is not one of the known versions");
        }
        if (!o.sourceError.isEmpty()) {
            final boolean oversize = startsWith(o.sourceError, "oversize");
            fail(oversize ? RejectReason.OVERSIZE_FIELD : RejectReason.MALFORMED_FIELD, o.sourceError);
        }
        if (o.observationId.isEmpty()) {
            fail(RejectReason.MISSING_ID, "observation_id is missing");
        }
        if (o.sourceFacility.isEmpty()) {
            fail(RejectReason.MISSING_FACILITY, "source_facility is missing");
        }
        if (o.measurementType == MeasurementType.NOTICE) {
            checkNotice(o);
        } else {
            checkTimes(o);
            checkPosition(o);
            checkMeasurement(o);
        }
        checkOptionalFinite("real_bogus", o.realBogus);
        checkOptionalFinite("deep_real_bogus", o.deepRealBogus);
        checkOptionalFinite("reliability", o.reliability);
        checkOptionalFinite("fwhm_px", o.fwhmPx);
        checkOptionalFinite("elongation", o.elongation);
        checkOptionalFinite("mag_diff", o.magDiff);
        checkOptionalFinite("detector_x", o.detectorX);
        checkOptionalFinite("detector_y", o.detectorY);
        checkOptionalFinite("previous_mag", o.previousMag);
        d.rejectReasons = reasons;
        if (reasons != 0) {
            d.rejectDetail.set(detail);
        }
        return reasons == 0;
    }

    private void checkTimes(final ObservationRecord o) {
        if (o.observationTimeNanos == ObservationRecord.NO_TIME) {
            fail(RejectReason.MISSING_OBSERVATION_TIME, "observation_time is missing");
        } else if (o.receivedTimeNanos != ObservationRecord.NO_TIME && o.observationTimeNanos > o.receivedTimeNanos) {
            fail(RejectReason.OBSERVATION_AFTER_RECEIVED).append("observation_time_ns=").append(o.observationTimeNanos)
                    .append(" is after received_time_ns=").append(o.receivedTimeNanos);
        }
    }

    /**
     * A GCN/VOEvent notice is kept even without a time or a position (an administrative packet, a GW notice whose
     * region is only a skymap URL): it is archived and matches nothing. What it does carry must be sane; its
     * error radius may be far wider than an observation's (a Fermi GBM circle is ~10 degrees), up to 180 degrees.
     */
    private void checkNotice(final ObservationRecord o) {
        if (o.observationTimeNanos != ObservationRecord.NO_TIME && o.receivedTimeNanos != ObservationRecord.NO_TIME
                && o.observationTimeNanos > o.receivedTimeNanos) {
            fail(RejectReason.OBSERVATION_AFTER_RECEIVED).append("observation_time_ns=").append(o.observationTimeNanos)
                    .append(" is after received_time_ns=").append(o.receivedTimeNanos);
        }
        if (Double.isNaN(o.raDeg) && Double.isNaN(o.decDeg)) {
            return;
        }
        checkRaDec(o);
        final double u = o.positionUncertaintyArcsec;
        if (!Double.isNaN(u) && !(u > 0.0 && u <= MAX_NOTICE_RADIUS_ARCSEC)) {
            fail(RejectReason.UNCERTAINTY_NOT_POSITIVE).append("position_uncertainty_arcsec=").append(u)
                    .append(" must be > 0 and <= ").append(MAX_NOTICE_RADIUS_ARCSEC).append(" for a notice");
        }
    }

    private void checkPosition(final ObservationRecord o) {
        checkRaDec(o);
        final double u = o.positionUncertaintyArcsec;
        if (!Double.isFinite(u)) {
            fail(RejectReason.NON_FINITE_VALUE, "position_uncertainty_arcsec=", u, " is missing or not finite");
        } else if (u <= 0.0 || u > config.maxPositionUncertaintyArcsec()) {
            fail(RejectReason.UNCERTAINTY_NOT_POSITIVE).append("position_uncertainty_arcsec=").append(u)
                    .append(" must be > 0 and <= ").append(config.maxPositionUncertaintyArcsec());
        }
    }

    private void checkRaDec(final ObservationRecord o) {
        if (!Double.isFinite(o.raDeg)) {
            fail(RejectReason.NON_FINITE_VALUE, "ra_deg=", o.raDeg, " is missing or not finite");
        } else if (o.raDeg < 0.0 || o.raDeg >= 360.0) {
            fail(RejectReason.RA_OUT_OF_RANGE, "ra_deg=", o.raDeg, " is outside [0, 360)");
        }
        if (!Double.isFinite(o.decDeg)) {
            fail(RejectReason.NON_FINITE_VALUE, "dec_deg=", o.decDeg, " is missing or not finite");
        } else if (o.decDeg < -90.0 || o.decDeg > 90.0) {
            fail(RejectReason.DEC_OUT_OF_RANGE, "dec_deg=", o.decDeg, " is outside [-90, 90]");
        }
        if (!Double.isFinite(o.epochYear)) {
            fail(RejectReason.NON_FINITE_VALUE, "epoch_year=", o.epochYear, " is not finite");
        }
    }

    private void checkMeasurement(final ObservationRecord o) {
        if (!Double.isFinite(o.value)) {
            fail(RejectReason.NON_FINITE_VALUE, "value=", o.value, " is missing or not finite");
        }
        final double err = o.valueUncertainty;
        final boolean magnitudes = o.measurementType.isMagnitude();
        if (!Double.isFinite(err)) {
            fail(RejectReason.NON_FINITE_VALUE, "value_uncertainty=", err, " is missing or not finite");
        } else if (err <= 0.0) {
            fail(RejectReason.UNCERTAINTY_NOT_POSITIVE, "value_uncertainty=", err, " must be > 0");
        } else if (magnitudes && err >= config.maxPhotometricErrorMag()) {
            fail(RejectReason.PHOTOMETRIC_ERROR_OUT_OF_RANGE).append("value_uncertainty=").append(err)
                    .append(" mag must be < ").append(config.maxPhotometricErrorMag());
        }
        if (magnitudes) {
            if (o.band == Band.NONE) {
                fail(RejectReason.INVALID_BAND).append("band is missing for ").append(TYPE_NAMES[o.measurementType.ordinal()]);
            }
        } else if (o.measurementType == MeasurementType.RADIO) {
            if (!(o.frequencyGhz > 0.0) || !Double.isFinite(o.frequencyGhz)) {
                fail(RejectReason.INVALID_BAND, "frequency_ghz=", o.frequencyGhz, " must be a finite number > 0 for radio");
            }
        } else if (o.measurementType == MeasurementType.XRAY) {
            if (!(o.energyLowKev >= 0.0 && o.energyHighKev > o.energyLowKev) || !Double.isFinite(o.energyHighKev)) {
                fail(RejectReason.INVALID_BAND).append("energy band [").append(o.energyLowKev).append(", ")
                        .append(o.energyHighKev).append("] keV must satisfy 0 <= low < high for xray");
            }
        }
    }

    private void checkOptionalFinite(final String field, final double v) {
        if (Double.isInfinite(v)) {
            fail(RejectReason.NON_FINITE_VALUE).append(field).append('=').append(v).append(" is not finite");
        }
    }

    private boolean isKnownVersion(final int v) {
        for (final int k : knownVersions) {
            if (k == v) {
                return true;
            }
        }
        return false;
    }

    private void fail(final RejectReason reason, final CharSequence message) {
        fail(reason).append(message);
    }

    /**
     * Records the reason and starts its message; the caller appends the rest piece by piece. Appending numbers
     * to the reused builder allocates nothing, where string concatenation would allocate on every rejection.
     */
    private StringBuilder fail(final RejectReason reason) {
        reasons |= reason.mask();
        separator();
        return detail.append(reason.key()).append(": ");
    }

    private void fail(final RejectReason reason, final String prefix, final double value, final String suffix) {
        reasons |= reason.mask();
        separator();
        detail.append(reason.key()).append(": ").append(prefix).append(value).append(suffix);
    }

    private void fail(final RejectReason reason, final String prefix, final long value, final String suffix) {
        reasons |= reason.mask();
        separator();
        detail.append(reason.key()).append(": ").append(prefix).append(value).append(suffix);
    }

    private void separator() {
        if (detail.length() > 0) {
            detail.append("; ");
        }
    }

    private static boolean startsWith(final CharSequence s, final String prefix) {
        if (s.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (s.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
