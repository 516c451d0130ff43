package org.skyring.cli.report;

import org.HdrHistogram.Histogram;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML latency report: one self-contained page (no script, no external file) with the percentile
 * distribution plot as inline SVG drawn here (the same axes as the PNG: log percentile, log latency) and the
 * summary table as an HTML table whose cells hold the exact percentiles (microseconds, three decimals).
 */
public final class LatencyReportHtml {
    private static final int W = 1100;
    private static final int H = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 170;
    private static final int TOP = 30;
    private static final int BOTTOM = 60;

    private LatencyReportHtml() {
    }

    public static void write(final LatencyProfile profile, final Path html) {
        try {
            Files.writeString(html, render(profile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + html, e);
        }
    }

    static String render(final LatencyProfile profile) {
        final StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Skyring latency: ")
                .append(escape(profile.source().getFileName().toString())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:24px}table{border-collapse:collapse}")
                .append("td,th{padding:4px 10px;text-align:right;border-bottom:1px solid #ddd}")
                .append("td:first-child,th:first-child{text-align:left}</style></head><body>\n")
                .append("<h1>Latency by percentile</h1>\n<p>")
                .append(escape(profile.source().toString()))
                .append(String.format(Locale.ROOT, ": %d intervals over %.1f s; nanosecond histograms, shown in microseconds.</p>%n",
                        profile.intervals(), profile.spanSeconds()));
        svg(sb, profile);
        table(sb, profile);
        return sb.append("</body></html>\n").toString();
    }

    private static void svg(final StringBuilder sb, final LatencyProfile profile) {
        double yMin = Double.MAX_VALUE;
        double yMax = 0;
        for (final Histogram h : profile.totals().values()) {
            for (final double[] p : LatencyProfile.percentileCurve(h)) {
                yMin = Math.min(yMin, p[1]);
                yMax = Math.max(yMax, p[1]);
            }
        }
        if (yMax == 0) {
            yMin = 1;
            yMax = 10;
        }
        final int loDecade = (int) Math.floor(Math.log10(yMin));
        final int hiDecade = Math.max(loDecade + 1, (int) Math.ceil(Math.log10(yMax)));
        final int xDecades = (int) Math.round(Math.log10(LatencyProfile.MAX_PLOT_X));
        final double plotW = W - LEFT - RIGHT;
        final double plotH = H - TOP - BOTTOM;
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">%n", W, H, W, H));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"white\" stroke=\"#888\"/>%n",
                LEFT, TOP, plotW, plotH));
        for (int d = 0; d <= xDecades; d++) {
            final double x = LEFT + plotW * d / xDecades;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%s</text>%n", x, TOP, x, TOP + plotH, x,
                    TOP + plotH + 18, LatencyProfile.percentileLabel(Math.pow(10, d))));
        }
        for (int d = loDecade; d <= hiDecade; d++) {
            final double y = TOP + plotH - plotH * (d - loDecade) / (hiDecade - loDecade);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, y, LEFT + plotW, y, LEFT - 6,
                    y + 4, formatDecade(d)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
                LEFT + plotW / 2, H - 14));
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(20,%.0f) rotate(-90)\" text-anchor=\"middle\">"
                + "latency (microseconds, log scale)</text>%n", TOP + plotH / 2));
        int i = 0;
        for (final Map.Entry<String, Histogram> e : profile.totals().entrySet()) {
            final String colour = hex(LatencyChartPng.PALETTE[i % LatencyChartPng.PALETTE.length]);
            final StringBuilder points = new StringBuilder();
            for (final double[] p : LatencyProfile.percentileCurve(e.getValue())) {
                final double x = LEFT + plotW * Math.log10(p[0]) / xDecades;
                final double y = TOP + plotH - plotH * (Math.log10(p[1]) - loDecade) / (hiDecade - loDecade);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    colour, points.toString().trim()));
            final double ly = TOP + 10 + i * 20;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"%s\" stroke-width=\"3\"/>"
                    + "<text x=\"%.0f\" y=\"%.0f\">%s</text>%n", LEFT + plotW + 12, ly, LEFT + plotW + 36, ly, colour,
                    LEFT + plotW + 42, ly + 4, escape(e.getKey())));
            i++;
        }
        sb.append("</svg>\n");
    }

    private static void table(final StringBuilder sb, final LatencyProfile profile) {
        final List<String> headers = LatencyProfile.headers();
        sb.append("<table id=\"summary\">\n<tr><th>tag</th><th>count</th>");
        for (final String h : headers) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("<th>max us</th></tr>\n");
        for (final LatencyProfile.Row r : profile.table()) {
            sb.append("<tr><td>").append(escape(r.tag())).append("</td><td>").append(r.count()).append("</td>");
            for (final long p : r.percentiles()) {
                sb.append("<td>").append(LatencyProfile.micros(p)).append("</td>");
            }
            sb.append("<td>").append(LatencyProfile.micros(r.max())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static String formatDecade(final int d) {
        final double v = Math.pow(10, d);
        return d >= 0 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%." + (-d) + "f", v);
    }

    private static String hex(final Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String escape(final String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
