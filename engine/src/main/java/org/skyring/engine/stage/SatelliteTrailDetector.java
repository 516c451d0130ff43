package org.skyring.engine.stage;

import org.skyring.catalog.SkyMath;

/**
 * Finds satellite trails: several single detections of one exposure on one great circle (Fink tracklets).
 * For each new single detection P of an exposure it tries the great circle through P and each earlier single
 * detection Q of that exposure, and counts the earlier detections within the offset of that circle.
 *
 * <p>Streaming and deterministic: the detection that completes a trail, and every later one on it, is flagged;
 * the first (min - 1) detections of a trail have already been decided when it becomes visible (the design's
 * deferred re-classification is where they are revisited). Work is O(n^2) in the single detections kept per
 * exposure, which is bounded by config; exposures are direct-mapped into a fixed table; nothing is allocated.
 */
final class SatelliteTrailDetector {
    private static final int EXPOSURE_SLOTS = 256;

    private final int maxPerExposure;
    private final int minDetections;
    private final double sinMaxOffset;
    private final long[] exposureKeys = new long[EXPOSURE_SLOTS];
    private final int[] counts = new int[EXPOSURE_SLOTS];
    private final double[] xyz;
    private final double[] p = new double[3];
    private final double[] normal = new double[3];

    SatelliteTrailDetector(final int maxPerExposure, final int minDetections, final double maxOffsetArcsec) {
        this.maxPerExposure = maxPerExposure;
        this.minDetections = minDetections;
        this.sinMaxOffset = Math.sin(maxOffsetArcsec * SkyMath.RADIANS_PER_ARCSEC);
        this.xyz = new double[EXPOSURE_SLOTS * maxPerExposure * 3];
        java.util.Arrays.fill(exposureKeys, Long.MIN_VALUE);
    }

    /** Returns true when this detection lies on a trail of at least minDetections; then remembers it. */
    boolean observe(final long exposureKey, final double raDeg, final double decDeg) {
        final int slot = (int) ((exposureKey ^ (exposureKey >>> 32)) & (EXPOSURE_SLOTS - 1));
        if (exposureKeys[slot] != exposureKey) {
            exposureKeys[slot] = exposureKey;
            counts[slot] = 0;
        }
        SkyMath.unitVector(raDeg, decDeg, p);
        final int n = counts[slot];
        final int base = slot * maxPerExposure * 3;
        boolean onTrail = false;
        for (int i = 0; i < n && !onTrail; i++) {
            final int qi = base + i * 3;
            normal[0] = p[1] * xyz[qi + 2] - p[2] * xyz[qi + 1];
            normal[1] = p[2] * xyz[qi] - p[0] * xyz[qi + 2];
            normal[2] = p[0] * xyz[qi + 1] - p[1] * xyz[qi];
            final double len = Math.sqrt(normal[0] * normal[0] + normal[1] * normal[1] + normal[2] * normal[2]);
            if (len < 1e-9) {
                continue; // same point: defines no circle
            }
            int onCircle = 2; // P and Q
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                final int qj = base + j * 3;
                final double dist = (normal[0] * xyz[qj] + normal[1] * xyz[qj + 1] + normal[2] * xyz[qj + 2]) / len;
                if (Math.abs(dist) <= sinMaxOffset) {
                    onCircle++;
                }
            }
            onTrail = onCircle >= minDetections;
        }
        if (n < maxPerExposure) {
            final int at = base + n * 3;
            xyz[at] = p[0];
            xyz[at + 1] = p[1];
            xyz[at + 2] = p[2];
            counts[slot] = n + 1;
        }
        return onTrail;
    }
}
