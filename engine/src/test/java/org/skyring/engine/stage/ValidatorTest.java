package org.skyring.engine.stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.RejectReason;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidatorTest {
    private final Validator validator = new Validator(SkyringConfig.loadDefault().validation());
    private final DecisionRecord decision = new DecisionRecord();

    private long reasons(final ObservationRecord o) {
        decision.clear();
        validator.validate(o, decision);
        return decision.rejectReasons;
    }

    @Test
    void acceptsAGoodObservation() {
        assertEquals(0, reasons(Observations.goodZtf("a")));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 359.999999999})
    void acceptsRaAtTheLowEdgeAndJustBelow360(final double ra) {
        final ObservationRecord o = Observations.goodZtf("a");
        o.raDeg = ra;
        assertEquals(0, reasons(o));
    }

    @ParameterizedTest
    @ValueSource(doubles = {360.0, -1e-9, 720.0})
    void rejectsRaOutsideZeroTo360(final double ra) {
        final ObservationRecord o = Observations.goodZtf("a");
        o.raDeg = ra;
        assertEquals(RejectReason.RA_OUT_OF_RANGE.mask(), reasons(o));
        assertTrue(decision.rejectDetail.toString().contains("ra_deg=" + ra), decision.rejectDetail.toString());
    }

    @ParameterizedTest
    @ValueSource(doubles = {90.0, -90.0, 0.0})
    void acceptsDecAtBothPoles(final double dec) {
        final ObservationRecord o = Observations.goodZtf("a");
        o.decDeg = dec;
        assertEquals(0, reasons(o));
    }

    @ParameterizedTest
    @ValueSource(doubles = {90.0000001, -90.0000001, 95})
    void rejectsDecOutsideTheSphere(final double dec) {
        final ObservationRecord o = Observations.goodZtf("a");
        o.decDeg = dec;
        assertEquals(RejectReason.DEC_OUT_OF_RANGE.mask(), reasons(o));
        assertTrue(decision.rejectDetail.toString().contains("dec_deg=" + dec));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void rejectsNonFiniteCoordinatesAndValues(final double bad) {
        final ObservationRecord ra = Observations.goodZtf("a");
        ra.raDeg = bad;
        assertEquals(RejectReason.NON_FINITE_VALUE.mask(), reasons(ra));
        final ObservationRecord value = Observations.goodZtf("b");
        value.value = bad;
        assertEquals(RejectReason.NON_FINITE_VALUE.mask(), reasons(value));
        assertTrue(decision.rejectDetail.toString().startsWith("non_finite_value: value="));
    }

    @Test
    void rejectsZeroAndNegativeUncertainties() {
        final ObservationRecord pos = Observations.goodZtf("a");
        pos.positionUncertaintyArcsec = 0.0;
        assertEquals(RejectReason.UNCERTAINTY_NOT_POSITIVE.mask(), reasons(pos));
        final ObservationRecord val = Observations.goodZtf("b");
        val.valueUncertainty = 0.0;
        assertEquals(RejectReason.UNCERTAINTY_NOT_POSITIVE.mask(), reasons(val));
        val.valueUncertainty = -0.1;
        assertEquals(RejectReason.UNCERTAINTY_NOT_POSITIVE.mask(), reasons(val));
    }

    @Test
    void rejectsPhotometricErrorAtOrAboveOneMagnitude() {
        final ObservationRecord o = Observations.goodZtf("a");
        o.valueUncertainty = 1.0;
        assertEquals(RejectReason.PHOTOMETRIC_ERROR_OUT_OF_RANGE.mask(), reasons(o));
        o.valueUncertainty = 0.999;
        assertEquals(0, reasons(o));
    }

    @Test
    void rejectsObservationTimeOneNanosecondAfterReceivedTime() {
        final ObservationRecord o = Observations.goodZtf("a");
        o.receivedTimeNanos = o.observationTimeNanos;
        assertEquals(0, reasons(o), "equal times are fine");
        o.observationTimeNanos = o.receivedTimeNanos + 1;
        assertEquals(RejectReason.OBSERVATION_AFTER_RECEIVED.mask(), reasons(o));
    }

    @Test
    void rejectsMissingIdFacilityAndTime() {
        final ObservationRecord o = Observations.goodZtf("a");
        o.observationId.clear();
        o.sourceFacility.clear();
        o.observationTimeNanos = ObservationRecord.NO_TIME;
        assertEquals(RejectReason.MISSING_ID.mask() | RejectReason.MISSING_FACILITY.mask()
                | RejectReason.MISSING_OBSERVATION_TIME.mask(), reasons(o), "every reason is kept, not just the first");
    }

    @Test
    void rejectsUnknownSchemaVersionOversizeAndMalformedFields() {
        final ObservationRecord v = Observations.goodZtf("a");
        v.schemaVersion = 99;
        assertEquals(RejectReason.UNKNOWN_SCHEMA_VERSION.mask(), reasons(v));
        assertTrue(decision.rejectDetail.toString().contains("schema_version=99"));
        final ObservationRecord big = Observations.goodZtf("b");
        big.sourceError.set("oversize: observation_id longer than 64 characters");
        assertEquals(RejectReason.OVERSIZE_FIELD.mask(), reasons(big));
        final ObservationRecord bad = Observations.goodZtf("c");
        bad.sourceError.set("dec_deg: expected a number, got \"abc\"");
        assertEquals(RejectReason.MALFORMED_FIELD.mask(), reasons(bad));
        assertTrue(decision.rejectDetail.toString().contains("dec_deg"));
    }

    @Test
    void checksTheTypedMeasurementOfRadioAndXray() {
        final ObservationRecord radio = Observations.goodZtf("r");
        radio.measurementType = MeasurementType.RADIO;
        radio.value = 2.5;
        radio.valueUncertainty = 0.1;
        assertEquals(RejectReason.INVALID_BAND.mask(), reasons(radio), "radio needs a frequency");
        radio.frequencyGhz = 3.0;
        assertEquals(0, reasons(radio));
        final ObservationRecord xray = Observations.goodZtf("x");
        xray.measurementType = MeasurementType.XRAY;
        xray.energyLowKev = 10;
        xray.energyHighKev = 0.3;
        assertFalse(reasons(xray) == 0, "energy band must be low < high");
    }
}
