package org.skyring.adapters.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyring.adapters.jsonl.JsonLinesWriter;
import org.skyring.catalog.ConeResult;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SkyMath;
import org.skyring.catalog.SourceType;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;
import org.skyring.journal.TruthLabel;

class NightGeneratorTest {
    static final long START = 1_717_200_000_000_000_000L;
    static final double DAY = 86_400e9;
    static SkyCatalog catalog;
    static NightGenerator night;
    static List<ObservationRecord> records;

    @BeforeAll
    static void generateNight() {
        catalog = SyntheticCatalog.generate(200_000, 42);
        night = new NightGenerator(catalog, 20240601L, START);
        records = new ArrayList<>(200_000);
        for (int i = 0; i < 200_000; i++) {
            final ObservationRecord r = new ObservationRecord();
            night.next(r);
            records.add(r);
        }
    }

    @Test
    void sameSeedGivesTheSameNightAndAnotherSeedDoesNot() {
        final NightGenerator a = new NightGenerator(catalog, 99, START);
        final NightGenerator b = new NightGenerator(catalog, 99, START);
        final NightGenerator c = new NightGenerator(catalog, 100, START);
        final ObservationRecord ra = new ObservationRecord();
        final ObservationRecord rb = new ObservationRecord();
        final ObservationRecord rc = new ObservationRecord();
        int differ = 0;
        for (int i = 0; i < 10_000; i++) {
            a.next(ra);
            b.next(rb);
            c.next(rc);
            // The JSON form holds every field, doubles in shortest round-trip form, so equal text = equal records.
            assertEquals(JsonLinesWriter.toJson(ra), JsonLinesWriter.toJson(rb), "record " + i);
            assertEquals(ra.sourceOffset, rb.sourceOffset);
            differ += JsonLinesWriter.toJson(ra).equals(JsonLinesWriter.toJson(rc)) ? 0 : 1;
        }
        assertEquals(10_000, differ);
        assertEquals(a.count(TruthLabel.CANDIDATE), b.count(TruthLabel.CANDIDATE));
    }

    @Test
    void labelFractionsMatchTheDocumentedMix() {
        final long[] counts = night.countsByLabel();
        long total = 0;
        for (final long n : counts) {
            total += n;
        }
        assertEquals(records.size(), total);
        final long[] recount = new long[counts.length];
        records.forEach(r -> recount[r.truthLabel.ordinal()]++);
        assertEquals(java.util.Arrays.toString(counts), java.util.Arrays.toString(recount));
        for (final TruthLabel l : TruthLabel.values()) {
            final double expected = NightGenerator.targetFraction(l);
            final double actual = counts[l.ordinal()] / (double) total;
            final double tolerance = Math.max(0.1 * expected, 0.001);
            assertEquals(expected, actual, tolerance, l + ": " + counts[l.ordinal()]);
        }
        final double fast = counts[TruthLabel.FAST_TRANSIENT.ordinal()] / (double) total;
        assertTrue(fast >= 0.005 && fast <= 0.01, "fast transients " + fast);
        final Map<String, Long> byFacility = new HashMap<>();
        records.forEach(r -> byFacility.merge(r.sourceFacility.toString(), 1L, Long::sum));
        assertEquals(Map.of("ZTF", 132_000L, "Rubin", 40_000L, "VLASS", 16_000L, "Swift-XRT", 12_000L), byFacility);
    }

    @Test
    void fastTransientsRiseAtLeastOneMagPerDay() {
        int optical = 0;
        int other = 0;
        for (final ObservationRecord r : records) {
            if (r.truthLabel != TruthLabel.FAST_TRANSIENT) {
                continue;
            }
            final double dtDays = (r.observationTimeNanos - r.previousTimeNanos) / DAY;
            assertTrue(dtDays >= 0.05 && dtDays <= 0.5, "dt " + dtDays);
            assertTrue((r.observationTimeNanos - r.firstDetectionTimeNanos) / DAY < 2.0);
            final double rate;
            if (r.measurementType == MeasurementType.OPTICAL_PHOTOMETRY) {
                optical++;
                rate = (r.value - r.previousMag) / dtDays; // negative = brightening
                assertTrue(r.valueUncertainty > 0 && r.valueUncertainty <= 0.04);
                assertTrue(Double.isNaN(r.realBogus) ? r.reliability >= 0.95 : r.realBogus >= 0.95);
            } else {
                other++;
                rate = -2.5 * Math.log10(r.value / r.previousMag) / dtDays;
            }
            assertTrue(rate <= -1.0, r.observationId + " rises only " + rate + " mag/day");
            assertNoCatalogSourceWithin(r, 2.0);
        }
        assertTrue(optical > 500 && other > 20, optical + " optical, " + other + " radio/X-ray");
    }

    @Test
    void knownStarsSitOnCatalogStars() {
        final ConeResult cone = new ConeResult();
        int viaCatalog = 0;
        int total = 0;
        for (final ObservationRecord r : records) {
            if (r.truthLabel != TruthLabel.KNOWN_STAR) {
                continue;
            }
            total++;
            boolean onStar = false;
            catalog.search(r.raDeg, r.decDeg, 0.5, cone);
            for (int k = 0; k < cone.size(); k++) {
                final SourceType t = catalog.type(cone.index(k));
                onStar |= t == SourceType.STAR || t == SourceType.VARIABLE_STAR;
            }
            if (onStar) {
                viaCatalog++;
            } else {
                // The only other kind: a ZTF star known through its PS1 neighbour fields.
                assertEquals("ZTF", r.sourceFacility.toString(), r.observationId.toString());
                assertTrue(r.nearestStarDistanceArcsec <= 2.0 && r.nearestStarScore > 0.76);
            }
        }
        assertTrue(viaCatalog > 0.7 * total, viaCatalog + " of " + total);
    }

    @Test
    void opticalDetectionsThatAreNotBogusPassTheQualityCuts() {
        for (final ObservationRecord r : records) {
            if (r.measurementType != MeasurementType.OPTICAL_PHOTOMETRY || r.truthLabel == TruthLabel.BOGUS) {
                continue;
            }
            final String id = r.observationId + " " + r.truthLabel;
            if ("ZTF".equals(r.sourceFacility.toString())) {
                assertTrue(r.realBogus >= 0.65 && r.deepRealBogus >= 0.6 && r.badPixelCount == 0, id);
                assertTrue(Math.abs(r.magDiff) <= 0.1, id);
            } else {
                assertTrue(r.reliability >= 0.6 && !r.hasFlag(QualityFlag.DIPOLE), id);
            }
            assertTrue(r.fwhmPx <= 4.0 && r.elongation <= 1.2 && !r.hasFlag(QualityFlag.NEGATIVE_SUBTRACTION), id);
            if (r.truthLabel != TruthLabel.INVALID) {
                assertTrue(r.positionUncertaintyArcsec > 0 && r.valueUncertainty > 0 && r.valueUncertainty < 1, id);
                assertTrue(r.observationTimeNanos <= START + (r.sourceOffset / 1000 + 1) * NightGenerator.CYCLE_NANOS);
                assertTrue("ZTF".equals(r.sourceFacility.toString()) ? r.decDeg > -30 : r.decDeg < 30, id);
            }
            if (r.truthLabel != TruthLabel.ARTIFACT) {
                assertTrue(r.fwhmPx >= 1.5 && r.distanceToEdgePx >= 32, id);
            }
        }
    }

    @Test
    void satelliteTrailsLieOnOneGreatCircleInOneExposure() {
        // Trail points are the artifacts that are neither chip edges, cosmic rays nor hot pixels.
        final Map<Long, List<ObservationRecord>> trails = new HashMap<>();
        for (final ObservationRecord r : records) {
            if (r.truthLabel == TruthLabel.ARTIFACT && r.distanceToEdgePx >= 32 && r.fwhmPx >= 1.5 && !isHotPixel(r)) {
                trails.computeIfAbsent(r.exposureId, k -> new ArrayList<>()).add(r);
            }
        }
        assertTrue(trails.size() > 40, "trails: " + trails.size());
        for (final List<ObservationRecord> trail : trails.values()) {
            assertTrue(trail.size() >= 6 && trail.size() <= 10, "trail of " + trail.size());
            final ObservationRecord first = trail.get(0);
            final ObservationRecord last = trail.get(trail.size() - 1);
            final double spanDeg = SkyMath.angularSeparationArcsec(first.raDeg, first.decDeg, last.raDeg, last.decDeg) / 3600;
            assertTrue(spanDeg >= 1.0, "span " + spanDeg);
            final double[] n = cross(unit(first), unit(last));
            final double norm = Math.sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
            for (final ObservationRecord p : trail) {
                final double[] u = unit(p);
                final double offArcsec = Math.toDegrees(Math.asin(Math.abs(u[0] * n[0] + u[1] * n[1] + u[2] * n[2]) / norm)) * 3600;
                assertTrue(offArcsec <= 1.0, p.observationId + " is " + offArcsec + "\" off the great circle");
                assertEquals(first.exposureId, p.exposureId);
                assertEquals(first.observationTimeNanos, p.observationTimeNanos);
                assertEquals(1, p.detectionCount);
            }
        }
    }

    @Test
    void hotPixelsRepeatOnTheDetectorAtDifferentSkyPositions() {
        final Map<String, Set<Long>> exposures = new HashMap<>();
        final Map<String, List<ObservationRecord>> groups = new HashMap<>();
        for (final ObservationRecord r : records) {
            if (r.truthLabel == TruthLabel.ARTIFACT && isHotPixel(r)) {
                final String key = r.sourceFacility + "/" + hotPixelIndex(r);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                exposures.computeIfAbsent(key, k -> new HashSet<>()).add(r.exposureId);
            }
        }
        assertEquals(NightGenerator.ZTF_HOT_PIXELS + NightGenerator.RUBIN_HOT_PIXELS, groups.size(), groups.keySet().toString());
        for (final Map.Entry<String, List<ObservationRecord>> g : groups.entrySet()) {
            final List<ObservationRecord> list = g.getValue();
            assertTrue(exposures.get(g.getKey()).size() >= 3);
            final ObservationRecord a = list.get(0);
            int farApart = 0;
            for (final ObservationRecord b : list) {
                assertTrue(Math.abs(a.detectorX - b.detectorX) <= 2 && Math.abs(a.detectorY - b.detectorY) <= 2);
                farApart += SkyMath.angularSeparationArcsec(a.raDeg, a.decDeg, b.raDeg, b.decDeg) > 60 ? 1 : 0;
            }
            assertTrue(farApart >= 2, g.getKey());
        }
    }

    @Test
    void supernovaeSitNearAGalaxyAndRiseSlowly() {
        final ConeResult cone = new ConeResult();
        int n = 0;
        for (final ObservationRecord r : records) {
            if (r.truthLabel != TruthLabel.SUPERNOVA_LIKE) {
                continue;
            }
            n++;
            boolean host = false;
            catalog.search(r.raDeg, r.decDeg, 8.01, cone);
            for (int k = 0; k < cone.size(); k++) {
                host |= catalog.type(cone.index(k)) == SourceType.GALAXY && cone.separationArcsec(k) >= 2.49;
            }
            assertTrue(host, r.observationId.toString());
            final double dt = (r.observationTimeNanos - r.previousTimeNanos) / DAY;
            final double fainter = r.previousMag - r.value;
            assertTrue(dt >= 1 && dt <= 3 && fainter >= 0.05 && fainter <= 0.2);
        }
        assertTrue(n > 10_000);
    }

    private static boolean isHotPixel(final ObservationRecord r) {
        return hotPixelIndex(r) >= 0;
    }

    private static int hotPixelIndex(final ObservationRecord r) {
        final Facility f = "ZTF".equals(r.sourceFacility.toString()) ? Facility.ZTF : Facility.RUBIN;
        for (int h = 0; h < night.hotDetector[f.ordinal()].length; h++) {
            if (night.hotDetector[f.ordinal()][h] == r.detectorId && Math.abs(night.hotX[f.ordinal()][h] - r.detectorX) <= 1
                    && Math.abs(night.hotY[f.ordinal()][h] - r.detectorY) <= 1) {
                return h;
            }
        }
        return -1;
    }

    private static void assertNoCatalogSourceWithin(final ObservationRecord r, final double arcsec) {
        assertEquals(0, catalog.search(r.raDeg, r.decDeg, arcsec, new ConeResult()), r.observationId.toString());
    }

    private static double[] unit(final ObservationRecord r) {
        final double[] v = new double[3];
        SkyMath.unitVector(r.raDeg, r.decDeg, v);
        return v;
    }

    private static double[] cross(final double[] a, final double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    @Test
    void differentFacilitiesHaveTheirOwnFields() {
        for (final ObservationRecord r : records) {
            switch (r.sourceFacility.toString()) {
                case "VLASS":
                    assertEquals(MeasurementType.RADIO, r.measurementType);
                    assertEquals(3.0, r.frequencyGhz);
                    break;
                case "Swift-XRT":
                    assertEquals(MeasurementType.XRAY, r.measurementType);
                    assertTrue(r.energyLowKev == 0.3 && r.energyHighKev == 10.0);
                    break;
                case "Rubin":
                    assertTrue(Double.isNaN(r.realBogus) && !Double.isNaN(r.reliability));
                    break;
                default:
                    assertTrue(!Double.isNaN(r.realBogus) && Double.isNaN(r.reliability));
            }
            assertNotEquals(TruthLabel.NONE, r.truthLabel);
            assertEquals(ObservationRecord.NO_TIME, r.receivedTimeNanos);
            assertEquals("generator", r.adapter.toString());
        }
    }
}
