package org.skyring.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticCatalogTest {

    private static final int COUNT = 100_000;

    @Test
    void sameSeedGivesTheSameCatalogSourceForSource() {
        SkyCatalog a = SyntheticCatalog.generate(5_000, 99L);
        SkyCatalog b = SyntheticCatalog.generate(5_000, 99L);

        assertEquals("synthetic-5000-99", a.version());
        assertEquals(a.version(), b.version());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.sourceId(i), b.sourceId(i));
            assertEquals(Double.doubleToLongBits(a.raDeg(i)), Double.doubleToLongBits(b.raDeg(i)));
            assertEquals(Double.doubleToLongBits(a.decDeg(i)), Double.doubleToLongBits(b.decDeg(i)));
            assertEquals(Double.doubleToLongBits(a.mag(i)), Double.doubleToLongBits(b.mag(i)));
            assertEquals(a.type(i), b.type(i));
        }
    }

    @Test
    void differentSeedsGiveDifferentSkies() {
        SkyCatalog a = SyntheticCatalog.generate(1_000, 1L);
        SkyCatalog b = SyntheticCatalog.generate(1_000, 2L);
        assertNotEquals(a.version(), b.version());
        int samePositions = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.raDeg(i) == b.raDeg(i) && a.decDeg(i) == b.decDeg(i)) {
                samePositions++;
            }
        }
        assertEquals(0, samePositions);
    }

    @Test
    void isDenserNearTheGalacticPlane() {
        SkyCatalog catalog = SyntheticCatalog.generate(COUNT, 5L);
        double[] lb = new double[2];
        int nearPlane = 0;
        int highLatitude = 0;
        for (int i = 0; i < catalog.size(); i++) {
            SkyMath.equatorialToGalactic(catalog.raDeg(i), catalog.decDeg(i), lb);
            double absB = Math.abs(lb[1]);
            if (absB < 10) {
                nearPlane++;
            } else if (absB > 30) {
                highLatitude++;
            }
        }
        // Per unit solid angle: |b| < 10 covers sin(10 deg) of the sky, |b| > 30 covers 1 - sin(30 deg).
        double planeDensity = nearPlane / Math.sin(Math.toRadians(10));
        double highDensity = highLatitude / (1 - Math.sin(Math.toRadians(30)));
        assertTrue(planeDensity > 3 * highDensity, "plane " + planeDensity + " vs high latitude " + highDensity);
    }

    @Test
    void typeMixAndMagnitudesAreAsDocumented() {
        SkyCatalog catalog = SyntheticCatalog.generate(COUNT, 8L);
        Map<SourceType, Integer> counts = new EnumMap<>(SourceType.class);
        int faintHalf = 0;
        for (int i = 0; i < catalog.size(); i++) {
            counts.merge(catalog.type(i), 1, Integer::sum);
            double mag = catalog.mag(i);
            assertTrue(mag >= 8.0 && mag <= 21.0, "mag " + mag);
            if (mag > 14.5) {
                faintHalf++;
            }
        }
        assertShare(counts, SourceType.STAR, 0.70);
        assertShare(counts, SourceType.VARIABLE_STAR, 0.10);
        assertShare(counts, SourceType.GALAXY, 0.15);
        assertShare(counts, SourceType.AGN, 0.02);
        assertShare(counts, SourceType.CATACLYSMIC_VARIABLE, 0.01);
        assertShare(counts, SourceType.OTHER, 0.02);
        assertTrue(faintHalf > COUNT * 0.9, "faint sources should dominate, got " + faintHalf);
    }

    @Test
    void idsAreSynAndTheirIndex() {
        SkyCatalog catalog = SyntheticCatalog.generate(50, 1L);
        boolean[] seen = new boolean[50];
        for (int i = 0; i < catalog.size(); i++) {
            String id = catalog.sourceId(i);
            assertTrue(id.startsWith("SYN "), id);
            seen[Integer.parseInt(id.substring(4))] = true;
        }
        for (boolean s : seen) {
            assertTrue(s);
        }
    }

    private static void assertShare(Map<SourceType, Integer> counts, SourceType type, double share) {
        double actual = counts.getOrDefault(type, 0) / (double) COUNT;
        assertEquals(share, actual, 0.005, type.name());
    }
}
