package org.skyring.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * One million random cones on 100,000 sources, each compared with an independent exhaustive answer: identical
 * match sets, identical order, bit-identical separations.
 *
 * <p>The reference does not share the grid: it sorts sources by the z of their unit vector and tests exactly
 * those with |z - z_query| <= chord(radius) (any point within the cone satisfies it, since |dz| <= |chord|),
 * recomputing each separation from RA/Dec with {@link SkyMath#angularSeparationArcsec}. That bound is what
 * makes a million exhaustive answers affordable; {@link #zBandIsItselfExhaustive} proves the bound drops
 * nothing against a full linear scan.
 */
class ConeSearchPropertyTest {

    private static final int SOURCES = 100_000;
    /** The issue asks for at least a million; a system property may raise it, never lower it. */
    private static final int QUERIES = Math.max(1_000_000, Integer.getInteger("skyring.property.queries", 0));
    /** Sources in the clusters: dense enough to fill every cone, few enough that 1800" cones stay affordable. */
    private static final int CLUSTERED = 5_100;
    /** Exact duplicates and sources exactly on the poles (part of CLUSTERED). */
    private static final int DUPLICATES = 200;

    /** Uniform sky plus clusters at both poles, across RA 0/360 (equator, +60, -45) and exact duplicates. */
    static SkyCatalog clusteredCatalog(SplittableRandom random) {
        SkyCatalog.Builder builder = new SkyCatalog.Builder();
        int n = 0;
        while (n < SOURCES - CLUSTERED) {
            builder.add("U " + n++, 360 * random.nextDouble(), asinDeg(2 * random.nextDouble() - 1), SourceType.STAR, 12);
        }
        double[][] clusters = {{0, 90}, {0, -90}, {0, 0}, {359.99, 60}, {0.01, -45}, {180, 89.99}, {77, -89.97}};
        int perCluster = (SOURCES - n - DUPLICATES) / clusters.length;
        for (double[] c : clusters) {
            for (int i = 0; i < perCluster; i++) {
                // Spread from ~1" to ~18', so small and large cones both find neighbours, not thousands.
                double spread = Math.pow(10, -3.5 + 3 * random.nextDouble());
                double dec = clampDec(c[1] + spread * random.nextGaussian());
                double cos = Math.max(1e-9, Math.cos(Math.toRadians(dec)));
                builder.add("C " + n++, c[0] + spread * random.nextGaussian() / cos, dec, SourceType.GALAXY, 15);
            }
        }
        while (n < SOURCES) { // exact duplicates and sources exactly on the poles and on RA 0
            double ra = random.nextInt(4) * 90.0;
            double dec = new double[] {90, -90, 0, 45}[random.nextInt(4)];
            builder.add("D " + n++, ra, dec, SourceType.OTHER, 9);
        }
        return builder.build("property");
    }

    @Test
    void millionRandomConesMatchTheExhaustiveAnswer() {
        SplittableRandom random = new SplittableRandom(20261204L);
        SkyCatalog catalog = clusteredCatalog(random);
        assertEquals(SOURCES, catalog.size());
        ZBand reference = new ZBand(catalog);
        ConeResult result = new ConeResult(16);
        int[] expected = new int[SOURCES];
        double[] expectedSep = new double[SOURCES];
        long totalMatches = 0;
        int nonEmpty = 0;
        long searchNanos = 0;
        long referenceNanos = 0;
        for (int q = 0; q < QUERIES; q++) {
            double radius = radius(random);
            double[] centre = centre(random, catalog, radius, q);
            long t0 = System.nanoTime();
            int found = catalog.search(centre[0], centre[1], radius, result);
            long t1 = System.nanoTime();
            int want = reference.search(centre[0], centre[1], radius, expected, expectedSep);
            referenceNanos += System.nanoTime() - t1;
            searchNanos += t1 - t0;
            if (found != want) {
                throw new AssertionError("query " + q + " ra=" + centre[0] + " dec=" + centre[1] + " r=" + radius
                    + ": found " + found + " expected " + want);
            }
            for (int k = 0; k < found; k++) {
                if (result.index(k) != expected[k] || result.separationArcsec(k) != expectedSep[k]) {
                    throw new AssertionError("query " + q + " ra=" + centre[0] + " dec=" + centre[1] + " r=" + radius
                        + " match " + k + ": got " + result.index(k) + "@" + result.separationArcsec(k)
                        + " expected " + expected[k] + "@" + expectedSep[k]);
                }
            }
            totalMatches += found;
            nonEmpty += found > 0 ? 1 : 0;
        }
        System.out.printf("%d cones: index %.1f s, exhaustive reference %.1f s, %d matches%n", QUERIES,
            searchNanos / 1e9, referenceNanos / 1e9, totalMatches);
        // Guards the test: most cones must contain sources, or agreement proves little.
        assertTrue(nonEmpty > QUERIES * 4 / 10, "non-empty cones: " + nonEmpty);
        assertTrue(totalMatches > QUERIES, "matches: " + totalMatches);
    }

    @Test
    void zBandIsItselfExhaustive() {
        SplittableRandom random = new SplittableRandom(77);
        SkyCatalog catalog = clusteredCatalog(random);
        ZBand reference = new ZBand(catalog);
        int[] band = new int[SOURCES];
        double[] bandSep = new double[SOURCES];
        for (int q = 0; q < 300; q++) {
            double radius = radius(random);
            double[] c = centre(random, catalog, radius, q);
            int n = reference.search(c[0], c[1], radius, band, bandSep);
            long[] full = ConeSearchTest.bruteForce(catalog, c[0], c[1], radius);
            assertEquals(full.length, n, "query " + q);
            for (int k = 0; k < n; k++) {
                assertEquals(full[k], band[k], "query " + q + " match " + k);
            }
        }
    }

    /** 92% log-uniform 0.1"-30" (cross-match radii), 8% log-uniform 30"-1800" (watchlists, hosts). */
    private static double radius(SplittableRandom random) {
        return random.nextInt(100) < 92 ? 0.1 * Math.pow(300, random.nextDouble())
            : 30 * Math.pow(60, random.nextDouble());
    }

    private static double[] centre(SplittableRandom random, SkyCatalog catalog, double radius, int q) {
        switch (q % 6) {
            case 0:
                return new double[] {360 * random.nextDouble(), asinDeg(2 * random.nextDouble() - 1)};
            case 1:
            case 2: { // near a source (clusters are half the catalog), offset ~ the radius
                int i = random.nextInt(catalog.size());
                double offset = radius / 3600 * random.nextGaussian();
                double dec = clampDec(catalog.decDeg(i) + offset * random.nextGaussian());
                double cos = Math.max(1e-9, Math.cos(Math.toRadians(dec)));
                return new double[] {catalog.raDeg(i) + offset * random.nextGaussian() / cos, dec};
            }
            case 3: { // near or on a pole
                double sign = random.nextBoolean() ? 1 : -1;
                double dec = random.nextInt(8) == 0 ? 90 : 90 - Math.pow(10, -7 + 7 * random.nextDouble());
                return new double[] {360 * random.nextDouble(), sign * dec};
            }
            case 4: // either side of RA 0/360, including RA outside [0, 360) that the search must wrap
                return new double[] {(random.nextDouble() - 0.5) * 0.05 + (random.nextBoolean() ? 0 : 360)
                    + (random.nextInt(10) == 0 ? 720 : 0), clampDec(random.nextGaussian() * 50)};
            default: { // exactly on a source
                int i = random.nextInt(catalog.size());
                return new double[] {catalog.raDeg(i), catalog.decDeg(i)};
            }
        }
    }

    /** Sources sorted by unit-vector z; a cone can only contain sources whose z is within its chord. */
    static final class ZBand {
        private final SkyCatalog catalog;
        private final double[] z;
        private final double[] x;
        private final double[] y;
        private final int[] index;

        ZBand(SkyCatalog catalog) {
            this.catalog = catalog;
            int n = catalog.size();
            double[] unit = new double[3];
            double[] zs = new double[n];
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                SkyMath.unitVector(catalog.raDeg(i), catalog.decDeg(i), unit);
                xs[i] = unit[0];
                ys[i] = unit[1];
                zs[i] = unit[2];
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(zs[a], zs[b]));
            z = new double[n];
            x = new double[n];
            y = new double[n];
            index = new int[n];
            for (int k = 0; k < n; k++) {
                z[k] = zs[order[k]];
                x[k] = xs[order[k]];
                y[k] = ys[order[k]];
                index[k] = order[k];
            }
        }

        /** Matches into idx/sep ordered by separation then index; returns the count. */
        int search(double ra, double dec, double radius, int[] idx, double[] sep) {
            double[] q = new double[3];
            SkyMath.unitVector(ra, dec, q);
            double chord = 2 * Math.sin(Math.toRadians(radius / 3600) / 2) * (1 + 1e-6) + 1e-12;
            int from = lowerBound(q[2] - chord);
            int n = 0;
            for (int k = from; k < z.length && z[k] <= q[2] + chord; k++) {
                double dx = x[k] - q[0];
                double dy = y[k] - q[1];
                double dz = z[k] - q[2];
                if (dx * dx + dy * dy + dz * dz > chord * chord) {
                    continue; // outside the (slightly widened) chord: cannot be within the radius
                }
                int i = index[k];
                double s = SkyMath.angularSeparationArcsec(ra, dec, catalog.raDeg(i), catalog.decDeg(i));
                if (s <= radius) {
                    idx[n] = i;
                    sep[n] = s;
                    n++;
                }
            }
            // Order by (separation, index): a comparator sort on boxed indices, plain and obviously right.
            Integer[] order = new Integer[n];
            for (int k = 0; k < n; k++) {
                order[k] = k;
            }
            Arrays.sort(order, (a, b) -> sep[a] != sep[b] ? Double.compare(sep[a], sep[b]) : Integer.compare(idx[a], idx[b]));
            int[] sortedIdx = new int[n];
            double[] sortedSep = new double[n];
            for (int k = 0; k < n; k++) {
                sortedIdx[k] = idx[order[k]];
                sortedSep[k] = sep[order[k]];
            }
            System.arraycopy(sortedIdx, 0, idx, 0, n);
            System.arraycopy(sortedSep, 0, sep, 0, n);
            return n;
        }

        private int lowerBound(double v) {
            int lo = 0;
            int hi = z.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (z[mid] < v) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    private static double asinDeg(double v) {
        return Math.toDegrees(Math.asin(v));
    }

    private static double clampDec(double dec) {
        return Math.max(-90, Math.min(90, dec));
    }
}
