package org.skyring.catalog;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, versioned sky catalog held in flat primitive arrays, with an exact {@link ConeSearch}.
 *
 * <p>Sources are stored sorted by {@link SkyGrid} cell (stable, so insertion order within a cell), which makes
 * every cell a contiguous index range found through one offset table. Indices are therefore assigned by
 * {@link Builder#build}, not by insertion order; they are stable for a given catalog version. Unit vectors are
 * precomputed so a search does only subtractions and multiplications per candidate.
 *
 * <p>Safe to share between threads once built (all state is final and never written again).
 */
public final class SkyCatalog implements ConeSearch {

    /*
     * Slack added to the radius when choosing which zones and cells to scan, ~3.6 micro-arcsec: far above the
     * ~1e-11" rounding of the separation, so the geometric bound can never exclude a source the exact
     * separation test would accept. It only widens the scan; membership is decided by the separation alone.
     */
    private static final double SCAN_SLACK_DEG = 1e-9;
    /** Relative slack on the squared-chord prefilter, for the same reason. */
    private static final double PREFILTER_SLACK = 1.0 + 1e-9;

    private final String version;
    private final SkyGrid grid;
    private final int[] cellStart;
    private final double[] x;
    private final double[] y;
    private final double[] z;
    private final double[] ra;
    private final double[] dec;
    private final double[] mag;
    private final byte[] types;
    private final String[] ids;

    private SkyCatalog(String version, SkyGrid grid, int[] cellStart, double[] x, double[] y, double[] z,
                       double[] ra, double[] dec, double[] mag, byte[] types, String[] ids) {
        this.version = version;
        this.grid = grid;
        this.cellStart = cellStart;
        this.x = x;
        this.y = y;
        this.z = z;
        this.ra = ra;
        this.dec = dec;
        this.mag = mag;
        this.types = types;
        this.ids = ids;
    }

    /** Version recorded with every decision that used this catalog, so replay can demand the same one. */
    public String version() {
        return version;
    }

    public int size() {
        return ids.length;
    }

    public String sourceId(int i) {
        return ids[i];
    }

    public SourceType type(int i) {
        return SourceType.fromCode(types[i]);
    }

    /** Right ascension in degrees, in [0, 360). */
    public double raDeg(int i) {
        return ra[i];
    }

    public double decDeg(int i) {
        return dec[i];
    }

    /** Magnitude as given to the builder; NaN when the source catalog had none. */
    public double mag(int i) {
        return mag[i];
    }

    @Override
    public int search(double raDeg, double decDeg, double radiusArcsec, ConeResult out) {
        if (!Double.isFinite(raDeg) || !(decDeg >= -90.0 && decDeg <= 90.0)) {
            throw new IllegalArgumentException("cone centre out of range: ra=" + raDeg + " dec=" + decDeg);
        }
        if (!(radiusArcsec >= 0.0 && radiusArcsec <= SkyMath.MAX_RADIUS_ARCSEC)) {
            throw new IllegalArgumentException("radiusArcsec out of range [0, 648000]: " + radiusArcsec);
        }
        out.clear();
        double ra0 = SkyMath.normalizeRaDeg(raDeg);
        // Same expressions as SkyMath.unitVector, so separations are bit-identical to angularSeparationArcsec.
        double raRad = Math.toRadians(ra0);
        double decRad = Math.toRadians(decDeg);
        double cosDec = StrictMath.cos(decRad);
        double qx = cosDec * StrictMath.cos(raRad);
        double qy = cosDec * StrictMath.sin(raRad);
        double qz = StrictMath.sin(decRad);
        double limit = SkyMath.arcsecToChordSquared(radiusArcsec) * PREFILTER_SLACK;

        double scanRadiusDeg = radiusArcsec * SkyMath.DEGREES_PER_ARCSEC + SCAN_SLACK_DEG;
        double decLo = decDeg - scanRadiusDeg;
        double decHi = decDeg + scanRadiusDeg;
        // A cap reaching a pole contains every RA near it; otherwise its RA half-width is asin(sin r / cos dec).
        boolean allRa = decLo <= -90.0 || decHi >= 90.0;
        double alphaDeg = 180.0;
        if (!allRa) {
            double s = StrictMath.sin(Math.toRadians(scanRadiusDeg)) / cosDec;
            allRa = s >= 1.0;
            if (!allRa) {
                alphaDeg = Math.toDegrees(StrictMath.asin(s)) + SCAN_SLACK_DEG;
            }
        }
        int zoneHi = grid.zoneOf(decHi);
        for (int zone = grid.zoneOf(decLo); zone <= zoneHi; zone++) {
            scanZone(zone, allRa, ra0, alphaDeg, qx, qy, qz, limit, radiusArcsec, out);
        }
        out.sortBySeparation();
        return out.size();
    }

    private void scanZone(int zone, boolean allRa, double ra0, double alphaDeg, double qx, double qy, double qz,
                          double limit, double radiusArcsec, ConeResult out) {
        int first = grid.firstCellOfZone(zone);
        int cells = grid.cellsInZone(zone);
        if (allRa || cells == 1) {
            scan(cellStart[first], cellStart[first + cells], qx, qy, qz, limit, radiusArcsec, out);
            return;
        }
        double width = grid.cellWidthDeg(zone);
        int lo = (int) Math.floor((ra0 - alphaDeg) / width);
        int hi = (int) Math.floor((ra0 + alphaDeg) / width);
        if (hi - lo + 1 >= cells) {
            scan(cellStart[first], cellStart[first + cells], qx, qy, qz, limit, radiusArcsec, out);
        } else if (lo < 0) {
            // Wraps below RA 0: the tail of the zone, then its head.
            scan(cellStart[first + lo + cells], cellStart[first + cells], qx, qy, qz, limit, radiusArcsec, out);
            scan(cellStart[first], cellStart[first + hi + 1], qx, qy, qz, limit, radiusArcsec, out);
        } else if (hi >= cells) {
            scan(cellStart[first + lo], cellStart[first + cells], qx, qy, qz, limit, radiusArcsec, out);
            scan(cellStart[first], cellStart[first + hi - cells + 1], qx, qy, qz, limit, radiusArcsec, out);
        } else {
            scan(cellStart[first + lo], cellStart[first + hi + 1], qx, qy, qz, limit, radiusArcsec, out);
        }
    }

    private void scan(int from, int to, double qx, double qy, double qz, double limit, double radiusArcsec,
                      ConeResult out) {
        for (int i = from; i < to; i++) {
            double dx = qx - x[i];
            double dy = qy - y[i];
            double dz = qz - z[i];
            double chordSquared = dx * dx + dy * dy + dz * dz;
            // Cheap squared-chord prefilter; the asin runs only for near-certain matches.
            if (chordSquared <= limit) {
                double separation = SkyMath.chordSquaredToArcsec(chordSquared);
                if (separation <= radiusArcsec) {
                    out.add(i, separation);
                }
            }
        }
    }

    /**
     * Collects sources, then builds an immutable {@link SkyCatalog}. Validation happens in {@link #add}, so a
     * bad row is reported with its id and values, at load time, never during a search.
     */
    public static final class Builder {

        private final int zoneCount;
        private int size;
        private double[] ra = new double[1024];
        private double[] dec = new double[1024];
        private double[] mag = new double[1024];
        private byte[] types = new byte[1024];
        private String[] ids = new String[1024];

        public Builder() {
            this(SkyGrid.DEFAULT_ZONE_COUNT);
        }

        /** Grid with {@code zoneCount} declination zones; package-private so tests can vary the geometry. */
        Builder(int zoneCount) {
            if (zoneCount < 2) {
                throw new IllegalArgumentException("zoneCount must be >= 2, was " + zoneCount);
            }
            this.zoneCount = zoneCount;
        }

        /**
         * Adds one source. RA is wrapped into [0, 360).
         *
         * @param mag magnitude; NaN if unknown
         * @throws IllegalArgumentException on a null/blank id or type, non-finite RA, or Dec outside [-90, 90]
         */
        public Builder add(String sourceId, double raDeg, double decDeg, SourceType type, double mag) {
            if (sourceId == null || sourceId.isBlank()) {
                throw new IllegalArgumentException("sourceId must be non-blank (row " + size + ")");
            }
            Objects.requireNonNull(type, () -> "type of " + sourceId);
            if (!Double.isFinite(raDeg)) {
                throw new IllegalArgumentException(sourceId + ": raDeg not finite: " + raDeg);
            }
            if (!(decDeg >= -90.0 && decDeg <= 90.0)) {
                throw new IllegalArgumentException(sourceId + ": decDeg outside [-90, 90]: " + decDeg);
            }
            if (size == ids.length) {
                int capacity = size * 2;
                ra = Arrays.copyOf(ra, capacity);
                dec = Arrays.copyOf(dec, capacity);
                this.mag = Arrays.copyOf(this.mag, capacity);
                types = Arrays.copyOf(types, capacity);
                ids = Arrays.copyOf(ids, capacity);
            }
            ra[size] = SkyMath.normalizeRaDeg(raDeg);
            dec[size] = decDeg;
            this.mag[size] = mag;
            types[size] = type.code();
            ids[size] = sourceId;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        /** Sorts the sources into grid cells and freezes them; the builder stays usable afterwards. */
        public SkyCatalog build(String version) {
            if (version == null || version.isBlank()) {
                throw new IllegalArgumentException("catalog version must be non-blank");
            }
            SkyGrid grid = new SkyGrid(zoneCount);
            int cellCount = grid.cellCount();
            int[] cellOfSource = new int[size];
            // Counting sort by cell: O(n + cells), stable, and leaves cellStart as the offset table.
            int[] cellStart = new int[cellCount + 1];
            for (int i = 0; i < size; i++) {
                int cell = grid.cellOf(ra[i], dec[i]);
                cellOfSource[i] = cell;
                cellStart[cell + 1]++;
            }
            for (int c = 0; c < cellCount; c++) {
                cellStart[c + 1] += cellStart[c];
            }
            int[] next = Arrays.copyOf(cellStart, cellCount);
            double[] sx = new double[size];
            double[] sy = new double[size];
            double[] sz = new double[size];
            double[] sra = new double[size];
            double[] sdec = new double[size];
            double[] smag = new double[size];
            byte[] stypes = new byte[size];
            String[] sids = new String[size];
            double[] xyz = new double[3];
            for (int i = 0; i < size; i++) {
                int j = next[cellOfSource[i]]++;
                SkyMath.unitVector(ra[i], dec[i], xyz);
                sx[j] = xyz[0];
                sy[j] = xyz[1];
                sz[j] = xyz[2];
                sra[j] = ra[i];
                sdec[j] = dec[i];
                smag[j] = mag[i];
                stypes[j] = types[i];
                sids[j] = ids[i];
            }
            return new SkyCatalog(version, grid, cellStart, sx, sy, sz, sra, sdec, smag, stypes, sids);
        }
    }
}
