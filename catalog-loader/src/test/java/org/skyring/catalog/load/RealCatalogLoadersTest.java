package org.skyring.catalog.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.catalog.ConeResult;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.testsupport.SharedData;

/** The loaders on the real files in ../shared/data/catalogs; expected values read off those files. */
class RealCatalogLoadersTest {

    @TempDir
    Path dir;

    static SkyCatalog load(CatalogLoader loader, Path file, List<LoadReport> reports) throws IOException {
        SkyCatalog.Builder builder = new SkyCatalog.Builder();
        reports.add(loader.load(file, builder, f -> { }));
        return builder.build(loader.origin());
    }

    @Test
    void hipparcosCountsPositionsEpochAndVariability() throws IOException {
        Path file = SharedData.require("catalogs/hipparcos/hip_main.dat.gz");
        List<LoadReport> reports = new ArrayList<>();
        SkyCatalog hip = load(new HipparcosLoader(), file, reports);
        LoadReport report = reports.get(0);

        assertEquals(9933, hip.size(), "PROVENANCE.md: 9,933 stars");
        assertEquals(0, report.rejectedCount(), String.valueOf(report.problems()));
        // H52: P 512 + U 1,095 + M 503 + R 20 variable; C 3,261 + D 1,109 + blank 3,433 constant.
        assertEquals(512 + 1095 + 503 + 20, report.addedByType().get(SourceType.VARIABLE_STAR));
        assertEquals(3261 + 1109 + 3433, report.addedByType().get(SourceType.STAR));

        int polaris = indexOf(hip, "HIP 11767"); // H52 'P'
        assertEquals(37.94614689, hip.raDeg(polaris), 1e-12);
        assertEquals(89.26413805, hip.decDeg(polaris), 1e-12);
        assertEquals(SourceType.VARIABLE_STAR, hip.type(polaris));
        assertEquals(1991.25, hip.epochJyear(polaris), 0.0);
        assertEquals(44.22, hip.pmRaMasPerYear(polaris), 1e-4);
        assertEquals(-11.74, hip.pmDecMasPerYear(polaris), 1e-4);
        assertEquals(7.56, hip.parallaxMas(polaris), 1e-4);
        assertEquals(1.97, hip.mag(polaris), 1e-12);
        assertEquals(2.756, hip.mag2(polaris), 1e-5);
        assertEquals("hipparcos", hip.origin(polaris));
        assertEquals(SourceType.STAR, hip.type(indexOf(hip, "HIP 19"))); // H52 'C'
        assertEquals(SourceType.STAR, hip.type(indexOf(hip, "HIP 87937"))); // Barnard's star, H52 blank
        int noSolution = indexOf(hip, "HIP 120412"); // H8 blank: sexagesimal 05 23 33.71 -60 55 29.0
        assertEquals(15 * (5 + 23 / 60.0 + 33.71 / 3600), hip.raDeg(noSolution), 1e-9);
        assertEquals(-(60 + 55 / 60.0 + 29.0 / 3600), hip.decDeg(noSolution), 1e-9);
        assertTrue(Double.isNaN(hip.pmRaMasPerYear(noSolution)));

        // Barnard's star (10.3"/yr) is a fast mover: at 2026.0 it is 358" north of its J1991.25 position.
        ConeResult r = new ConeResult();
        int barnard = indexOf(hip, "HIP 87937");
        double dt = 2026.0 - 1991.25;
        double dec2026 = 4.66828815 + 10326.93 * dt / 3.6e6;
        double ra2026 = 269.45402305 - 797.84 * dt / 3.6e6 / Math.cos(Math.toRadians(4.66828815));
        assertEquals(0, hip.search(ra2026, dec2026, 2.0, r), "no epoch: the 1991.25 position");
        assertEquals(1, hip.search(ra2026, dec2026, 2.0, 2026.0, r));
        assertEquals(barnard, r.index(0));
        assertTrue(r.separationArcsec(0) < 0.5, "linear RA/Dec estimate within 0.5\": " + r.separationArcsec(0));
    }

    @Test
    void bsc5CountsPositionsAndVariability() throws IOException {
        Path file = SharedData.require("catalogs/bsc5/bsc5.dat");
        List<LoadReport> reports = new ArrayList<>();
        SkyCatalog bsc = load(new Bsc5Loader(), file, reports);

        // 9,096 lines, HR 1 .. HR 9110 (PROVENANCE.md says 9,095: `wc -l` misses the unterminated last line).
        assertEquals(9096, bsc.size());
        assertEquals(SourceType.VARIABLE_STAR, bsc.type(indexOf(bsc, "HR 9110"))); // the last line: "V567 Cas"
        assertEquals(0, reports.get(0).rejectedCount(), String.valueOf(reports.get(0).problems()));
        int vega = indexOf(bsc, "HR 7001"); // 183656.3+384701, V 0.03, B-V 0.00, pm +0.202 +0.286, plx .123
        assertEquals(15 * (18 + 36 / 60.0 + 56.3 / 3600), bsc.raDeg(vega), 1e-9);
        assertEquals(38 + 47 / 60.0 + 1 / 3600.0, bsc.decDeg(vega), 1e-9);
        assertEquals(0.03, bsc.mag(vega), 1e-12);
        assertEquals(0.03, bsc.mag2(vega), 1e-6);
        assertEquals(202.0, bsc.pmRaMasPerYear(vega), 1e-3);
        assertEquals(286.0, bsc.pmDecMasPerYear(vega), 1e-3);
        assertEquals(123.0, bsc.parallaxMas(vega), 1e-3);
        assertEquals(2000.0, bsc.epochJyear(vega), 0.0);
        assertEquals(SourceType.VARIABLE_STAR, bsc.type(vega)); // VarID "Alp Lyr"
        assertEquals(SourceType.VARIABLE_STAR, bsc.type(indexOf(bsc, "HR 424"))); // "Alp UMi"
        assertEquals(SourceType.STAR, bsc.type(indexOf(bsc, "HR 1"))); // VarID blank
        assertEquals(SourceType.STAR, bsc.type(indexOf(bsc, "HR 3"))); // "Var?": only suspected
        long variables = countType(bsc, SourceType.VARIABLE_STAR);
        // VarID non-blank in 2,172 rows, of which 84 are "Var?" and 1,139 bare NSV numbers (counted with awk).
        assertEquals(2172 - 84 - 1139, variables);
    }

    @Test
    void openNgcSkipsDuplicatesAndKeepsGalaxiesWithRedshift() throws IOException {
        Path file = SharedData.require("catalogs/openngc/NGC.csv");
        List<LoadReport> reports = new ArrayList<>();
        SkyCatalog ngc = load(new OpenNgcLoader(), file, reports);
        LoadReport report = reports.get(0);

        assertEquals(0, report.rejectedCount(), String.valueOf(report.problems()));
        assertEquals(13969 - 651 - 10, ngc.size(), "13,969 rows minus 651 Dup and 10 NonEx");
        assertEquals(651 + 10 + 1, report.skippedCount(), "Dup, NonEx and the header row");
        assertEquals(10481 + 231 + 26 + 11, report.addedByType().get(SourceType.GALAXY), "G, GPair, GTrpl, GGroup");
        assertEquals(3, report.addedByType().get(SourceType.CATACLYSMIC_VARIABLE), "Nova");
        int m31 = indexOf(ngc, "NGC 224");
        assertEquals(SourceType.GALAXY, ngc.type(m31));
        assertEquals(15 * (42 / 60.0 + 44.35 / 3600), ngc.raDeg(m31), 1e-9);
        assertEquals(41 + 16 / 60.0 + 8.6 / 3600, ngc.decDeg(m31), 1e-9);
        assertEquals(3.44, ngc.mag(m31), 1e-12);
        assertEquals(4.29, ngc.mag2(m31), 1e-6);
        assertEquals(-0.001, ngc.redshift(m31), 1e-9);
        assertTrue(Double.isNaN(ngc.pmRaMasPerYear(m31)));
        assertEquals(SourceType.OTHER, ngc.type(indexOf(ngc, "NGC 1952"))); // SNR (Crab)
        assertEquals(SourceType.GALAXY, ngc.type(indexOf(ngc, "IC 80 NED01")));
    }

    @Test
    void csvLoaderFollowsItsMappingAndRejectsBadRowsNamingFieldAndValue() throws IOException {
        Path csv = dir.resolve("mine.csv");
        Files.writeString(csv, String.join("\n",
            "source_id;ra_deg;dec_deg;kind;g;ref_epoch;pmra;pmdec",
            "1;10.5;-20.25;qso;18.2;2016.0;;",
            "2;\"359.9\";89.9;star;12.0;2016.0;5.5;-3.0",
            "3;abc;10;star;12;2016.0;;",
            "4;20;10;comet;12;2016.0;;",
            "5;20;95;star;12;2016.0;;",
            ""));
        CsvMapping mapping = new CsvMapping(';', "source_id", "Gaia DR3 ", "ra_deg", "dec_deg", "kind",
            SourceType.STAR, "g", "", "ref_epoch", 2000.0, "pmra", "pmdec", "", "", "gaia");
        List<LoadReport> reports = new ArrayList<>();
        SkyCatalog cat = load(new CsvCatalogLoader(mapping), csv, reports);
        LoadReport report = reports.get(0);

        assertEquals(2, cat.size());
        int one = indexOf(cat, "Gaia DR3 1");
        assertEquals(SourceType.AGN, cat.type(one));
        assertEquals(18.2, cat.mag(one), 1e-12);
        assertEquals(2016.0, cat.epochJyear(one), 0.0);
        assertEquals("gaia", cat.origin(one));
        int two = indexOf(cat, "Gaia DR3 2");
        assertEquals(5.5, cat.pmRaMasPerYear(two), 1e-6);
        assertEquals(3, report.rejectedCount());
        assertTrue(report.problems().get(0).contains("mine.csv:4: field 'ra_deg' = 'abc'"), report.problems().get(0));
        assertTrue(report.problems().get(1).contains("field 'kind' = 'comet'"), report.problems().get(1));
        assertTrue(report.problems().get(2).contains("decDeg outside [-90, 90]: 95"), report.problems().get(2));
    }

    static int indexOf(SkyCatalog catalog, String id) {
        for (int i = 0; i < catalog.size(); i++) {
            if (catalog.sourceId(i).equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no source " + id);
    }

    private static long countType(SkyCatalog catalog, SourceType type) {
        long n = 0;
        for (int i = 0; i < catalog.size(); i++) {
            n += catalog.type(i) == type ? 1 : 0;
        }
        return n;
    }
}
