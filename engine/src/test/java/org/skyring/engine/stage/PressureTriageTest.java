package org.skyring.engine.stage;

import org.junit.jupiter.api.Test;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The overload policy of the triage stage, level by level. */
class PressureTriageTest {
    private static final long DAY = 86_400_000_000_000L;
    private final SkyringConfig config = SkyringConfig.loadDefault();
    private final AtomicInteger level = new AtomicInteger();
    private final PressureTriage triage = new PressureTriage(level::get, new Classifier(config, "c", "e"), config);

    private boolean deferredAt(final int lvl, final ObservationRecord o, final long qualityRules) {
        level.set(lvl);
        final ObservationEvent e = new ObservationEvent();
        e.reset(ObservationEvent.Kind.LIVE);
        e.obs.copyFrom(o);
        e.qualityRules = qualityRules;
        triage.onEvent(e);
        return e.deferred;
    }

    /** A fast riser: 1.5 mag brighter than one day ago. */
    private static ObservationRecord fastRiser() {
        final ObservationRecord o = Observations.goodZtf("riser");
        o.previousMag = o.value + 1.5;
        o.previousTimeNanos = o.observationTimeNanos - DAY;
        return o;
    }

    /** A known variable with history and no significant change. */
    private static ObservationRecord steady() {
        final ObservationRecord o = Observations.goodZtf("steady");
        o.previousMag = o.value + 0.001;
        o.previousTimeNanos = o.observationTimeNanos - DAY;
        return o;
    }

    /** The survey says: a known asteroid 1" away. */
    private static ObservationRecord asteroid() {
        final ObservationRecord o = Observations.goodZtf("asteroid");
        o.solarSystemDistanceArcsec = 1.0;
        return o;
    }

    /** New, nothing known yet: could be anything but critical (no rate). */
    private static ObservationRecord unknownNew() {
        return Observations.goodZtf("new");
    }

    @Test
    void belowHighNothingIsDeferred() {
        for (final int lvl : new int[] {0, 1}) {
            assertEquals(false, deferredAt(lvl, steady(), 0));
            assertEquals(false, deferredAt(lvl, asteroid(), 0));
            assertEquals(false, deferredAt(lvl, unknownNew(), 0));
        }
    }

    @Test
    void atHighOnlyRoutineLookingEventsAreDeferred() {
        assertEquals(true, deferredAt(2, steady(), 0), "history without significant change");
        assertEquals(true, deferredAt(2, asteroid(), 0), "the survey's own asteroid match");
        assertEquals(false, deferredAt(2, unknownNew(), 0), "not routine-looking: processed fully");
        assertEquals(false, deferredAt(2, fastRiser(), 0), "critical candidate");
    }

    @Test
    void atCriticalEveryEventThatCannotBeCriticalIsDeferred() {
        assertEquals(true, deferredAt(3, unknownNew(), 0));
        assertEquals(true, deferredAt(3, steady(), 0));
        assertEquals(false, deferredAt(3, fastRiser(), 0), "candidates are processed fully at every level");
        final ObservationRecord fader = fastRiser();
        fader.previousMag = fader.value - 1.0; // fading 1 mag/day
        assertEquals(false, deferredAt(3, fader, 0), "fast faders are candidates too");
        final ObservationRecord notice = unknownNew();
        notice.measurementType = MeasurementType.NOTICE;
        assertEquals(false, deferredAt(3, notice, 0), "a GCN-style notice is always a candidate");
        assertEquals(2, triage.deferred(), "counted");
    }

    @Test
    void bogusOrRejectedEventsAreNeverDeferredTheCheapStagesAlreadyDecidedThem() {
        assertEquals(false, deferredAt(3, unknownNew(), Rule.QUALITY_REAL_BOGUS.mask()));
        final ObservationRecord o = unknownNew();
        level.set(3);
        final ObservationEvent e = new ObservationEvent();
        e.reset(ObservationEvent.Kind.LIVE);
        e.obs.copyFrom(o);
        e.decision.rejectReasons = 1;
        triage.onEvent(e);
        assertEquals(false, e.deferred);
        assertEquals(0, triage.deferred());
    }
}
