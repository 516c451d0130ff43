package org.skyring.catalog;

/**
 * Declination zones cut into RA cells, numbered so that cell ids increase with zone and then with RA.
 * A catalog sorted by cell id therefore stores each cell, and each run of adjacent cells within a zone,
 * as one contiguous index range: a cone search scans at most two ranges per zone (two when it wraps RA 0/360).
 *
 * <p>Cells are about as wide (true angle at the zone centre) as they are tall, so every zone costs about the
 * same per query. The two zones touching a pole have a single cell each, because near a pole every RA is
 * within a few arcminutes of every other.
 *
 * <p>The default zone height, 6 arcmin (1800 zones, ~4.1 M cells, a 16 MB offset table), is set by the hot
 * query, a 2 arcsec known-object match: at galactic-plane densities of a 10 M-source catalog (~1000 per square
 * degree) a 6' x 6' cell holds ~10 sources, so the query tests tens of candidates in 1-4 cells. Coarser cells
 * test proportionally more candidates; finer ones quadruple the offset table (and the persisted cell keys)
 * per halving while the 2" query barely gets cheaper. The widest query, 1800", spans ~11 zones, one or two
 * range look-ups each.
 */
final class SkyGrid {

    static final int DEFAULT_ZONE_COUNT = 1800;

    private final int zoneCount;
    private final double zoneHeightDeg;
    private final int[] cellsInZone;
    private final int[] firstCellOfZone;
    /** RA width of a cell per zone; one stored value so indexing and searching divide by the same double. */
    private final double[] cellWidthDeg;

    SkyGrid(int zoneCount) {
        if (zoneCount < 2) {
            throw new IllegalArgumentException("zoneCount must be >= 2, was " + zoneCount);
        }
        this.zoneCount = zoneCount;
        this.zoneHeightDeg = 180.0 / zoneCount;
        this.cellsInZone = new int[zoneCount];
        this.firstCellOfZone = new int[zoneCount + 1];
        this.cellWidthDeg = new double[zoneCount];
        long total = 0;
        for (int z = 0; z < zoneCount; z++) {
            int cells = 1;
            if (z != 0 && z != zoneCount - 1) {
                double centreDec = -90.0 + (z + 0.5) * zoneHeightDeg;
                double width = 360.0 * StrictMath.cos(Math.toRadians(centreDec)) / zoneHeightDeg;
                cells = Math.max(1, (int) Math.floor(width));
            }
            cellsInZone[z] = cells;
            cellWidthDeg[z] = 360.0 / cells;
            firstCellOfZone[z] = (int) total;
            total += cells;
            if (total >= Integer.MAX_VALUE) {
                throw new IllegalArgumentException("zoneCount " + zoneCount + " gives too many cells");
            }
        }
        firstCellOfZone[zoneCount] = (int) total;
    }

    int zoneCount() {
        return zoneCount;
    }

    double zoneHeightDeg() {
        return zoneHeightDeg;
    }

    int cellCount() {
        return firstCellOfZone[zoneCount];
    }

    int cellsInZone(int zone) {
        return cellsInZone[zone];
    }

    int firstCellOfZone(int zone) {
        return firstCellOfZone[zone];
    }

    double cellWidthDeg(int zone) {
        return cellWidthDeg[zone];
    }

    /** Solid angle of {@code cell} in square degrees: its zone's band area shared equally by the zone's cells. */
    double cellAreaSqDeg(int cell) {
        int lo = 0;
        int hi = zoneCount - 1;
        while (lo < hi) { // last zone whose first cell is <= cell
            int mid = (lo + hi + 1) >>> 1;
            if (firstCellOfZone[mid] <= cell) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        double decLo = Math.toRadians(-90.0 + lo * zoneHeightDeg);
        double decHi = Math.toRadians(-90.0 + (lo + 1) * zoneHeightDeg);
        double bandSr = 2.0 * Math.PI * (StrictMath.sin(decHi) - StrictMath.sin(decLo));
        return bandSr * (180.0 / Math.PI) * (180.0 / Math.PI) / cellsInZone[lo];
    }

    /** Zone holding declination {@code decDeg}; values beyond the poles clamp to the polar zones. */
    int zoneOf(double decDeg) {
        int zone = (int) Math.floor((decDeg + 90.0) / zoneHeightDeg);
        return Math.max(0, Math.min(zoneCount - 1, zone));
    }

    /** Global cell id of a position; {@code raDeg} must already be in [0, 360). */
    int cellOf(double raDeg, double decDeg) {
        int zone = zoneOf(decDeg);
        int inZone = (int) (raDeg / cellWidthDeg[zone]);
        return firstCellOfZone[zone] + Math.min(inZone, cellsInZone[zone] - 1);
    }
}
