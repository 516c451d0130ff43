package org.skyring.engine.stage;

import org.skyring.catalog.SkyMath;

/**
 * Remembers recent detections by detector position, to spot a hot pixel: the same detector (x, y) firing at
 * several different sky positions. Fixed-size and direct-mapped (a newer cell evicts an older one that hashes
 * to the same slot), so memory and work are bounded and nothing is allocated; a real hot pixel fires again and
 * again, so eviction only delays, never prevents, its detection. Deterministic for a given input order.
 */
final class HotPixelTracker {
    private static final int POSITIONS_PER_CELL = 4;
    private static final long EMPTY = Long.MIN_VALUE;

    private final int mask;
    private final long[] cellKeys;
    private final byte[] counts;
    private final double[] ras;
    private final double[] decs;
    private final double tolerancePx;
    private final double cellSizePx;
    private final double minSeparationArcsec;

    HotPixelTracker(final int slotsPowerOfTwo, final double tolerancePx, final double minSeparationArcsec) {
        final int slots = 1 << slotsPowerOfTwo;
        this.mask = slots - 1;
        this.cellKeys = new long[slots];
        java.util.Arrays.fill(cellKeys, EMPTY);
        this.counts = new byte[slots];
        this.ras = new double[slots * POSITIONS_PER_CELL];
        this.decs = new double[slots * POSITIONS_PER_CELL];
        this.tolerancePx = tolerancePx;
        // Cells as wide as the tolerance: a match within tolerance is always in this cell or a neighbour.
        this.cellSizePx = Math.max(tolerancePx, 0.5);
        this.minSeparationArcsec = minSeparationArcsec;
    }

    /**
     * Counts distinct sky positions (this one included) seen at this detector position, then remembers this one.
     */
    int observe(final long detectorKey, final double x, final double y, final double raDeg, final double decDeg) {
        final long cx = (long) Math.floor(x / cellSizePx);
        final long cy = (long) Math.floor(y / cellSizePx);
        int distinct = 1;
        for (long dx = -1; dx <= 1; dx++) {
            for (long dy = -1; dy <= 1; dy++) {
                final long key = cellKey(detectorKey, cx + dx, cy + dy);
                final int slot = slot(key);
                if (cellKeys[slot] != key) {
                    continue;
                }
                final int n = counts[slot];
                for (int k = 0; k < n; k++) {
                    final int p = slot * POSITIONS_PER_CELL + k;
                    if (SkyMath.angularSeparationArcsec(raDeg, decDeg, ras[p], decs[p]) > minSeparationArcsec) {
                        distinct++;
                    }
                }
            }
        }
        remember(cellKey(detectorKey, cx, cy), raDeg, decDeg);
        return distinct;
    }

    double tolerancePx() {
        return tolerancePx;
    }

    private void remember(final long key, final double raDeg, final double decDeg) {
        final int slot = slot(key);
        if (cellKeys[slot] != key) {
            cellKeys[slot] = key;
            counts[slot] = 0;
        }
        final int n = counts[slot];
        final int k = n < POSITIONS_PER_CELL ? n : (int) (Math.floorMod(Double.doubleToLongBits(raDeg), POSITIONS_PER_CELL));
        ras[slot * POSITIONS_PER_CELL + k] = raDeg;
        decs[slot * POSITIONS_PER_CELL + k] = decDeg;
        if (n < POSITIONS_PER_CELL) {
            counts[slot] = (byte) (n + 1);
        }
    }

    private static long cellKey(final long detectorKey, final long cx, final long cy) {
        return detectorKey * 0x9E3779B97F4A7C15L ^ (cx * 0xC2B2AE3D27D4EB4FL) ^ (cy * 0x165667B19E3779F9L);
    }

    private int slot(final long key) {
        return (int) ((key ^ (key >>> 29)) & mask);
    }
}
