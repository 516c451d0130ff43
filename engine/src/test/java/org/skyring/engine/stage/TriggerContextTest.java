package org.skyring.engine.stage;

import org.junit.jupiter.api.Test;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.NoticeRole;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GCN notices as trigger contexts: which notices open one, and which observations it raises. */
class TriggerContextTest {
    private static final long HOUR = 3_600_000_000_000L;
    private final SkyringConfig config = SkyringConfig.loadDefault();
    private final Classifier classifier = new Classifier(config, "none", "test");
    private final Validator validator = new Validator(config.validation());

    /** A Swift BAT GRB position notice: 3 arcmin error circle around (150.0, 20.0), one hour before T0. */
    private static ObservationRecord grbNotice(final String id) {
        final ObservationRecord n = new ObservationRecord();
        n.observationId.set(id);
        n.sourceFacility.set("nasa.gsfc.gcn/SWIFT");
        n.measurementType = MeasurementType.NOTICE;
        n.noticeRole = NoticeRole.OBSERVATION;
        n.noticeType = 61;
        n.observationTimeNanos = Observations.T0 - HOUR;
        n.receivedTimeNanos = Observations.T0 - HOUR + 30_000_000_000L;
        n.raDeg = 150.0;
        n.decDeg = 20.0;
        n.positionUncertaintyArcsec = 180.0;
        return n;
    }

    private DecisionRecord decide(final ObservationRecord o) {
        final DecisionRecord d = new DecisionRecord();
        validator.validate(o, d);
        classifier.classify(o, d, 0, 0, 0);
        return d;
    }

    /** New, real, high-SNR, but not rising: significant on its own, without any urgency. */
    private static ObservationRecord steadyNewSource(final String id, final double raDeg) {
        final ObservationRecord o = Observations.goodZtf(id);
        o.raDeg = raDeg;
        o.decDeg = 20.0;
        o.valueUncertainty = 0.03;
        o.realBogus = 0.97;
        o.detectionCount = 1;
        return o;
    }

    @Test
    void opticalDetectionInsideAnActiveGrbCircleAfterTheTriggerBecomesCritical() {
        assertEquals(Category.SIGNIFICANT, decide(steadyNewSource("before", 150.01)).category, "no trigger yet");
        final DecisionRecord n = decide(grbNotice("ivo://nasa.gsfc.gcn/SWIFT#1"));
        assertEquals(0, n.rejectReasons, n.rejectDetail.toString());
        assertTrue(n.fired(Rule.TRIGGER_OPENED));
        assertEquals(Category.ROUTINE, n.category, "a notice itself is archived");

        final DecisionRecord inside = decide(steadyNewSource("inside", 150.01)); // 34 arcsec from the centre
        assertTrue(inside.fired(Rule.TRIGGER_COINCIDENCE));
        assertEquals(1.0, inside.urgency);
        assertEquals(Category.CRITICAL, inside.category);

        final DecisionRecord outside = decide(steadyNewSource("outside", 150.1)); // 5.6 arcmin away
        assertFalse(outside.fired(Rule.TRIGGER_COINCIDENCE));
        assertEquals(Category.SIGNIFICANT, outside.category);
    }

    @Test
    void beforeTheTriggerOrAfterTheWindowNothingIsRaised() {
        decide(grbNotice("ivo://nasa.gsfc.gcn/SWIFT#2"));
        final ObservationRecord early = steadyNewSource("early", 150.01);
        early.observationTimeNanos = Observations.T0 - 2 * HOUR;
        assertFalse(decide(early).fired(Rule.TRIGGER_COINCIDENCE), "observed before the burst");
        final ObservationRecord late = steadyNewSource("late", 150.01);
        late.observationTimeNanos = Observations.T0 + (long) config.triggers().activeWindowHours() * HOUR;
        late.receivedTimeNanos = late.observationTimeNanos + 1;
        assertFalse(decide(late).fired(Rule.TRIGGER_COINCIDENCE), "past triggers.active_window_hours");
    }

    @Test
    void testNoticesUnlistedTypesAndPositionlessNoticesOpenNothingButAreKept() {
        final ObservationRecord test = grbNotice("ivo://x#test");
        test.noticeRole = NoticeRole.TEST;
        final ObservationRecord gw = grbNotice("ivo://gwnet/LVC#S1");
        gw.noticeType = 151;
        gw.raDeg = Double.NaN;
        gw.decDeg = Double.NaN;
        gw.positionUncertaintyArcsec = Double.NaN;
        final ObservationRecord kill = grbNotice("ivo://nasa.gsfc.gcn/gcn");
        kill.noticeType = 4;
        kill.observationTimeNanos = ObservationRecord.NO_TIME;
        kill.raDeg = Double.NaN;
        kill.decDeg = Double.NaN;
        final ObservationRecord gaia = grbNotice("ivo://gaia.cam.uk/alerts#Gaia16aac");
        gaia.noticeType = -1;
        for (final ObservationRecord n : new ObservationRecord[] {test, gw, kill, gaia}) {
            final DecisionRecord d = decide(n);
            assertEquals(0, d.rejectReasons, n.observationId + ": " + d.rejectDetail);
            assertFalse(d.fired(Rule.TRIGGER_OPENED), n.observationId.toString());
            assertEquals(Category.ROUTINE, d.category);
        }
        assertFalse(decide(steadyNewSource("inside", 150.01)).fired(Rule.TRIGGER_COINCIDENCE));
    }

    @Test
    void aNoticeWithAnImpossiblePositionIsDeadLettered() {
        final ObservationRecord n = grbNotice("ivo://bad");
        n.decDeg = 95.0;
        final DecisionRecord d = decide(n);
        assertEquals(Category.REJECTED, d.category);
        assertEquals("dec_out_of_range: dec_deg=95.0 is outside [-90, 90]", d.rejectDetail.toString());
    }
}
