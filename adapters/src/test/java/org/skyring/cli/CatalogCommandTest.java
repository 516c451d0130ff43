package org.skyring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.stage.KnownObjectFilter;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;
import org.skyring.testsupport.SharedData;
import picocli.CommandLine;

/** {@code skyring catalog build|info|query} on the real catalogs, then the engine's filter on the built file. */
class CatalogCommandTest {

    @TempDir
    Path dir;

    private String run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            int exit = new CommandLine(new SkyringCli()).execute(args);
            assertEquals(0, exit, "skyring " + String.join(" ", args));
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void buildsRealCatalogsQueriesThemAndTheEngineFlagsMatches() throws Exception {
        Path hip = SharedData.require("catalogs/hipparcos/hip_main.dat.gz");
        Path bsc = SharedData.require("catalogs/bsc5/bsc5.dat");
        Path ngc = SharedData.require("catalogs/openngc/NGC.csv");
        Path file = dir.resolve("real.skycat");

        String built = run("catalog", "build", "--out", file.toString(), "--input", "hipparcos:" + hip,
            "--input", "bsc5:" + bsc, "--input", "openngc:" + ngc);
        int total = 9933 + 9096 + 13308;
        assertTrue(built.contains(total + " sources"), built);
        assertTrue(built.contains("galaxy 10749"), built); // OpenNGC G + GPair + GTrpl + GGroup
        assertTrue(built.contains(" 0 rejected rows"), built);

        String info = run("catalog", "info", "--catalog", file.toString());
        assertTrue(info.contains("sources      " + String.format("%,d", total)), info);
        assertTrue(info.contains("hipparcos") && info.contains("bsc5") && info.contains("openngc"), info);
        assertTrue(info.contains("coverage"), info);

        // M31's nucleus (OpenNGC 00:42:44.35 +41:16:08.6): NGC 224 at 0".
        Path queries = dir.resolve("q.csv");
        Files.writeString(queries, "id,ra,dec,radius_arcsec\nm31,10.684791667,41.269055556,2\nvega,279.234583,38.783667,10\n"
            + "empty,0,0,0.1\n");
        Path out = dir.resolve("matches.jsonl");
        run("catalog", "query", "--catalog", file.toString(), "--queries", queries.toString(), "--out", out.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode m31 = json.readTree(lines.get(0));
        assertEquals("m31", m31.get("id").asText());
        assertEquals("NGC 224", m31.get("matches").get(0).get("source_id").asText());
        assertEquals("galaxy", m31.get("matches").get(0).get("type").asText());
        assertTrue(m31.get("matches").get(0).get("sep_arcsec").asDouble() < 0.01);
        JsonNode vega = json.readTree(lines.get(1));
        assertEquals(2, vega.get("matches").size(), lines.get(1)); // HIP 91262 and HR 7001, J1991.25 vs J2000
        assertEquals(0, json.readTree(lines.get(2)).get("matches").size());

        String single = run("catalog", "query", "--catalog", file.toString(), "--ra", "10.684791667", "--dec",
            "41.269055556", "--radius-arcsec", "2");
        assertTrue(single.contains("NGC 224"), single);

        // The engine on the same file: Barnard's star observed now matches where it is now, as a known star.
        SkyringConfig cfg = SkyringConfig.parse("known_objects:\n  catalog: \"" + file + "\"\n");
        SkyCatalog catalog = EngineAssembly.catalog(cfg);
        assertEquals(total, catalog.size());
        KnownObjectFilter filter = new KnownObjectFilter(cfg.knownObjects(), catalog);
        ObservationRecord o = new ObservationRecord();
        o.observationTimeNanos = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() * 1_000_000L;
        double dt = 2026.0 - 1991.25;
        o.decDeg = 4.66828815 + 10326.93 * dt / 3.6e6;
        o.raDeg = 269.45402305 - 797.84 * dt / 3.6e6 / Math.cos(Math.toRadians(4.66828815));
        DecisionRecord d = new DecisionRecord();
        long rules = filter.match(o, d);
        assertTrue((rules & Rule.KNOWN_CATALOG_STAR.mask()) != 0, Rule.describe(rules));
        assertEquals("HIP 87937", d.matchSourceId.toString());
        assertEquals(SourceType.STAR.code(), d.matchType);

        // A transient 3" from M31's nucleus: the galaxy is recorded as host, nothing suppresses it.
        ObservationRecord sn = new ObservationRecord();
        sn.observationTimeNanos = o.observationTimeNanos;
        sn.raDeg = 10.684791667;
        sn.decDeg = 41.269055556 + 3 / 3600.0;
        DecisionRecord h = new DecisionRecord();
        long hostRules = filter.match(sn, h);
        assertEquals("NGC 224", h.hostId.toString());
        assertEquals(Rule.HOST_GALAXY.mask(), hostRules & ~Rule.BRIGHT_STAR_HALO.mask(), Rule.describe(hostRules));
        assertTrue(h.matchSourceId.isEmpty());
    }

    @Test
    void syntheticBuildIsTheDemoSky() throws Exception {
        Path file = dir.resolve("syn.skycat");
        String built = run("catalog", "build", "--out", file.toString(), "--synthetic", "5000", "--seed", "42");
        assertTrue(built.contains("5000 sources"), built);
        SkyCatalog opened = SkyCatalog.open(file);
        SkyCatalog demo = EngineAssembly.catalog(SkyringConfig.parse("known_objects:\n  synthetic_sources: 5000\n"));
        assertEquals(demo.version(), opened.version());
        for (int i = 0; i < demo.size(); i += 97) {
            assertEquals(demo.sourceId(i), opened.sourceId(i));
            assertEquals(demo.raDeg(i), opened.raDeg(i), 0.0);
        }
    }

    @Test
    void badCatalogPathInConfigNamesTheKey() {
        SkyringConfig cfg = SkyringConfig.parse("known_objects:\n  catalog: no/such.skycat\n");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> EngineAssembly.catalog(cfg));
        assertTrue(e.getMessage().contains("known_objects.catalog") && e.getMessage().contains("no/such.skycat"),
            e.getMessage());
    }
}
