package org.skyring.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An immutable, versioned sky catalog in flat columns, with the one exact {@link ConeSearch} implementation.
 *
 * <p>Sources are sorted by {@link SkyGrid} cell (stable, so insertion order within a cell), which makes every
 * cell a contiguous index range found through one offset table. Each column is an Agrona {@link UnsafeBuffer}
 * over either a heap array (a catalog just built, e.g. the synthetic demo sky) or a read-only memory mapping
 * of a catalog file ({@link #open}), so a 10-million-source index opens in milliseconds with nothing rebuilt,
 * and the same search code runs over both. The file layout is in {@link CatalogFile}; why a flat columnar
 * mapping rather than a Chronicle Map is measured in {@code catalog-loader/README.md}.
 *
 * <p>Unit vectors are precomputed and interleaved (x, y, z: 24 bytes per source, one cache line holds 2.7
 * sources), so a search reads only that column and does subtractions and multiplications per candidate.
 *
 * <p>Proper motion: {@link #search(double, double, double, double, ConeResult)} with an observation epoch moves
 * stars to that epoch before matching. The scan radius widens by the largest "slow" proper motion times the
 * epoch difference; the few fast movers (over {@link #FAST_PM_MAS_PER_YEAR}) are kept in a separate short list
 * scanned in full instead, so one Barnard's star does not widen every cone by six arcminutes.
 *
 * <p>Safe to share between threads (nothing is written after construction).
 */
public final class SkyCatalog implements ConeSearch {

    /** Proper motion above which a source is a "fast mover", matched from a separate list (1"/yr). */
    public static final double FAST_PM_MAS_PER_YEAR = 1000.0;
    /** Columns address sources with int byte offsets; 24 bytes of unit vector per source bounds the count. */
    public static final int MAX_SOURCES = Integer.MAX_VALUE / 24;

    /*
     * Slack added to the radius when choosing which zones and cells to scan, ~3.6 micro-arcsec: far above the
     * ~1e-11" rounding of the separation, so the geometric bound can never exclude a source the exact
     * separation test would accept. It only widens the scan; membership is decided by the separation alone.
     */
    private static final double SCAN_SLACK_DEG = 1e-9;
    /** Relative slack on the squared-chord prefilter, for the same reason. */
    private static final double PREFILTER_SLACK = 1.0 + 1e-9;
    private static final double RADIANS_PER_MAS = SkyMath.RADIANS_PER_ARCSEC / 1000.0;

    private final String version;
    private final SkyGrid grid;
    private final int size;
    private final UnsafeBuffer cellStart;
    private final UnsafeBuffer xyz;
    private final UnsafeBuffer ra;
    private final UnsafeBuffer dec;
    private final UnsafeBuffer mag;
    private final UnsafeBuffer mag2;
    private final UnsafeBuffer epoch;
    private final UnsafeBuffer pmRa;
    private final UnsafeBuffer pmDec;
    private final UnsafeBuffer parallax;
    private final UnsafeBuffer redshift;
    private final UnsafeBuffer types;
    private final UnsafeBuffer origins;
    private final UnsafeBuffer idOffsets;
    private final UnsafeBuffer idBytes;
    private final UnsafeBuffer fastMovers;
    private final int fastCount;
    /** Largest total proper motion among sources that are not fast movers, mas/yr (0 if none has one). */
    private final double maxSlowPmMasPerYear;
    /** Range of epochs of sources with proper motion; NaN when no source has one. */
    private final double minPmEpoch;
    private final double maxPmEpoch;
    private final Map<String, String> provenance;
    private final List<String> originNames;
    private final UnsafeBuffer[] sections;

    SkyCatalog(SkyGrid grid, int size, UnsafeBuffer[] sections, int fastCount, double maxSlowPmMasPerYear,
               double minPmEpoch, double maxPmEpoch, Map<String, String> provenance) {
        this.grid = grid;
        this.size = size;
        this.sections = sections;
        this.cellStart = sections[CatalogFile.CELL_START];
        this.xyz = sections[CatalogFile.XYZ];
        this.ra = sections[CatalogFile.RA];
        this.dec = sections[CatalogFile.DEC];
        this.mag = sections[CatalogFile.MAG];
        this.mag2 = sections[CatalogFile.MAG2];
        this.epoch = sections[CatalogFile.EPOCH];
        this.pmRa = sections[CatalogFile.PM_RA];
        this.pmDec = sections[CatalogFile.PM_DEC];
        this.parallax = sections[CatalogFile.PARALLAX];
        this.redshift = sections[CatalogFile.REDSHIFT];
        this.types = sections[CatalogFile.TYPE];
        this.origins = sections[CatalogFile.ORIGIN];
        this.idOffsets = sections[CatalogFile.ID_OFFSET];
        this.idBytes = sections[CatalogFile.ID_BYTES];
        this.fastMovers = sections[CatalogFile.FAST];
        this.fastCount = fastCount;
        this.maxSlowPmMasPerYear = maxSlowPmMasPerYear;
        this.minPmEpoch = minPmEpoch;
        this.maxPmEpoch = maxPmEpoch;
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        this.version = Objects.requireNonNull(provenance.get(CatalogFile.META_VERSION), "version");
        String[] names = new String[256];
        int count = 0;
        for (Map.Entry<String, String> e : provenance.entrySet()) {
            if (e.getKey().startsWith(CatalogFile.META_ORIGIN_PREFIX)) {
                int code = Integer.parseInt(e.getKey().substring(CatalogFile.META_ORIGIN_PREFIX.length()));
                names[code] = e.getValue();
                count = Math.max(count, code + 1);
            }
        }
        this.originNames = List.of(Arrays.copyOf(names, count)).stream()
            .map(n -> n == null ? "" : n).toList();
    }

    /**
     * Opens a catalog file written by {@link #writeTo} or {@code skyring catalog build}: maps its columns
     * read-only and checks the header and offset table; nothing is copied or rebuilt.
     *
     * @throws IOException if the file is missing, truncated, of another format, or inconsistent (named in the message)
     */
    public static SkyCatalog open(Path file) throws IOException {
        return CatalogFile.open(file);
    }

    /** Writes this catalog as a catalog file (atomically: a temporary file renamed into place). */
    public void writeTo(Path file) throws IOException {
        CatalogFile.write(this, file);
    }

    /** Version recorded with every decision that used this catalog, so replay can demand the same one. */
    public String version() {
        return version;
    }

    public int size() {
        return size;
    }

    /** Build provenance (version, inputs, build time, origins...), in insertion order. */
    public Map<String, String> provenance() {
        return provenance;
    }

    /** Catalog-of-origin names by code (code 0 is the builder's default, usually the only one). */
    public List<String> originNames() {
        return originNames;
    }

    /** The source's own identifier ({@code HIP 19}, {@code HR 1}, {@code NGC 224}); allocates (cold path). */
    public String sourceId(int i) {
        int from = idOffsets.getInt(Objects.checkIndex(i, size) * Integer.BYTES);
        int to = idOffsets.getInt((i + 1) * Integer.BYTES);
        return idBytes.getStringWithoutLengthAscii(from, to - from);
    }

    /**
     * Copies the source's id (ASCII) into {@code dst} without allocating, for the hot path; returns its length.
     * Copies at most {@code dst.length} bytes; the returned length may exceed that (truncated).
     */
    public int sourceIdBytes(int i, byte[] dst) {
        int from = idOffsets.getInt(Objects.checkIndex(i, size) * Integer.BYTES);
        int length = idOffsets.getInt((i + 1) * Integer.BYTES) - from;
        idBytes.getBytes(from, dst, 0, Math.min(length, dst.length));
        return length;
    }

    public SourceType type(int i) {
        return SourceType.fromCode(types.getByte(i));
    }

    /** Name of the catalog this source came from ({@code hipparcos}, {@code bsc5}, {@code openngc}, ...). */
    public String origin(int i) {
        return originNames.get(origins.getByte(i) & 0xff);
    }

    /** Right ascension in degrees, in [0, 360), at {@link #epochJyear}. */
    public double raDeg(int i) {
        return ra.getDouble(i * Double.BYTES);
    }

    public double decDeg(int i) {
        return dec.getDouble(i * Double.BYTES);
    }

    /** Magnitude (V or the catalog's closest band); NaN when the source catalog had none. */
    public double mag(int i) {
        return mag.getDouble(i * Double.BYTES);
    }

    /** Second (bluer) magnitude where known, else NaN. */
    public double mag2(int i) {
        return mag2.getFloat(i * Float.BYTES);
    }

    /** Julian year of the position; NaN if the catalog did not say. */
    public double epochJyear(int i) {
        return epoch.getFloat(i * Float.BYTES);
    }

    /** mu_alpha* (= mu_alpha cos dec) in mas/yr; NaN where unknown. */
    public double pmRaMasPerYear(int i) {
        return pmRa.getFloat(i * Float.BYTES);
    }

    public double pmDecMasPerYear(int i) {
        return pmDec.getFloat(i * Float.BYTES);
    }

    public double parallaxMas(int i) {
        return parallax.getFloat(i * Float.BYTES);
    }

    public double redshift(int i) {
        return redshift.getFloat(i * Float.BYTES);
    }

    /** Number of cells of the index grid, and the first source index of each (the offset table). */
    public int cellCount() {
        return grid.cellCount();
    }

    public int cellStart(int cell) {
        return cellStart.getInt(cell * Integer.BYTES);
    }

    /** Index cell holding a position (benchmarks compare per-cell storage against it). */
    public int cellOf(double raDeg, double decDeg) {
        return grid.cellOf(SkyMath.normalizeRaDeg(raDeg), decDeg);
    }

    /** Solid angle of a grid cell in square degrees (for coverage reports). */
    public double cellAreaSqDeg(int cell) {
        return grid.cellAreaSqDeg(cell);
    }

    int zoneCount() {
        return grid.zoneCount();
    }

    int fastCount() {
        return fastCount;
    }

    double maxSlowPmMasPerYear() {
        return maxSlowPmMasPerYear;
    }

    double minPmEpoch() {
        return minPmEpoch;
    }

    double maxPmEpoch() {
        return maxPmEpoch;
    }

    UnsafeBuffer[] sections() {
        return sections;
    }

    /**
     * Writes the unit vector of source {@code i} moved by its proper motion to {@code epochJyear} into
     * {@code out[0..2]}; the catalog position when the epoch is NaN or the source has no proper motion.
     * Linear motion on the tangent plane (no radial velocity), the same the search applies.
     */
    public void unitVectorAt(int i, double epochJyear, double[] out) {
        int v = i * 3 * Double.BYTES;
        double x = xyz.getDouble(v);
        double y = xyz.getDouble(v + Double.BYTES);
        double z = xyz.getDouble(v + 2 * Double.BYTES);
        double dt = epochJyear - epoch.getFloat(i * Float.BYTES);
        double mr = pmRa.getFloat(i * Float.BYTES);
        double md = pmDec.getFloat(i * Float.BYTES);
        if (dt == dt && (mr == mr || md == md) && dt != 0.0) { // a != a is NaN, without Double.isNaN calls
            double a = Math.toRadians(raDeg(i));
            double d = Math.toRadians(decDeg(i));
            double sinA = StrictMath.sin(a);
            double cosA = StrictMath.cos(a);
            double sinD = StrictMath.sin(d);
            double cosD = StrictMath.cos(d);
            double ua = (mr == mr ? mr : 0.0) * RADIANS_PER_MAS * dt;
            double ud = (md == md ? md : 0.0) * RADIANS_PER_MAS * dt;
            // p + ua * e_ra + ud * e_dec, renormalised: exact at the poles, where RA/Dec arithmetic is not.
            x += -sinA * ua - sinD * cosA * ud;
            y += cosA * ua - sinD * sinA * ud;
            z += cosD * ud;
            double norm = 1.0 / Math.sqrt(x * x + y * y + z * z);
            x *= norm;
            y *= norm;
            z *= norm;
        }
        out[0] = x;
        out[1] = y;
        out[2] = z;
    }

    @Override
    public int search(double raDeg, double decDeg, double radiusArcsec, ConeResult out) {
        return search(raDeg, decDeg, radiusArcsec, Double.NaN, out);
    }

    @Override
    public int search(double raDeg, double decDeg, double radiusArcsec, double epochJyear, ConeResult out) {
        if (!Double.isFinite(raDeg) || !(decDeg >= -90.0 && decDeg <= 90.0)) {
            throw new IllegalArgumentException("cone centre out of range: ra=" + raDeg + " dec=" + decDeg);
        }
        if (!(radiusArcsec >= 0.0 && radiusArcsec <= SkyMath.MAX_RADIUS_ARCSEC)) {
            throw new IllegalArgumentException("radiusArcsec out of range [0, 648000]: " + radiusArcsec);
        }
        if (Double.isInfinite(epochJyear)) {
            throw new IllegalArgumentException("epochJyear not finite: " + epochJyear);
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

        // With an epoch and any moving source, widen the scan by the furthest a slow source can have moved.
        boolean propagate = epochJyear == epochJyear && minPmEpoch == minPmEpoch;
        double scanRadiusArcsec = radiusArcsec;
        if (propagate) {
            double maxDt = Math.max(Math.abs(epochJyear - minPmEpoch), Math.abs(epochJyear - maxPmEpoch));
            scanRadiusArcsec = Math.min(SkyMath.MAX_RADIUS_ARCSEC,
                radiusArcsec + maxSlowPmMasPerYear * maxDt / 1000.0 + 1e-6);
        }
        double limit = SkyMath.arcsecToChordSquared(scanRadiusArcsec) * PREFILTER_SLACK;

        double scanRadiusDeg = scanRadiusArcsec * SkyMath.DEGREES_PER_ARCSEC + SCAN_SLACK_DEG;
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
        double epochOrNaN = propagate ? epochJyear : Double.NaN;
        int zoneHi = grid.zoneOf(decHi);
        for (int zone = grid.zoneOf(decLo); zone <= zoneHi; zone++) {
            scanZone(zone, allRa, ra0, alphaDeg, qx, qy, qz, limit, radiusArcsec, epochOrNaN, out);
        }
        if (propagate) {
            for (int k = 0; k < fastCount; k++) {
                int i = fastMovers.getInt(k * Integer.BYTES);
                double separation = separationAt(i, epochJyear, qx, qy, qz);
                if (separation <= radiusArcsec) {
                    out.add(i, separation);
                }
            }
        }
        out.sortBySeparation();
        return out.size();
    }

    private void scanZone(int zone, boolean allRa, double ra0, double alphaDeg, double qx, double qy, double qz,
                          double limit, double radiusArcsec, double epochJyear, ConeResult out) {
        int first = grid.firstCellOfZone(zone);
        int cells = grid.cellsInZone(zone);
        int zoneFrom = cellStart(first);
        int zoneTo = cellStart(first + cells);
        if (allRa || cells == 1) {
            scan(zoneFrom, zoneTo, qx, qy, qz, limit, radiusArcsec, epochJyear, out);
            return;
        }
        double width = grid.cellWidthDeg(zone);
        int lo = (int) Math.floor((ra0 - alphaDeg) / width);
        int hi = (int) Math.floor((ra0 + alphaDeg) / width);
        if (hi - lo + 1 >= cells) {
            scan(zoneFrom, zoneTo, qx, qy, qz, limit, radiusArcsec, epochJyear, out);
        } else if (lo < 0) {
            // Wraps below RA 0: the tail of the zone, then its head.
            scan(cellStart(first + lo + cells), zoneTo, qx, qy, qz, limit, radiusArcsec, epochJyear, out);
            scan(zoneFrom, cellStart(first + hi + 1), qx, qy, qz, limit, radiusArcsec, epochJyear, out);
        } else if (hi >= cells) {
            scan(cellStart(first + lo), zoneTo, qx, qy, qz, limit, radiusArcsec, epochJyear, out);
            scan(zoneFrom, cellStart(first + hi - cells + 1), qx, qy, qz, limit, radiusArcsec, epochJyear, out);
        } else {
            scan(cellStart(first + lo), cellStart(first + hi + 1), qx, qy, qz, limit, radiusArcsec, epochJyear, out);
        }
    }

    /** Tests sources [from, to); {@code epochJyear} NaN = positions as catalogued. */
    private void scan(int from, int to, double qx, double qy, double qz, double limit, double radiusArcsec,
                      double epochJyear, ConeResult out) {
        final UnsafeBuffer v = xyz;
        for (int i = from, offset = from * 3 * Double.BYTES; i < to; i++, offset += 3 * Double.BYTES) {
            double dx = qx - v.getDouble(offset);
            double dy = qy - v.getDouble(offset + Double.BYTES);
            double dz = qz - v.getDouble(offset + 2 * Double.BYTES);
            double chordSquared = dx * dx + dy * dy + dz * dz;
            // Cheap squared-chord prefilter; the asin runs only for near-certain matches.
            if (chordSquared <= limit) {
                double separation;
                if (epochJyear != epochJyear) {
                    separation = SkyMath.chordSquaredToArcsec(chordSquared);
                } else if (isFastMover(i)) {
                    continue; // matched from the fast-mover list, exactly once
                } else {
                    separation = separationAt(i, epochJyear, qx, qy, qz);
                }
                if (separation <= radiusArcsec) {
                    out.add(i, separation);
                }
            }
        }
    }

    private boolean isFastMover(int i) {
        return totalPmMasPerYear(pmRa.getFloat(i * Float.BYTES), pmDec.getFloat(i * Float.BYTES))
            > FAST_PM_MAS_PER_YEAR;
    }

    static double totalPmMasPerYear(double pmRaMas, double pmDecMas) {
        double a = pmRaMas == pmRaMas ? pmRaMas : 0.0;
        double d = pmDecMas == pmDecMas ? pmDecMas : 0.0;
        return Math.sqrt(a * a + d * d);
    }

    /** Separation in arcsec of source {@code i}, moved to {@code epochJyear}, from the unit vector q. */
    private double separationAt(int i, double epochJyear, double qx, double qy, double qz) {
        int v = i * 3 * Double.BYTES;
        double x = xyz.getDouble(v);
        double y = xyz.getDouble(v + Double.BYTES);
        double z = xyz.getDouble(v + 2 * Double.BYTES);
        double dt = epochJyear - epoch.getFloat(i * Float.BYTES);
        double mr = pmRa.getFloat(i * Float.BYTES);
        double md = pmDec.getFloat(i * Float.BYTES);
        if (dt == dt && dt != 0.0 && (mr == mr || md == md)) {
            // Inlined unitVectorAt (no array: the search must not allocate); keep the two in step.
            double a = Math.toRadians(raDeg(i));
            double d = Math.toRadians(decDeg(i));
            double sinA = StrictMath.sin(a);
            double cosA = StrictMath.cos(a);
            double sinD = StrictMath.sin(d);
            double cosD = StrictMath.cos(d);
            double ua = (mr == mr ? mr : 0.0) * RADIANS_PER_MAS * dt;
            double ud = (md == md ? md : 0.0) * RADIANS_PER_MAS * dt;
            x += -sinA * ua - sinD * cosA * ud;
            y += cosA * ua - sinD * sinA * ud;
            z += cosD * ud;
            double norm = 1.0 / Math.sqrt(x * x + y * y + z * z);
            x *= norm;
            y *= norm;
            z *= norm;
        }
        double dx = qx - x;
        double dy = qy - y;
        double dz = qz - z;
        return SkyMath.chordSquaredToArcsec(dx * dx + dy * dy + dz * dz);
    }

    /**
     * Collects sources, then builds an immutable {@link SkyCatalog}. Validation happens in {@link #add}, so a
     * bad row is reported with its id and values, at load time, never during a search.
     */
    public static final class Builder {

        private final int zoneCount;
        private final Map<String, String> provenance = new LinkedHashMap<>();
        private final Map<String, Byte> originCodes = new LinkedHashMap<>();
        private int size;
        private double[] ra = new double[1024];
        private double[] dec = new double[1024];
        private double[] mag = new double[1024];
        private float[] mag2 = new float[1024];
        private float[] epoch = new float[1024];
        private float[] pmRa = new float[1024];
        private float[] pmDec = new float[1024];
        private float[] parallax = new float[1024];
        private float[] redshift = new float[1024];
        private byte[] types = new byte[1024];
        private byte[] origins = new byte[1024];
        /** Ids as ASCII bytes back to back: no String per source, so 10 M sources fit a modest heap. */
        private byte[] idHeap = new byte[16 * 1024];
        private int[] idEnd = new int[1024];
        private final CatalogEntry scratch = new CatalogEntry();

        public Builder() {
            this(SkyGrid.DEFAULT_ZONE_COUNT);
        }

        /** Grid with {@code zoneCount} declination zones; package-private so tests can vary the geometry. */
        Builder(int zoneCount) {
            if (zoneCount < 2) {
                throw new IllegalArgumentException("zoneCount must be >= 2, was " + zoneCount);
            }
            this.zoneCount = zoneCount;
            origin("default");
        }

        /**
         * Registers a catalog of origin ({@code hipparcos}, {@code bsc5}...) and returns its code for
         * {@link CatalogEntry#origin}; the same name always gets the same code. At most 255 origins.
         */
        public byte origin(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("origin name must be non-blank");
            }
            Byte code = originCodes.get(name);
            if (code == null) {
                if (originCodes.size() == 255) {
                    throw new IllegalArgumentException("too many catalog origins (255): " + name);
                }
                code = (byte) originCodes.size();
                originCodes.put(name, code);
            }
            return code;
        }

        /** Adds a provenance line ({@code inputs}, {@code built_at}...) that {@code catalog info} prints. */
        public Builder provenance(String key, String value) {
            if (key.startsWith(CatalogFile.META_ORIGIN_PREFIX) || key.equals(CatalogFile.META_VERSION)
                    || key.indexOf('=') >= 0 || key.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reserved or malformed provenance key: " + key);
            }
            provenance.put(key, value.replace('\n', ' '));
            return this;
        }

        /**
         * Adds one source with a position and magnitude only. RA is wrapped into [0, 360).
         *
         * @param mag magnitude; NaN if unknown
         * @throws IllegalArgumentException on a null/blank id or type, non-finite RA, or Dec outside [-90, 90]
         */
        public Builder add(String sourceId, double raDeg, double decDeg, SourceType type, double mag) {
            CatalogEntry e = scratch.clear();
            e.id = sourceId;
            e.raDeg = raDeg;
            e.decDeg = decDeg;
            e.type = type;
            e.mag = mag;
            return add(e);
        }

        /**
         * Adds one source; the entry can be reused afterwards.
         *
         * @throws IllegalArgumentException naming the source and the value: blank id, non-finite RA, Dec outside
         *                                  [-90, 90], proper motion without an epoch, unknown origin code
         */
        public Builder add(CatalogEntry e) {
            String sourceId = e.id;
            if (sourceId == null || sourceId.isBlank()) {
                throw new IllegalArgumentException("sourceId must be non-blank (row " + size + ")");
            }
            Objects.requireNonNull(e.type, () -> "type of " + sourceId);
            if (!Double.isFinite(e.raDeg)) {
                throw new IllegalArgumentException(sourceId + ": raDeg not finite: " + e.raDeg);
            }
            if (!(e.decDeg >= -90.0 && e.decDeg <= 90.0)) {
                throw new IllegalArgumentException(sourceId + ": decDeg outside [-90, 90]: " + e.decDeg);
            }
            boolean moving = Double.isFinite(e.pmRaMasPerYear) || Double.isFinite(e.pmDecMasPerYear);
            if (moving && !Double.isFinite(e.epochJyear)) {
                throw new IllegalArgumentException(sourceId + ": proper motion given without an epoch: epochJyear="
                    + e.epochJyear);
            }
            if ((e.origin & 0xff) >= originCodes.size()) {
                throw new IllegalArgumentException(sourceId + ": unregistered origin code " + (e.origin & 0xff));
            }
            if (size == MAX_SOURCES) {
                throw new IllegalArgumentException("catalog full: " + MAX_SOURCES + " sources");
            }
            if (size == types.length) {
                grow();
            }
            int idStart = size == 0 ? 0 : idEnd[size - 1];
            int idLength = sourceId.length();
            if (idStart + idLength > idHeap.length) {
                idHeap = Arrays.copyOf(idHeap, Math.max(idHeap.length * 2, idStart + idLength));
            }
            for (int k = 0; k < idLength; k++) {
                char c = sourceId.charAt(k);
                idHeap[idStart + k] = (c >= 0x20 && c < 0x7f) ? (byte) c : (byte) '?';
            }
            idEnd[size] = idStart + idLength;
            ra[size] = SkyMath.normalizeRaDeg(e.raDeg);
            dec[size] = e.decDeg;
            mag[size] = e.mag;
            mag2[size] = (float) e.mag2;
            epoch[size] = (float) e.epochJyear;
            pmRa[size] = (float) e.pmRaMasPerYear;
            pmDec[size] = (float) e.pmDecMasPerYear;
            parallax[size] = (float) e.parallaxMas;
            redshift[size] = (float) e.redshift;
            types[size] = e.type.code();
            origins[size] = e.origin;
            size++;
            return this;
        }

        private void grow() {
            int capacity = (int) Math.min(MAX_SOURCES, (long) size * 2);
            ra = Arrays.copyOf(ra, capacity);
            dec = Arrays.copyOf(dec, capacity);
            mag = Arrays.copyOf(mag, capacity);
            mag2 = Arrays.copyOf(mag2, capacity);
            epoch = Arrays.copyOf(epoch, capacity);
            pmRa = Arrays.copyOf(pmRa, capacity);
            pmDec = Arrays.copyOf(pmDec, capacity);
            parallax = Arrays.copyOf(parallax, capacity);
            redshift = Arrays.copyOf(redshift, capacity);
            types = Arrays.copyOf(types, capacity);
            origins = Arrays.copyOf(origins, capacity);
            idEnd = Arrays.copyOf(idEnd, capacity);
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
            int[] order = new int[size]; // order[j] = builder row stored at index j
            for (int i = 0; i < size; i++) {
                order[next[cellOfSource[i]]++] = i;
            }
            cellOfSource = null;

            UnsafeBuffer[] s = new UnsafeBuffer[CatalogFile.SECTION_COUNT];
            s[CatalogFile.CELL_START] = heap((cellCount + 1L) * Integer.BYTES);
            for (int c = 0; c <= cellCount; c++) {
                s[CatalogFile.CELL_START].putInt(c * Integer.BYTES, cellStart[c]);
            }
            s[CatalogFile.XYZ] = heap(size * 3L * Double.BYTES);
            s[CatalogFile.RA] = heap((long) size * Double.BYTES);
            s[CatalogFile.DEC] = heap((long) size * Double.BYTES);
            s[CatalogFile.MAG] = heap((long) size * Double.BYTES);
            for (int f : new int[] {CatalogFile.MAG2, CatalogFile.EPOCH, CatalogFile.PM_RA, CatalogFile.PM_DEC,
                CatalogFile.PARALLAX, CatalogFile.REDSHIFT}) {
                s[f] = heap((long) size * Float.BYTES);
            }
            s[CatalogFile.TYPE] = heap(size);
            s[CatalogFile.ORIGIN] = heap(size);
            s[CatalogFile.ID_OFFSET] = heap((size + 1L) * Integer.BYTES);
            s[CatalogFile.ID_BYTES] = heap(size == 0 ? 0 : idEnd[size - 1]);

            double[] unit = new double[3];
            int idOffset = 0;
            int fastCount = 0;
            int[] fast = new int[16];
            double maxSlowPm = 0.0;
            double minEpoch = Double.NaN;
            double maxEpoch = Double.NaN;
            for (int j = 0; j < size; j++) {
                int i = order[j];
                SkyMath.unitVector(ra[i], dec[i], unit);
                s[CatalogFile.XYZ].putDouble(j * 24, unit[0]);
                s[CatalogFile.XYZ].putDouble(j * 24 + 8, unit[1]);
                s[CatalogFile.XYZ].putDouble(j * 24 + 16, unit[2]);
                s[CatalogFile.RA].putDouble(j * 8, ra[i]);
                s[CatalogFile.DEC].putDouble(j * 8, dec[i]);
                s[CatalogFile.MAG].putDouble(j * 8, mag[i]);
                s[CatalogFile.MAG2].putFloat(j * 4, mag2[i]);
                s[CatalogFile.EPOCH].putFloat(j * 4, epoch[i]);
                s[CatalogFile.PM_RA].putFloat(j * 4, pmRa[i]);
                s[CatalogFile.PM_DEC].putFloat(j * 4, pmDec[i]);
                s[CatalogFile.PARALLAX].putFloat(j * 4, parallax[i]);
                s[CatalogFile.REDSHIFT].putFloat(j * 4, redshift[i]);
                s[CatalogFile.TYPE].putByte(j, types[i]);
                s[CatalogFile.ORIGIN].putByte(j, origins[i]);
                int from = i == 0 ? 0 : idEnd[i - 1];
                int length = idEnd[i] - from;
                s[CatalogFile.ID_OFFSET].putInt(j * 4, idOffset);
                s[CatalogFile.ID_BYTES].putBytes(idOffset, idHeap, from, length);
                idOffset += length;
                if (pmRa[i] == pmRa[i] || pmDec[i] == pmDec[i]) {
                    double pm = totalPmMasPerYear(pmRa[i], pmDec[i]);
                    minEpoch = !(minEpoch <= epoch[i]) ? epoch[i] : minEpoch;
                    maxEpoch = !(maxEpoch >= epoch[i]) ? epoch[i] : maxEpoch;
                    if (pm > FAST_PM_MAS_PER_YEAR) {
                        if (fastCount == fast.length) {
                            fast = Arrays.copyOf(fast, fastCount * 2);
                        }
                        fast[fastCount++] = j;
                    } else {
                        maxSlowPm = Math.max(maxSlowPm, pm);
                    }
                }
            }
            s[CatalogFile.ID_OFFSET].putInt(size * 4, idOffset);
            s[CatalogFile.FAST] = heap((long) fastCount * Integer.BYTES);
            for (int k = 0; k < fastCount; k++) {
                s[CatalogFile.FAST].putInt(k * 4, fast[k]);
            }
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put(CatalogFile.META_VERSION, version);
            meta.putAll(provenance);
            for (Map.Entry<String, Byte> origin : originCodes.entrySet()) {
                meta.put(CatalogFile.META_ORIGIN_PREFIX + origin.getValue(), origin.getKey());
            }
            s[CatalogFile.META] = new UnsafeBuffer(CatalogFile.encodeMeta(meta).getBytes(StandardCharsets.UTF_8));
            return new SkyCatalog(grid, size, s, fastCount, maxSlowPm, minEpoch, maxEpoch, meta);
        }

        private static UnsafeBuffer heap(long bytes) {
            if (bytes > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("catalog column too large: " + bytes + " bytes");
            }
            return new UnsafeBuffer(new byte[(int) bytes]);
        }
    }
}
