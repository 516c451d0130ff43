package org.skyring.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cross-match stage runs a search per observation on the hot path, where garbage is a latency bug. */
class ConeSearchAllocationTest {

    private static final int QUERIES = 1024;
    private static final int MEASURED_SEARCHES = 10_000;

    @Test
    void searchAllocatesNothingInSteadyState() {
        assertNoAllocation(SyntheticCatalog.generate(200_000, 11L), Double.NaN);
    }

    @Test
    void mappedCatalogWithEpochPropagationAllocatesNothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("pm.skycat");
        CatalogFileTest.richCatalog(200_000, 12).writeTo(file);
        assertNoAllocation(SkyCatalog.open(file), 2026.5);
    }

    private static void assertNoAllocation(SkyCatalog catalog, double epoch) {
        com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "JVM cannot count allocated bytes");
        threads.setThreadAllocatedMemoryEnabled(true);

        SplittableRandom random = new SplittableRandom(3);
        double[] ra = new double[QUERIES];
        double[] dec = new double[QUERIES];
        double[] radius = new double[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            int i = random.nextInt(catalog.size());
            // Centred on sources so every search exercises the add/sort path, mixed 2" to 1800" radii.
            ra[q] = q % 7 == 0 ? 359.9999 : catalog.raDeg(i);
            dec[q] = q % 11 == 0 ? 89.999 : catalog.decDeg(i);
            radius[q] = q % 50 == 0 ? 1800.0 : (q % 5 == 0 ? 60.0 : 2.0);
        }
        ConeResult result = new ConeResult(8);
        long sink = 0;
        for (int warm = 0; warm < 30; warm++) { // lets C2 compile search and the result reach full size
            for (int q = 0; q < QUERIES; q++) {
                sink += catalog.search(ra[q], dec[q], radius[q], epoch, result);
            }
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (int s = 0; s < MEASURED_SEARCHES; s++) {
            int q = s & (QUERIES - 1);
            sink += catalog.search(ra[q], dec[q], radius[q], epoch, result);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertTrue(sink > MEASURED_SEARCHES, "searches found matches");
        // Any per-call allocation is >= 16 bytes, i.e. >= 160 KB over the run; allow slack for the probe itself.
        double perSearch = (double) allocated / MEASURED_SEARCHES;
        assertTrue(perSearch < 0.5, "allocated " + allocated + " bytes over " + MEASURED_SEARCHES
            + " searches (" + perSearch + " per search)");
    }
}
