package org.skyring.engine.stage;

import org.junit.jupiter.api.Test;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifyAndMatchTest {
    private static final double ARCSEC = 1.0 / 3600.0;
    private final SkyringConfig config = SkyringConfig.loadDefault();
    private final SkyCatalog catalog = new SkyCatalog.Builder()
            .add("HIP 1", 150.0, 20.0, SourceType.STAR, 9.0)
            .add("NGC 1", 10.0, 30.0, SourceType.GALAXY, 13.0)
            .add("QSO 1", 200.0, -10.0, SourceType.AGN, 18.0)
            .build("test-catalog");
    private final KnownObjectFilter known = new KnownObjectFilter(config.knownObjects(), catalog);
    private final Classifier classifier = new Classifier(config, catalog.version(), "test");
    private final ArtifactFilter artifacts = new ArtifactFilter(config.artifacts());

    private DecisionRecord decide(final ObservationRecord o) {
        final DecisionRecord d = new DecisionRecord();
        final long k = known.match(o, d);
        classifier.classify(o, d, 0, k, artifacts.artifacts(o));
        return d;
    }

    @Test
    void matchesACatalogStarWithinItsRadiusAndNotBeyond() {
        final ObservationRecord o = Observations.goodZtf("a");
        o.decDeg = 20.0 + 1.4 * ARCSEC;
        DecisionRecord d = decide(o);
        assertTrue(d.fired(Rule.KNOWN_CATALOG_STAR));
        assertEquals("HIP 1", d.matchSourceId.toString());
        assertEquals(1.4, d.matchSeparationArcsec, 1e-6);
        assertEquals(Category.ROUTINE, d.category);
        o.decDeg = 20.0 + 1.6 * ARCSEC; // stars match at 1.5", and HIP 1 is bright: halo suspect instead
        d = decide(o);
        assertTrue(!d.fired(Rule.KNOWN_CATALOG_STAR) && d.fired(Rule.BRIGHT_STAR_HALO));
    }

    @Test
    void agnUseItsWiderRadiusAndGalaxiesOnlyRecordTheHost() {
        final ObservationRecord agn = Observations.goodZtf("a");
        agn.raDeg = 200.0;
        agn.decDeg = -10.0 + 2.9 * ARCSEC;
        assertTrue(decide(agn).fired(Rule.KNOWN_AGN));
        final ObservationRecord sn = Observations.goodZtf("b");
        sn.raDeg = 10.0;
        sn.decDeg = 30.0 + 5 * ARCSEC;
        sn.previousMag = 18.2;
        sn.previousTimeNanos = sn.observationTimeNanos - (long) (2 * Classifier.NANOS_PER_DAY);
        final DecisionRecord d = decide(sn);
        assertTrue(d.fired(Rule.HOST_GALAXY));
        assertEquals("NGC 1", d.hostId.toString());
        assertTrue(d.fired(Rule.CLASS_SLOW_RISER_IN_HOST), "0.1 mag/day rise in a host is supernova-like");
        assertEquals(Category.KNOWN_TYPE, d.category);
    }

    @Test
    void knownAsteroidIsRoutineAndSuspectAsteroidIsUnknown() {
        final ObservationRecord o = Observations.goodZtf("a");
        o.raDeg = 300; // away from the catalog's star
        o.solarSystemDistanceArcsec = 4.9;
        assertEquals(Category.ROUTINE, decide(o).category);
        o.solarSystemDistanceArcsec = 5.0;
        final DecisionRecord d = decide(o);
        assertTrue(d.fired(Rule.SUSPECT_SOLAR_SYSTEM));
        assertEquals(Category.UNKNOWN, d.category);
    }

    @Test
    void aFastRisingRealHighSnrNewSourceIsCritical() {
        final ObservationRecord o = Observations.goodZtf("a");
        o.raDeg = 300;
        o.decDeg = 40;
        o.valueUncertainty = 0.03;
        o.realBogus = 0.97;
        o.previousMag = 18.5;
        o.previousTimeNanos = o.observationTimeNanos - (long) (0.4 * Classifier.NANOS_PER_DAY);
        final DecisionRecord d = decide(o);
        assertEquals(1.25, d.riseRateMagPerDay, 1e-9);
        assertTrue(d.fired(Rule.CLASS_FAST_RISER));
        assertTrue(d.urgency > 0.9 && d.significance > 0.9);
        assertEquals(Category.CRITICAL, d.category);
        o.previousTimeNanos = o.observationTimeNanos - (long) (0.01 * Classifier.NANOS_PER_DAY);
        assertEquals(Double.NaN, decide(o).riseRateMagPerDay, "pairs closer than 0.02 d give no rate");
    }

    @Test
    void significanceSetsInterestingAndSignificant() {
        final ObservationRecord o = Observations.goodZtf("a");
        o.raDeg = 300;
        o.decDeg = 40;
        o.realBogus = 0.9;
        o.deepRealBogus = Double.NaN;
        o.valueUncertainty = 1.0857 / 6.0; // SNR 6 -> significance 0.6 * 0.9 = 0.54
        assertEquals(Category.INTERESTING, decide(o).category);
        o.valueUncertainty = 1.0857 / 20.0; // SNR 20 -> 0.9
        assertEquals(Category.SIGNIFICANT, decide(o).category);
    }

    @Test
    void flagsChipEdgeCosmicRayAndHotPixel() {
        final ObservationRecord edge = Observations.goodZtf("a");
        edge.distanceToEdgePx = 31.9;
        assertTrue(Rule.ARTIFACT_CHIP_EDGE.isIn(artifacts.artifacts(edge)));
        final ObservationRecord cr = Observations.goodZtf("b");
        cr.detectionCount = 1;
        cr.fwhmPx = 1.0;
        cr.detectorX = 10;
        assertTrue(Rule.ARTIFACT_COSMIC_RAY.isIn(artifacts.artifacts(cr)));
        final ArtifactFilter fresh = new ArtifactFilter(config.artifacts());
        long rules = 0;
        for (int i = 0; i < 3; i++) {
            final ObservationRecord hot = Observations.goodZtf("h" + i);
            hot.detectorX = 777.0 + 0.5 * i;
            hot.detectorY = 888.0;
            hot.raDeg = 100.0 + i; // a different sky position each time
            rules = fresh.artifacts(hot);
            assertEquals(i == 2, Rule.ARTIFACT_HOT_PIXEL.isIn(rules), "hot pixel at the third position, i=" + i);
        }
    }

    @Test
    void flagsTheFifthDetectionOnOneGreatCircleOfOneExposure() {
        final ArtifactFilter fresh = new ArtifactFilter(config.artifacts());
        for (int i = 0; i < 6; i++) {
            final ObservationRecord o = Observations.goodZtf("t" + i);
            o.detectionCount = 1;
            o.exposureId = 42;
            o.raDeg = 120.0 + 0.3 * i; // along the equator: a great circle
            o.decDeg = 0.0;
            o.detectorX = 100 + 300 * i;
            final boolean trail = Rule.ARTIFACT_SATELLITE_TRAIL.isIn(fresh.artifacts(o));
            assertEquals(i >= 4, trail, "detection " + i);
        }
    }
}
