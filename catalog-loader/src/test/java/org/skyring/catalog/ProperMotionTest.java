package org.skyring.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Stars move: a search with an observation epoch matches where they are then, not where they were. */
class ProperMotionTest {

    private static SkyCatalog oneMovingStar(double ra, double dec, double pmRa, double pmDec) {
        SkyCatalog.Builder builder = new SkyCatalog.Builder();
        CatalogEntry e = new CatalogEntry();
        e.id = "mover";
        e.raDeg = ra;
        e.decDeg = dec;
        e.type = SourceType.STAR;
        e.epochJyear = 2000.0;
        e.pmRaMasPerYear = pmRa;
        e.pmDecMasPerYear = pmDec;
        builder.add(e);
        builder.add("still", ra + 0.5, dec, SourceType.STAR, 10);
        return builder.build("pm");
    }

    @Test
    void slowStarIsMatchedAtItsPositionAtTheObservationEpoch() {
        // 500 mas/yr north for 26 years: 13" north of the catalog position.
        SkyCatalog catalog = oneMovingStar(120.0, 30.0, 0.0, 500.0);
        ConeResult r = new ConeResult();
        double movedDec = 30.0 + 13.0 / 3600.0;

        assertEquals(0, catalog.search(120.0, movedDec, 1.0, r), "no epoch: catalog position only");
        assertEquals(1, catalog.search(120.0, movedDec, 1.0, 2026.0, r));
        assertEquals("mover", catalog.sourceId(r.index(0)));
        assertEquals(0.0, r.separationArcsec(0), 1e-6);
        assertEquals(0, catalog.search(120.0, 30.0, 1.0, 2026.0, r), "no longer at its catalog position");
        assertEquals(1, catalog.search(120.0, 30.0, 1.0, 2000.0, r), "at the catalog epoch");
    }

    @Test
    void fastMoverIsFoundFromTheSeparateListAndOnlyOnce() {
        // Barnard's star-like: 10.3"/yr; 30 years = 309" east (on the great circle).
        SkyCatalog catalog = oneMovingStar(269.45, 4.67, 10_300.0, 0.0);
        assertEquals(1, catalog.fastCount());
        double[] moved = new double[3];
        catalog.unitVectorAt(indexOf(catalog, "mover"), 2030.0, moved);
        double ra = Math.toDegrees(Math.atan2(moved[1], moved[0]));
        double dec = Math.toDegrees(Math.asin(moved[2]));
        assertEquals(309.0, SkyMath.angularSeparationArcsec(269.45, 4.67, ra, dec), 0.01);

        ConeResult r = new ConeResult();
        assertEquals(1, catalog.search(ra, dec, 0.5, 2030.0, r));
        assertEquals("mover", catalog.sourceId(r.index(0)));
        // A cone covering both positions still reports the star once, at its moved separation.
        assertEquals(1, catalog.search(269.45, 4.67, 400.0, 2030.0, r));
        assertEquals(309.0, r.separationArcsec(0), 0.01);
    }

    @Test
    void propagationStaysExactThroughThePole() {
        // 1"/yr towards the pole from 5" below it, for 10 years: 5" past it, on the other side (RA + 180).
        SkyCatalog catalog = oneMovingStar(40.0, 90.0 - 5.0 / 3600, 0.0, 999.0);
        ConeResult r = new ConeResult();
        assertEquals(1, catalog.search(220.0, 90.0 - 4.99 / 3600, 0.1, 2010.0, r));
        assertEquals(0.0, r.separationArcsec(0), 0.002);
    }

    @Test
    void epochSearchMatchesBruteForceOverMovedPositions() {
        SkyCatalog catalog = CatalogFileTest.richCatalog(30_000, 21);
        SplittableRandom random = new SplittableRandom(4);
        ConeResult r = new ConeResult();
        double[] v = new double[3];
        int nonEmpty = 0;
        for (int q = 0; q < 300; q++) {
            int centre = random.nextInt(catalog.size());
            double epoch = 1950 + 100 * random.nextDouble();
            catalog.unitVectorAt(centre, epoch, v);
            double ra = Math.toDegrees(Math.atan2(v[1], v[0]));
            double dec = Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, v[2]))));
            double radius = Math.pow(10, -1 + 4 * random.nextDouble()); // 0.1" .. 1000"
            int n = catalog.search(ra, dec, radius, epoch, r);

            double[] q3 = new double[3];
            SkyMath.unitVector(ra, dec, q3);
            List<double[]> expected = new ArrayList<>();
            for (int i = 0; i < catalog.size(); i++) {
                catalog.unitVectorAt(i, epoch, v);
                double dx = q3[0] - v[0];
                double dy = q3[1] - v[1];
                double dz = q3[2] - v[2];
                double sep = SkyMath.chordSquaredToArcsec(dx * dx + dy * dy + dz * dz);
                if (sep <= radius) {
                    expected.add(new double[] {sep, i});
                }
            }
            expected.sort(Comparator.<double[]>comparingDouble(h -> h[0]).thenComparingDouble(h -> h[1]));
            int[] want = expected.stream().mapToInt(h -> (int) h[1]).toArray();
            int[] got = new int[n];
            for (int k = 0; k < n; k++) {
                got[k] = r.index(k);
                assertEquals(expected.get(k)[0], r.separationArcsec(k), 0.0);
            }
            assertArrayEquals(want, got, "query " + q + " epoch " + epoch + " radius " + radius);
            nonEmpty += n > 0 ? 1 : 0;
        }
        assertTrue(nonEmpty >= 250, "queries centred on moved sources find them: " + nonEmpty);
    }

    @Test
    void julianYearOfUnixTime() {
        assertEquals(2000.0, ConeSearch.julianYearOfUnixNanos(946_728_000_000_000_000L), 1e-9); // J2000.0 = 2000-01-01T12:00
        assertEquals(2000.0 + (2440587.5 - 2451545.0) / 365.25, ConeSearch.julianYearOfUnixNanos(0L), 1e-12);
    }

    private static int indexOf(SkyCatalog catalog, String id) {
        for (int i = 0; i < catalog.size(); i++) {
            if (catalog.sourceId(i).equals(id)) {
                return i;
            }
        }
        throw new AssertionError(id);
    }
}
