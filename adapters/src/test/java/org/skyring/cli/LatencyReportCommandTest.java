package org.skyring.cli;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.cli.report.LatencyChartPng;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.metrics.MetricsAgent;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code skyring latency-report} over the .hlog of a real engine run, checked against HdrHistogram's own reader. */
class LatencyReportCommandTest {
    private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9, 99.99};

    @TempDir
    static Path dir;
    static Path hlog;

    @BeforeAll
    static void runEngine() throws Exception {
        final SkyringConfig config = SkyringConfig.parse("metrics:\n  latency_interval_ms: 100\n");
        EngineProcess.runNight(dir.resolve("data"), config, 50_000, true, new AtomicBoolean());
        try (Stream<Path> files = Files.list(dir.resolve("data").resolve(MetricsAgent.LATENCY_DIR))) {
            hlog = files.filter(f -> f.toString().endsWith(".hlog")).findFirst().orElseThrow();
        }
    }

    /** The log's intervals summed per tag with HdrHistogram's reader, independently of the report's code. */
    private static Map<String, Histogram> totals() throws Exception {
        final Map<String, Histogram> totals = new LinkedHashMap<>();
        final HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        int intervals = 0;
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            totals.computeIfAbsent(h.getTag(), t -> new Histogram(3)).add((Histogram) h);
            intervals++;
        }
        assertTrue(intervals >= 8, "one interval per tag at least: " + intervals);
        return totals;
    }

    private static int report(final Path out) {
        return new CommandLine(new SkyringCli()).execute("latency-report", "--hlog", hlog.toString(), "--out", out.toString());
    }

    @Test
    void htmlTableHoldsThePercentilesOfTheLoggedHistograms() throws Exception {
        final Path html = dir.resolve("report.html");
        assertEquals(0, report(html));
        final String page = Files.readString(html);
        assertTrue(page.contains("<svg") && page.contains("<polyline"), "an inline SVG plot");
        final Matcher row = Pattern.compile("<tr><td>([a-z_]+)</td><td>(\\d+)</td>((?:<td>[0-9.]+</td>)+)</tr>").matcher(page);
        final Map<String, Histogram> totals = totals();
        final List<String> tags = new ArrayList<>();
        while (row.find()) {
            final String tag = row.group(1);
            final Histogram h = totals.get(tag);
            assertNotNull(h, "a tag of the log: " + tag);
            tags.add(tag);
            assertEquals(h.getTotalCount(), Long.parseLong(row.group(2)), tag);
            final Matcher cell = Pattern.compile("<td>([0-9]+)\\.([0-9]{3})</td>").matcher(row.group(3));
            final List<Long> nanos = new ArrayList<>();
            while (cell.find()) {
                nanos.add(Long.parseLong(cell.group(1)) * 1000 + Long.parseLong(cell.group(2)));
            }
            assertEquals(PERCENTILES.length + 1, nanos.size(), tag);
            for (int i = 0; i < PERCENTILES.length; i++) {
                assertEquals(h.getValueAtPercentile(PERCENTILES[i]), nanos.get(i), tag + " p" + PERCENTILES[i]);
            }
            assertEquals(h.getMaxValue(), nanos.get(PERCENTILES.length), tag + " max");
        }
        assertEquals(List.copyOf(totals.keySet()), tags, "one row per tag, in log order");
        assertEquals(List.of("journal_in", "validate", "quality", "triage", "cross_match", "artifacts", "classify",
                "route", "end_to_end", "end_to_end_critical"), tags);
        assertNotEquals(0, totals.get("end_to_end").getTotalCount());
    }

    @Test
    void pngDecodesToTheChartAndTableSize() throws Exception {
        final Path png = dir.resolve("report.png");
        assertEquals(0, report(png));
        final BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG ImageIO decodes");
        assertEquals(LatencyChartPng.WIDTH, image.getWidth());
        assertEquals(LatencyChartPng.heightFor(totals().size()), image.getHeight());
        // Not blank: the plot's lines and the table's text put many distinct colours on the white page.
        final java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 50, "a drawn chart, not an empty image: " + colours.size() + " colours");
    }

    @Test
    void rejectsAnOutputThatIsNeitherPngNorHtmlNamingIt() {
        final java.io.StringWriter err = new java.io.StringWriter();
        final CommandLine cli = new CommandLine(new SkyringCli());
        cli.setErr(new java.io.PrintWriter(err));
        final int code = cli.execute("latency-report", "--hlog", hlog.toString(), "--out", "report.pdf");
        assertNotEquals(0, code);
        assertTrue(err.toString().contains("report.pdf"), err.toString());
    }
}
