package org.skyring.engine.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.journal.Band;
import org.skyring.journal.FixedAscii;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The object-history store on real Chronicle Map files: features by hand, seeding, persistence, exactly-once. */
class ObjectHistoryTest {
    static final long T0 = 1_760_000_000_000_000_000L;
    static final long DAY = 86_400_000_000_000L;
    static final double EPS = 1e-5; // magnitudes are stored as floats

    @TempDir
    Path tmp;

    static ObservationRecord detection(final String object, final long t, final Band band, final double mag) {
        final ObservationRecord o = new ObservationRecord();
        o.objectId.set(object);
        o.observationId.set(object + "-" + t);
        o.observationTimeNanos = t;
        o.measurementType = MeasurementType.OPTICAL_PHOTOMETRY;
        o.band = band;
        o.value = mag;
        o.valueUncertainty = 0.05;
        o.raDeg = 150;
        o.decDeg = 20;
        return o;
    }

    @Test
    void ratesAmplitudeColourAgeAndNonDetectionAreTheHandComputedValues() {
        try (ObjectHistory h = ObjectHistory.open(tmp, 10_000, 0.02)) {
            final LightCurve lc = new LightCurve();
            // an upper limit 21.0 in r two days before the first detection, carried by the first packet
            final ObservationRecord first = detection("ZTF26aaa", T0, Band.R, 20.0);
            first.lastNonDetectionLimitMag = 21.0;
            first.lastNonDetectionTimeNanos = T0 - 2 * DAY;
            h.apply(first, 0, lc);
            assertTrue(Double.isNaN(lc.rate), "no earlier detection: no pair rate");
            assertEquals((21.0 - 20.0) / 2.0, lc.rateFromLimit, EPS, "rise from the limit: 1 mag over 2 d");
            assertEquals(2.0, lc.daysSinceNonDetection, 1e-9);
            assertEquals(1, lc.detections);

            // 10 minutes later (< 0.02 d = 28.8 min): too close to pair with
            h.apply(detection("ZTF26aaa", T0 + 600_000_000_000L, Band.R, 19.9), 1, lc);
            assertTrue(Double.isNaN(lc.rate), "pairs closer than 0.02 d give no rate");

            // g one day later, r 1.2 days later: r rate (20.0 - 19.4) / 1.2 = 0.5 mag/day; g - r = 19.6 - 19.4
            h.apply(detection("ZTF26aaa", T0 + DAY, Band.G, 19.6), 2, lc);
            final long tR = T0 + (long) (1.2 * DAY);
            h.apply(detection("ZTF26aaa", tR, Band.R, 19.4), 3, lc);
            // the latest r detection at least 0.02 d earlier is the 10-minute one (19.9 at T0 + 600 s)
            final double baseline = (tR - (T0 + 600_000_000_000L)) / (double) DAY;
            assertEquals((19.9 - 19.4) / baseline, lc.rate, EPS);
            assertEquals(baseline, lc.rateBaselineDays, 1e-9);
            assertEquals(19.6 - 19.4, lc.colourGr, EPS, "g-r from g and r within a day");
            assertEquals(20.0 - 19.4, lc.amplitude, EPS);
            assertEquals(0.0, lc.fromPeak, EPS, "at peak");
            assertEquals(1.2, lc.ageDays, 1e-9);
            assertEquals(3.2, lc.daysSinceNonDetection, 1e-9);
            assertEquals(4, lc.detections);
            // steepest consecutive rise: pairs >= 0.02 d apart within a band: r 20.0@T0 -> 19.4@1.2d
            assertEquals((20.0 - 19.4) / 1.2, lc.maxRiseRate, EPS);

            // fading two days later in r: (19.4 - 20.4) / 2 = -0.5 mag/day
            h.apply(detection("ZTF26aaa", tR + 2 * DAY, Band.R, 20.4), 4, lc);
            assertEquals(-0.5, lc.rate, EPS);
            assertEquals(0.5, lc.maxFadeRate, EPS);
            assertEquals(1.0, lc.fromPeak, EPS, "1 mag below the 19.4 peak");
        }
    }

    @Test
    void packetHistoryRepeatedByLaterPacketsIsCountedOnce() {
        try (ObjectHistory h = ObjectHistory.inMemory(10_000, 0.02)) {
            final LightCurve lc = new LightCurve();
            final ObservationRecord a = detection("ZTF26bbb", T0 + 3 * DAY, Band.G, 18.0);
            a.history.addDetection(T0, Band.G, 19.0, 0.1);
            a.history.addDetection(T0 + DAY, Band.G, 18.6, 0.1);
            a.history.addUpperLimit(T0 - DAY, Band.G, 20.5);
            h.apply(a, 10, lc);
            assertEquals(3, lc.detections);
            assertEquals((18.6 - 18.0) / 2.0, lc.rate, EPS);
            assertEquals(3.0, lc.ageDays, 1e-9, "first detection at T0, this one at T0 + 3 d");

            // the next packet repeats all of it (ZTF prv_candidates do) plus the previous alert itself
            final ObservationRecord b = detection("ZTF26bbb", T0 + 4 * DAY, Band.G, 17.5);
            b.history.addDetection(T0, Band.G, 19.0, 0.1);
            b.history.addDetection(T0 + DAY, Band.G, 18.6, 0.1);
            b.history.addDetection(T0 + 3 * DAY, Band.G, 18.0, 0.1);
            b.history.addUpperLimit(T0 - DAY, Band.G, 20.5);
            h.apply(b, 11, lc);
            assertEquals(4, lc.detections, "repeated packet history is not counted again");
            assertEquals(0.5, lc.rate, EPS);
            assertEquals(19.0 - 17.5, lc.amplitude, EPS);
        }
    }

    @Test
    void stateSurvivesRestartAndReplayedInputIsNotAppliedTwice() {
        final List<ObservationRecord> stream = stream(400);
        final ObjectState before = new ObjectState();
        final ObjectState after = new ObjectState();
        final LightCurve lc = new LightCurve();
        final double[] ratesFirst = new double[stream.size()];
        try (ObjectHistory h = ObjectHistory.open(tmp, 10_000, 0.02)) {
            for (int i = 0; i < stream.size(); i++) {
                h.apply(stream.get(i), i, lc);
                ratesFirst[i] = lc.rate;
                assertFalse(lc.alreadyApplied);
            }
            assertTrue(h.read("obj-3", before));
        }
        // restart: the engine re-runs the whole input journal through the classifier
        try (ObjectHistory h = ObjectHistory.open(tmp, 10_000, 0.02)) {
            for (int i = 0; i < stream.size(); i++) {
                h.apply(stream.get(i), i, lc);
                assertTrue(lc.alreadyApplied, "input " + i + " was applied before the restart");
            }
            assertTrue(h.read("obj-3", after));
            assertTrue(before.contentEquals(after), "re-running the journal changed nothing");
            assertEquals(before.detections(), after.detections());
            assertEquals(40, after.detections(), "obj-3 had 40 observations, none counted twice");
        }
        // a fresh store fed the same stream (a replay) holds the same state for every object
        try (ObjectHistory replay = ObjectHistory.open(tmp.resolve("replay"), 10_000, 0.02);
             ObjectHistory original = ObjectHistory.open(tmp, 10_000, 0.02)) {
            for (int i = 0; i < stream.size(); i++) {
                replay.apply(stream.get(i), i, lc);
                assertEquals(Double.doubleToLongBits(ratesFirst[i]), Double.doubleToLongBits(lc.rate));
            }
            assertEquals(original.size(), replay.size());
            final ObjectState a = new ObjectState();
            final ObjectState b = new ObjectState();
            for (int k = 0; k < 10; k++) {
                assertTrue(original.read("obj-" + k, a));
                assertTrue(replay.read("obj-" + k, b));
                assertTrue(a.contentEquals(b), "obj-" + k + " identical after replay");
            }
        }
    }

    @Test
    void anObservationReDecidedAfterACrashSeesTheLightCurveAsOfItsOwnTime() {
        try (ObjectHistory h = ObjectHistory.inMemory(10_000, 0.02)) {
            final LightCurve lc = new LightCurve();
            final ObservationRecord first = detection("ZTF26ccc", T0, Band.R, 20.0);
            final ObservationRecord second = detection("ZTF26ccc", T0 + DAY, Band.R, 19.0);
            h.apply(first, 0, lc);
            final LightCurve original = new LightCurve();
            h.apply(first, 0, original); // same index again: already applied
            h.apply(second, 1, lc);
            // the crash came after input 1 was applied but before input 0's decision was written: re-decide 0
            h.apply(first, 0, lc);
            assertTrue(lc.alreadyApplied);
            assertEquals(1, lc.detections, "the later detection (input 1) is not counted as of input 0");
            assertTrue(Double.isNaN(lc.rate), "no earlier point as of input 0");
            assertEquals(0.0, lc.amplitude, EPS);
            assertEquals(original.detections, lc.detections);
        }
    }

    /** Ten objects observed in turn every 0.05 d in alternating bands, with a slow rise. */
    static List<ObservationRecord> stream(final int n) {
        final List<ObservationRecord> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final int obj = i % 10;
            final long t = T0 + (long) (i / 10 * 0.05 * DAY);
            list.add(detection("obj-" + obj, t, (i / 10) % 2 == 0 ? Band.G : Band.R, 20.0 - 0.01 * (i / 10) + 0.1 * obj));
        }
        return list;
    }

    @Test
    void sourcesWithoutAnIdAreKeyedByTheirSkyCell() {
        final FixedAscii a = new FixedAscii(64);
        final FixedAscii b = new FixedAscii(64);
        final ObservationRecord o = detection("", T0, Band.R, 18);
        o.objectId.clear();
        ObjectHistory.keyOf(o, a);
        o.decDeg += 0.1 / 3600; // 0.1 arcsec away: same 1.5-arcsec cell (unless on a boundary, which this is not)
        ObjectHistory.keyOf(o, b);
        assertEquals(a.toString(), b.toString());
        assertTrue(a.toString().startsWith("pos:"));
        o.decDeg += 3.0 / 3600;
        ObjectHistory.keyOf(o, b);
        assertFalse(a.contentEquals(b), "3 arcsec away: another cell");
    }
}
