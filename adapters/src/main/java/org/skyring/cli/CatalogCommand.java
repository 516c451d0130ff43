package org.skyring.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.skyring.catalog.ConeResult;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.catalog.load.CatalogLoader;
import org.skyring.catalog.load.CatalogLoaders;
import org.skyring.catalog.load.LoadReport;
import org.skyring.engine.config.SkyringConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;
import java.util.zip.CRC32C;

/** {@code skyring catalog build|query|info}: the persisted sky index the known-object filter maps. */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Build, query and describe a persisted sky catalog (memory-mapped cone-search index).",
        subcommands = {CatalogCommand.Build.class, CatalogCommand.Query.class, CatalogCommand.Info.class})
final class CatalogCommand {

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Load catalogs (FORMAT: " + CatalogLoaders.FORMATS + ") or a synthetic sky into a catalog file.")
    static final class Build implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "Catalog file to write (replaced atomically).")
        Path out;

        @Option(names = "--input", description = "FORMAT:PATH, repeatable; FORMAT is one of " + CatalogLoaders.FORMATS
                + " (csv columns: known_objects.csv in the config).")
        List<String> inputs = new ArrayList<>();

        @Option(names = "--synthetic", description = "Add N synthetic sources (the demo's sky for the same N and seed).")
        Integer synthetic;

        @Option(names = "--seed", description = "Synthetic seed (default: known_objects.synthetic_seed).")
        Long seed;

        @Option(names = "--config", description = "Config file (default: the shipped config/skyring.yaml).")
        Path config;

        @Override
        public Integer call() throws IOException {
            if (inputs.isEmpty() && synthetic == null) {
                throw new IllegalArgumentException("catalog build: give --input FORMAT:PATH and/or --synthetic N");
            }
            final SkyringConfig cfg = EngineAssembly.config(config);
            final long t0 = System.nanoTime();
            final SkyCatalog.Builder builder = new SkyCatalog.Builder();
            final List<String> versionParts = new ArrayList<>();
            final PrintStream err = System.err;
            int rejected = 0;
            for (final String input : inputs) {
                final int colon = input.indexOf(':');
                if (colon <= 0) {
                    throw new IllegalArgumentException("--input " + input + ": expected FORMAT:PATH, e.g. hipparcos:hip_main.dat.gz");
                }
                final CatalogLoader loader = CatalogLoaders.forFormat(input.substring(0, colon), cfg.knownObjects().csv());
                final Path path = Path.of(input.substring(colon + 1));
                if (!Files.isRegularFile(path)) {
                    throw new IllegalArgumentException("--input " + input + ": no such file " + path);
                }
                final LoadReport report = loader.load(path, builder, progressBar(err, input));
                err.println();
                err.printf(Locale.ROOT, "  %s: %d added, %d skipped, %d rejected%n", input, report.addedCount(),
                        report.skippedCount(), report.rejectedCount());
                report.problems().forEach(p -> err.println("  rejected " + p));
                rejected += report.rejectedCount();
                versionParts.add(loader.origin() + "-" + crc(path));
                builder.provenance("input." + versionParts.size(), input + " (" + report.addedCount() + " added, "
                        + report.skippedCount() + " skipped, " + report.rejectedCount() + " rejected)");
            }
            String version;
            if (synthetic != null) {
                final long s = seed != null ? seed : cfg.knownObjects().syntheticSeed();
                version = SyntheticCatalog.addTo(builder, synthetic, s, progressBar(err, "synthetic " + synthetic));
                err.println();
                builder.provenance("input." + (versionParts.size() + 1), "synthetic " + synthetic + " seed " + s);
                if (!versionParts.isEmpty()) {
                    versionParts.add(version);
                    version = String.join("+", versionParts);
                }
            } else {
                version = String.join("+", versionParts) + "-" + builder.size();
            }
            builder.provenance("built_at", Instant.now().toString());
            builder.provenance("built_by", "skyring " + org.skyring.engine.EngineVersion.VERSION);
            final SkyCatalog catalog = builder.build(version);
            catalog.writeTo(out);
            final double seconds = (System.nanoTime() - t0) / 1e9;
            final Map<SourceType, Long> types = typeCounts(catalog);
            final StringBuilder line = new StringBuilder();
            types.forEach((t, n) -> line.append(line.length() == 0 ? "" : ", ").append(t.key()).append(' ').append(n));
            System.out.printf(Locale.ROOT, "catalog %s: %d sources (%s), %d rejected rows, built in %.2f s, version %s%n",
                    out, catalog.size(), line, rejected, seconds, catalog.version());
            return 0;
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true,
            description = "Cone search: one cone (--ra --dec --radius-arcsec) or many (--queries FILE.csv -> JSON lines).")
    static final class Query implements Callable<Integer> {
        @Option(names = "--catalog", required = true, description = "Catalog file.")
        Path catalogFile;

        @Option(names = "--ra", description = "Cone centre RA, degrees.")
        Double ra;

        @Option(names = "--dec", description = "Cone centre Dec, degrees.")
        Double dec;

        @Option(names = "--radius-arcsec", description = "Cone radius, arcseconds.")
        Double radius;

        @Option(names = "--epoch", description = "Observation epoch (Julian year, e.g. 2026.5): move stars by their proper"
                + " motion first. Without it, positions as the catalog gives them.")
        Double epoch;

        @Option(names = "--queries", description = "CSV with header id,ra,dec,radius_arcsec[,epoch]; one JSON line per query.")
        Path queries;

        @Option(names = "--out", description = "Write the JSON lines here (default: standard output).")
        Path out;

        @Override
        public Integer call() throws IOException {
            final SkyCatalog catalog = SkyCatalog.open(catalogFile);
            final ConeResult result = new ConeResult(256);
            if (queries == null) {
                if (ra == null || dec == null || radius == null) {
                    throw new IllegalArgumentException("catalog query: give --ra, --dec and --radius-arcsec, or --queries FILE.csv");
                }
                final int n = catalog.search(ra, dec, radius, epoch == null ? Double.NaN : epoch, result);
                System.out.printf(Locale.ROOT, "%d match%s within %s\" of (%s, %s)%s in %s%n", n, n == 1 ? "" : "es",
                        radius, ra, dec, epoch == null ? "" : " at epoch " + epoch, catalog.version());
                for (int k = 0; k < n; k++) {
                    final int i = result.index(k);
                    System.out.printf(Locale.ROOT, "  %-20s %-20s %12.6f\"  ra=%.8f dec=%+.8f mag=%.2f %s%n", catalog.sourceId(i),
                            catalog.type(i).key(), result.separationArcsec(k), catalog.raDeg(i), catalog.decDeg(i),
                            catalog.mag(i), catalog.origin(i));
                }
                return 0;
            }
            final ObjectMapper json = new ObjectMapper();
            json.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            try (BufferedReader in = Files.newBufferedReader(queries, StandardCharsets.UTF_8);
                 Writer w = out == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                         : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                final String header = in.readLine();
                final List<String> columns = header == null ? List.of() : List.of(header.trim().split("\\s*,\\s*"));
                final int id = column(columns, "id");
                final int raCol = column(columns, "ra");
                final int decCol = column(columns, "dec");
                final int radiusCol = column(columns, "radius_arcsec");
                final int epochCol = columns.indexOf("epoch");
                String line;
                int lineNo = 1;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    final String[] f = line.split(",", -1);
                    final String where = queries + ":" + lineNo;
                    final int n = catalog.search(number(f, raCol, "ra", where), number(f, decCol, "dec", where),
                            number(f, radiusCol, "radius_arcsec", where),
                            epochCol >= 0 && epochCol < f.length && !f[epochCol].isBlank()
                                    ? number(f, epochCol, "epoch", where) : Double.NaN, result);
                    final Map<String, Object> record = new java.util.LinkedHashMap<>();
                    record.put("id", f[id].trim());
                    final List<Map<String, Object>> matches = new ArrayList<>(n);
                    for (int k = 0; k < n; k++) {
                        final Map<String, Object> m = new java.util.LinkedHashMap<>();
                        m.put("source_id", catalog.sourceId(result.index(k)));
                        m.put("type", catalog.type(result.index(k)).key());
                        m.put("sep_arcsec", result.separationArcsec(k));
                        matches.add(m);
                    }
                    record.put("matches", matches);
                    json.writeValue(w, record);
                    w.write('\n');
                }
            }
            return 0;
        }

        private static int column(final List<String> columns, final String name) {
            final int i = columns.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("--queries: header " + columns + " has no column \"" + name
                        + "\" (expected id,ra,dec,radius_arcsec[,epoch])");
            }
            return i;
        }

        private static double number(final String[] f, final int col, final String name, final String where) {
            final String v = col < f.length ? f[col].trim() : "";
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": field '" + name + "' = '" + v + "': not a number");
            }
        }
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Counts, types, sky coverage and provenance.")
    static final class Info implements Callable<Integer> {
        @Option(names = "--catalog", required = true, description = "Catalog file.")
        Path catalogFile;

        @Override
        public Integer call() throws IOException {
            final long t0 = System.nanoTime();
            final SkyCatalog catalog = SkyCatalog.open(catalogFile);
            final double openMs = (System.nanoTime() - t0) / 1e6;
            final PrintStream o = System.out;
            o.printf(Locale.ROOT, "catalog      %s (%,d bytes, opened in %.1f ms)%n", catalogFile, Files.size(catalogFile), openMs);
            o.printf(Locale.ROOT, "version      %s%n", catalog.version());
            o.printf(Locale.ROOT, "sources      %,d%n", catalog.size());
            typeCounts(catalog).forEach((t, n) -> o.printf(Locale.ROOT, "  %-22s %,d%n", t.key(), n));
            final Map<String, Long> origins = new java.util.TreeMap<>();
            for (int i = 0; i < catalog.size(); i++) {
                origins.merge(catalog.origin(i), 1L, Long::sum);
            }
            o.println("origins");
            origins.forEach((name, n) -> o.printf(Locale.ROOT, "  %-22s %,d%n", name, n));
            int occupied = 0;
            double area = 0;
            for (int c = 0; c < catalog.cellCount(); c++) {
                if (catalog.cellStart(c + 1) > catalog.cellStart(c)) {
                    occupied++;
                    area += catalog.cellAreaSqDeg(c);
                }
            }
            final double sky = 4 * Math.PI * Math.pow(180 / Math.PI, 2);
            o.printf(Locale.ROOT, "coverage     %,d of %,d index cells hold sources: %.1f deg2, %.2f%% of the sky%n",
                    occupied, catalog.cellCount(), area, 100 * area / sky);
            o.println("provenance");
            catalog.provenance().forEach((k, v) -> o.printf(Locale.ROOT, "  %-22s %s%n", k, v));
            return 0;
        }
    }

    static Map<SourceType, Long> typeCounts(final SkyCatalog catalog) {
        final Map<SourceType, Long> counts = new EnumMap<>(SourceType.class);
        for (int i = 0; i < catalog.size(); i++) {
            counts.merge(catalog.type(i), 1L, Long::sum);
        }
        return counts;
    }

    /** A one-line progress bar on stderr, redrawn at most once per percent. */
    private static DoubleConsumer progressBar(final PrintStream err, final String label) {
        return new DoubleConsumer() {
            private int shown = -1;

            @Override
            public void accept(final double fraction) {
                final int percent = (int) (100 * Math.max(0, Math.min(1, fraction)));
                if (percent != shown) {
                    shown = percent;
                    final int filled = percent / 4;
                    err.print("\r[" + "#".repeat(filled) + ".".repeat(25 - filled) + "] " + percent + "% " + label);
                    err.flush();
                }
            }
        };
    }

    private static String crc(final Path file) throws IOException {
        final CRC32C crc = new CRC32C();
        final byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                crc.update(buf, 0, n);
            }
        }
        return String.format("%08x", crc.getValue());
    }
}
