package org.skyring.cli;

import org.skyring.cli.report.LatencyChartPng;
import org.skyring.cli.report.LatencyProfile;
import org.skyring.cli.report.LatencyReportHtml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code skyring latency-report}: totals a latency interval log (DIR/latency/*.hlog) per stage and end to end,
 * prints the summary table, and with {@code --out} renders the percentile distribution plot and the table as
 * a PNG (JFreeChart) or a self-contained HTML page (inline SVG).
 */
@Command(name = "latency-report", mixinStandardHelpOptions = true,
        description = "Summarise and plot a latency interval log (.hlog).")
final class LatencyReportCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--hlog", required = true, description = "Interval log, e.g. DIR/latency/latency-*.hlog.")
    Path hlog;

    @Option(names = "--out", description = "Write the report to this .png or .html file.")
    Path out;

    @Override
    public Integer call() {
        final String outName = out == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (out != null && !outName.endsWith(".png") && !outName.endsWith(".html")) {
            throw new IllegalArgumentException("--out " + out + ": expected a file name ending in .png or .html");
        }
        final LatencyProfile profile = LatencyProfile.read(hlog);
        System.out.printf(Locale.ROOT, "skyring latency-report: %s, %d intervals over %.1f s (microseconds)%n",
                hlog, profile.intervals(), profile.spanSeconds());
        System.out.print(profile.tableText());
        if (out != null) {
            if (outName.endsWith(".png")) {
                LatencyChartPng.write(profile, out);
            } else {
                LatencyReportHtml.write(profile, out);
            }
            System.out.println("report written to " + out);
        }
        return 0;
    }
}
