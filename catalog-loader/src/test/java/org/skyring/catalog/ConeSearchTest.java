package org.skyring.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConeSearchTest {

    private static final int QUERIES = 600;

    static Stream<Arguments> seedsAndGrids() {
        List<Arguments> cases = new ArrayList<>();
        // 1800 = production grid; 12 = zones far taller than any cone; 3600 = cones spanning ~20 zones.
        for (int zoneCount : new int[] {1800, 12, 3600}) {
            for (long seed : new long[] {1L, 7L, 42L, 2024L}) {
                cases.add(Arguments.of(seed, zoneCount));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "seed={0} zones={1}")
    @MethodSource("seedsAndGrids")
    void matchesBruteForceInMembershipAndOrder(long seed, int zoneCount) {
        SplittableRandom random = new SplittableRandom(seed);
        SkyCatalog catalog = hardCatalog(random, new SkyCatalog.Builder(zoneCount));
        ConeResult result = new ConeResult(4);
        int queriesWithMatches = 0;
        for (int q = 0; q < QUERIES; q++) {
            double radius = 0.1 * Math.pow(18000.0, random.nextDouble()); // log-uniform 0.1" .. 1800"
            double[] centre = queryCentre(random, catalog, radius, q % 5);
            String where = "query " + q + " ra=" + centre[0] + " dec=" + centre[1] + " r=" + radius;

            int found = catalog.search(centre[0], centre[1], radius, result);

            long[] expected = bruteForce(catalog, centre[0], centre[1], radius);
            assertEquals(expected.length, found, where);
            assertEquals(found, result.size(), where);
            int[] actualIndices = new int[found];
            int[] expectedIndices = new int[found];
            for (int k = 0; k < found; k++) {
                actualIndices[k] = result.index(k);
                expectedIndices[k] = (int) expected[k];
                double separation = SkyMath.angularSeparationArcsec(centre[0], centre[1],
                    catalog.raDeg(expectedIndices[k]), catalog.decDeg(expectedIndices[k]));
                assertEquals(separation, result.separationArcsec(k), 0.0, where);
            }
            assertArrayEquals(expectedIndices, actualIndices, where);
            if (found > 0) {
                queriesWithMatches++;
            }
        }
        // Guards the test itself: most cones must actually contain sources or it proves nothing.
        assertTrue(queriesWithMatches > QUERIES / 2, "only " + queriesWithMatches + " queries matched anything");
    }

    @Test
    void findsSourceAcrossRaZeroFromBothSides() {
        SkyCatalog catalog = new SkyCatalog.Builder()
            .add("west", 359.9999, 0.0, SourceType.STAR, 10)
            .add("east", 0.0001, 0.0, SourceType.STAR, 10)
            .build("t");
        ConeResult result = new ConeResult();

        assertEquals(2, catalog.search(0.0, 0.0, 0.5, result));
        assertEquals(1, catalog.search(0.0001, 0.0, 0.5, result));
        assertEquals("east", catalog.sourceId(result.index(0)));
        assertEquals(2, catalog.search(359.99995, 0.0, 0.72, result));
        assertEquals("west", catalog.sourceId(result.index(0)));
        assertEquals(0.54, result.separationArcsec(1), 1e-9);
    }

    @Test
    void findsSourcesOnTheFarSideOfEitherPole() {
        SkyCatalog catalog = new SkyCatalog.Builder()
            .add("north-far", 180.0, 89.9999, SourceType.STAR, 10)
            .add("north-pole", 123.0, 90.0, SourceType.STAR, 10)
            .add("south-far", 270.0, -89.9999, SourceType.STAR, 10)
            .build("t");
        ConeResult result = new ConeResult();

        assertEquals(2, catalog.search(0.0, 89.9999, 0.8, result));
        assertEquals("north-pole", catalog.sourceId(result.index(0)));
        assertEquals(0.36, result.separationArcsec(0), 1e-9);
        assertEquals(0.72, result.separationArcsec(1), 1e-9);
        assertEquals(1, catalog.search(90.0, -89.9999, 0.73, result));
        assertEquals("south-far", catalog.sourceId(result.index(0)));
        assertEquals(2, catalog.search(0.0, 90.0, 0.37, result), "cone centred on the pole");
    }

    @Test
    void ordersEqualSeparationsByIndex() {
        SkyCatalog.Builder builder = new SkyCatalog.Builder();
        for (int i = 0; i < 40; i++) {
            builder.add("dup " + i, 10.0, 20.0, SourceType.STAR, 10); // > insertion-sort cutoff: heapsort path
        }
        SkyCatalog catalog = builder.build("t");
        ConeResult result = new ConeResult(1);

        assertEquals(40, catalog.search(10.0, 20.0, 1.0, result));
        assertTrue(result.capacity() >= 40, "result grew");
        for (int k = 0; k < 40; k++) {
            assertEquals(k, result.index(k));
        }
    }

    @Test
    void clearsPreviousResults() {
        SkyCatalog catalog = new SkyCatalog.Builder().add("a", 10, 10, SourceType.STAR, 10).build("t");
        ConeResult result = new ConeResult();
        catalog.search(10, 10, 1, result);

        assertEquals(0, catalog.search(50, 10, 1, result));
        assertThrows(IndexOutOfBoundsException.class, () -> result.index(0));
    }

    @Test
    void rejectsCentreOrRadiusOutOfRange() {
        SkyCatalog catalog = new SkyCatalog.Builder().build("t");
        ConeResult result = new ConeResult();
        assertThrows(IllegalArgumentException.class, () -> catalog.search(0, 90.5, 1, result));
        assertThrows(IllegalArgumentException.class, () -> catalog.search(Double.NaN, 0, 1, result));
        assertThrows(IllegalArgumentException.class, () -> catalog.search(0, Double.NaN, 1, result));
        assertThrows(IllegalArgumentException.class, () -> catalog.search(0, 0, -1, result));
        assertThrows(IllegalArgumentException.class, () -> catalog.search(0, 0, Double.NaN, result));
    }

    /** Uniform sky plus dense clumps at the awkward places: RA 0/360, both poles, exact duplicates. */
    static SkyCatalog hardCatalog(SplittableRandom random, SkyCatalog.Builder builder) {
        int n = 0;
        for (int i = 0; i < 2000; i++) {
            builder.add("U " + n++, 360 * random.nextDouble(), asinDeg(2 * random.nextDouble() - 1),
                SourceType.STAR, 12);
        }
        double[][] clumps = {{0, 0}, {0, 45}, {0, -70}, {180, 89.9}, {0, 90}, {0, -90}, {90, -89.95}, {200, 10}};
        for (double[] clump : clumps) {
            for (int i = 0; i < 400; i++) {
                // Mostly within arcseconds to arcminutes, so small cones still find neighbours.
                double spreadDeg = Math.pow(10, -4 + 4 * random.nextDouble()) * random.nextGaussian();
                double dec = clampDec(clump[1] + spreadDeg * random.nextGaussian());
                double cos = Math.max(1e-6, Math.cos(Math.toRadians(dec)));
                double ra = clump[0] + spreadDeg * random.nextGaussian() / cos;
                builder.add("C " + n++, ra, dec, SourceType.GALAXY, 15);
            }
        }
        for (double ra : new double[] {0.0, 359.99999999999, 1e-13, 180.0, 359.5}) {
            builder.add("E " + n++, ra, 90.0, SourceType.OTHER, 9);
            builder.add("E " + n++, ra, -90.0, SourceType.OTHER, 9);
            builder.add("E " + n++, ra, 0.0, SourceType.OTHER, 9);
            builder.add("E " + n++, ra, 0.0, SourceType.OTHER, 9); // exact duplicate
        }
        return builder.build("hard");
    }

    private static double[] queryCentre(SplittableRandom random, SkyCatalog catalog, double radius, int kind) {
        switch (kind) {
            case 0: // uniform on the sphere
                return new double[] {360 * random.nextDouble(), asinDeg(2 * random.nextDouble() - 1)};
            case 1: { // near a source, offset by up to ~1.5 radius, so tiny cones can hit
                int i = random.nextInt(catalog.size());
                double offset = 1.5 * radius / 3600 * random.nextGaussian();
                double dec = clampDec(catalog.decDeg(i) + offset * random.nextDouble());
                double cos = Math.max(1e-6, Math.cos(Math.toRadians(dec)));
                return new double[] {catalog.raDeg(i) + offset * random.nextGaussian() / cos, dec};
            }
            case 2: { // within a degree of a pole, sometimes exactly on it
                double sign = random.nextBoolean() ? 1 : -1;
                double dec = random.nextInt(10) == 0 ? 90 : 90 - Math.pow(10, -6 + 6 * random.nextDouble());
                return new double[] {360 * random.nextDouble(), sign * dec};
            }
            case 3: // just either side of RA 0/360, including out-of-range RA the search must wrap
                return new double[] {(random.nextDouble() - 0.5) * 0.2 + (random.nextBoolean() ? 0 : 360),
                    clampDec(random.nextGaussian() * 60)};
            default: // exactly on a source
                int i = random.nextInt(catalog.size());
                return new double[] {catalog.raDeg(i), catalog.decDeg(i)};
        }
    }

    /** Indices within the radius, ordered by separation then index: the specification of search. */
    static long[] bruteForce(SkyCatalog catalog, double ra, double dec, double radius) {
        List<double[]> hits = new ArrayList<>();
        for (int i = 0; i < catalog.size(); i++) {
            double separation = SkyMath.angularSeparationArcsec(ra, dec, catalog.raDeg(i), catalog.decDeg(i));
            if (separation <= radius) {
                hits.add(new double[] {separation, i});
            }
        }
        hits.sort(Comparator.<double[]>comparingDouble(h -> h[0]).thenComparingDouble(h -> h[1]));
        return hits.stream().mapToLong(h -> (long) h[1]).toArray();
    }

    private static double asinDeg(double v) {
        return Math.toDegrees(Math.asin(v));
    }

    private static double clampDec(double dec) {
        return Math.max(-90, Math.min(90, dec));
    }
}
