package org.skyring.perf.catalog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import org.HdrHistogram.Histogram;
import org.skyring.catalog.ConeResult;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SkyMath;
import org.skyring.catalog.SyntheticCatalog;

/**
 * Cone-search benchmark of {@code scripts/bench-catalog}: the Skyring index on a (10 M-source) synthetic
 * catalog file, a brute-force scan over 100 k of its sources, and a Chronicle Map keyed by sky cell, all on
 * the same queries; it writes {@code sources.csv} and {@code queries.csv} so the script can time astropy and
 * PostgreSQL/Q3C on exactly the same catalog and cones. Prints {@code RESULT name value} lines.
 *
 * <p>Usage: {@code CatalogBench DIR SOURCES QUERIES}. The catalog file {@code DIR/synthetic-SOURCES.skycat}
 * is built once and reused (opening it is one of the measurements).
 */
public final class CatalogBench {
    private static final double RADIUS_ARCSEC = 2.0;
    private static final int BRUTE_SOURCES = 100_000;
    private static final int MAP_SOURCES = 1_000_000;

    private CatalogBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int sources = Integer.parseInt(args[1]);
        int queries = Integer.parseInt(args[2]);
        Files.createDirectories(dir);
        Path file = dir.resolve("synthetic-" + sources + ".skycat");
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            SyntheticCatalog.generate(sources, 42).writeTo(file);
            result("build_seconds", (System.nanoTime() - t0) / 1e9);
        }
        long t0 = System.nanoTime();
        SkyCatalog catalog = SkyCatalog.open(file);
        result("open_ms", (System.nanoTime() - t0) / 1e6);
        result("sources", catalog.size());
        result("file_bytes", Files.size(file));

        double[][] q = queries(catalog, queries, new SplittableRandom(7));
        writeInputs(dir, catalog, q);

        ConeResult out = new ConeResult(64);
        long matches = 0;
        for (int pass = 0; pass < 3; pass++) { // page the index in and let C2 compile search
            for (double[] c : q) {
                matches += catalog.search(c[0], c[1], RADIUS_ARCSEC, out);
            }
        }
        result("skyring_matches_per_query", matches / 3.0 / q.length);
        Histogram h = new Histogram(3);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < 5; pass++) {
            for (double[] c : q) {
                long s = System.nanoTime();
                catalog.search(c[0], c[1], RADIUS_ARCSEC, out);
                h.recordValue(System.nanoTime() - s);
            }
        }
        // Allocation is counted over the untimed loop: the histogram itself allocates when it resizes.
        long allocated = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long sink = 0;
        for (int pass = 0; pass < 5; pass++) {
            for (double[] c : q) {
                sink += catalog.search(c[0], c[1], RADIUS_ARCSEC, out);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
        result("skyring_p50_ns", h.getValueAtPercentile(50));
        result("skyring_p99_ns", h.getValueAtPercentile(99));
        result("skyring_qps", 5.0 * q.length / seconds);
        result("skyring_bytes_per_query", (double) allocated / (5.0 * q.length));

        bruteForce(catalog, q);
        chronicleMap(dir, q);
        if (sink < 0) {
            System.out.println(sink);
        }
    }

    /** Half the cones centred within ~1" of a catalog source (the cross-match case), half anywhere. */
    static double[][] queries(SkyCatalog catalog, int n, SplittableRandom random) {
        double[][] q = new double[n][];
        for (int k = 0; k < n; k++) {
            if (k % 2 == 0) {
                int i = random.nextInt(catalog.size());
                double dec = Math.max(-90, Math.min(90, catalog.decDeg(i) + random.nextGaussian() / 3600));
                q[k] = new double[] {SkyMath.normalizeRaDeg(catalog.raDeg(i) + random.nextGaussian() / 3600
                    / Math.max(1e-6, Math.cos(Math.toRadians(dec)))), dec};
            } else {
                q[k] = new double[] {360 * random.nextDouble(), Math.toDegrees(Math.asin(2 * random.nextDouble() - 1))};
            }
        }
        return q;
    }

    private static void writeInputs(Path dir, SkyCatalog catalog, double[][] q) throws IOException {
        Path sources = dir.resolve("sources.csv");
        if (!Files.exists(sources) || Files.getLastModifiedTime(sources).compareTo(
                Files.getLastModifiedTime(dir.resolve("synthetic-" + catalog.size() + ".skycat"))) < 0) {
            // sources.bin: (ra, dec) little-endian doubles, for numpy; sources.csv: id,ra,dec for PostgreSQL COPY.
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve("sources.bin"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 << 20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < catalog.size(); i++) {
                    b.putDouble(catalog.raDeg(i)).putDouble(catalog.decDeg(i));
                    if (!b.hasRemaining() || i == catalog.size() - 1) {
                        b.flip();
                        while (b.hasRemaining()) {
                            ch.write(b);
                        }
                        b.clear();
                    }
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(sources)) {
                StringBuilder sb = new StringBuilder(64);
                for (int i = 0; i < catalog.size(); i++) {
                    sb.setLength(0);
                    sb.append(i).append(',').append(catalog.raDeg(i)).append(',').append(catalog.decDeg(i)).append('\n');
                    w.append(sb);
                }
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("queries.csv"))) {
            for (double[] c : q) {
                w.append(String.format(Locale.ROOT, "%.12f,%.12f,%s%n", c[0], c[1], RADIUS_ARCSEC));
            }
        }
    }

    /** Every source of a 100 k slice tested per cone: the no-index baseline. */
    private static void bruteForce(SkyCatalog catalog, double[][] q) {
        int n = Math.min(BRUTE_SOURCES, catalog.size());
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        double[] v = new double[3];
        for (int i = 0; i < n; i++) {
            catalog.unitVectorAt(i, Double.NaN, v);
            x[i] = v[0];
            y[i] = v[1];
            z[i] = v[2];
        }
        double limit = Math.pow(2 * Math.sin(Math.toRadians(RADIUS_ARCSEC / 3600) / 2), 2);
        int count = Math.min(q.length, 2000);
        long hits = 0;
        Histogram h = new Histogram(3);
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < count; k++) {
                SkyMath.unitVector(q[k][0], q[k][1], v);
                long s = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    double dx = v[0] - x[i];
                    double dy = v[1] - y[i];
                    double dz = v[2] - z[i];
                    if (dx * dx + dy * dy + dz * dz <= limit) {
                        hits++;
                    }
                }
                if (pass == 1) {
                    h.recordValue(System.nanoTime() - s);
                }
            }
        }
        result("brute100k_sources", n);
        result("brute100k_p50_ns", h.getValueAtPercentile(50));
        result("brute100k_qps", 1e9 / h.getMean());
        result("brute100k_hits", hits);
    }

    /**
     * The suggested storage: a persisted Chronicle Map from sky cell to the packed unit vectors of its
     * sources, on a 1 M-source catalog. Timed per cone: the one lookup of the cone centre's cell (zero-copy,
     * through a query context) plus the candidate tests. That is a lower bound on a full cone search over it
     * (which needs 1-4 cells), compared with the complete Skyring search on the same 1 M catalog.
     */
    private static void chronicleMap(Path dir, double[][] q) throws IOException {
        Path smallFile = dir.resolve("synthetic-" + MAP_SOURCES + ".skycat");
        if (!Files.exists(smallFile)) {
            SyntheticCatalog.generate(MAP_SOURCES, 42).writeTo(smallFile);
        }
        SkyCatalog small = SkyCatalog.open(smallFile); // mapped, like the 10 M one: same storage as the map
        Path mapFile = dir.resolve("cells-" + MAP_SOURCES + ".cmap");
        Files.deleteIfExists(mapFile);
        int occupied = 0;
        for (int c = 0; c < small.cellCount(); c++) {
            occupied += small.cellStart(c + 1) > small.cellStart(c) ? 1 : 0;
        }
        long t0 = System.nanoTime();
        double[] v = new double[3];
        try (ChronicleMap<Integer, byte[]> map = ChronicleMap.of(Integer.class, byte[].class)
                .name("catalog-cells").entries(occupied).averageValueSize(24.0 * MAP_SOURCES / occupied + 8)
                .createPersistedTo(mapFile.toFile())) {
            for (int c = 0; c < small.cellCount(); c++) {
                int from = small.cellStart(c);
                int to = small.cellStart(c + 1);
                if (to > from) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((to - from) * 24)
                        .order(java.nio.ByteOrder.nativeOrder()); // Chronicle reads native order
                    for (int i = from; i < to; i++) {
                        small.unitVectorAt(i, Double.NaN, v);
                        b.putDouble(v[0]).putDouble(v[1]).putDouble(v[2]);
                    }
                    map.put(c, b.array());
                }
            }
        }
        result("cmap_build_seconds", (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        try (ChronicleMap<Integer, byte[]> map = ChronicleMap.of(Integer.class, byte[].class)
                .name("catalog-cells").entries(occupied).averageValueSize(24.0 * MAP_SOURCES / occupied + 8)
                .createPersistedTo(mapFile.toFile())) { // an existing file is opened, not rebuilt
            result("cmap_open_ms", (System.nanoTime() - t0) / 1e6);
            double limit = Math.pow(2 * Math.sin(Math.toRadians(RADIUS_ARCSEC / 3600) / 2), 2);
            Integer[] keys = new Integer[q.length]; // boxed up front: key boxing is not charged to the map
            for (int k = 0; k < q.length; k++) {
                keys[k] = small.cellOf(q[k][0], q[k][1]);
            }
            Histogram hm = new Histogram(3);
            Histogram hs = new Histogram(3);
            ConeResult out = new ConeResult(64);
            long hits = 0;
            long skyringHits = 0;
            for (int pass = 0; pass < 4; pass++) {
                for (int k = 0; k < q.length; k++) {
                    SkyMath.unitVector(q[k][0], q[k][1], v);
                    long s = System.nanoTime();
                    try (ExternalMapQueryContext<Integer, byte[], ?> ctx = map.queryContext(keys[k])) {
                        MapEntry<Integer, byte[]> e = ctx.entry();
                        if (e != null) {
                            Data<byte[]> value = e.value();
                            net.openhft.chronicle.bytes.RandomDataInput in = value.bytes();
                            long off = value.offset();
                            long end = off + value.size();
                            for (long p = off; p + 24 <= end; p += 24) {
                                double dx = v[0] - in.readDouble(p);
                                double dy = v[1] - in.readDouble(p + 8);
                                double dz = v[2] - in.readDouble(p + 16);
                                if (dx * dx + dy * dy + dz * dz <= limit) {
                                    hits++;
                                }
                            }
                        }
                    }
                    long m = System.nanoTime();
                    skyringHits += small.search(q[k][0], q[k][1], RADIUS_ARCSEC, out);
                    long e2 = System.nanoTime();
                    if (pass >= 2) {
                        hm.recordValue(m - s);
                        hs.recordValue(e2 - m);
                    }
                }
            }
            result("cmap_sources", MAP_SOURCES);
            result("cmap_one_cell_p50_ns", hm.getValueAtPercentile(50));
            result("cmap_one_cell_p99_ns", hm.getValueAtPercentile(99));
            result("skyring_1m_p50_ns", hs.getValueAtPercentile(50));
            result("skyring_1m_p99_ns", hs.getValueAtPercentile(99));
            result("cmap_one_cell_hits", hits); // <= Skyring's: one cell of the 1-4 a cone touches
            result("skyring_1m_hits", skyringHits);
        }
        Files.deleteIfExists(mapFile);
    }

    private static void result(String name, double value) {
        System.out.println(String.format(Locale.ROOT, "RESULT %s %s", name,
            value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.4g", value)));
    }
}
