package org.skyring.cli.report;

import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The PNG latency report: a JFreeChart percentile distribution plot (log percentile axis, as HistogramLogAnalyzer
 * draws it; log latency axis, so a 100 ns stage and a 10 ms end-to-end tail are both readable), one line per
 * stage, with the summary table drawn below it.
 */
public final class LatencyChartPng {
    public static final int WIDTH = 1200;
    static final int CHART_HEIGHT = 640;
    static final int ROW_HEIGHT = 24;
    static final int TABLE_MARGIN = 24;
    /** Distinguishable colours (Tableau 10), one per tag. */
    static final Color[] PALETTE = {new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
        new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1), new Color(0xFF9DA7),
        new Color(0x9C755F), new Color(0xBAB0AC)};

    private LatencyChartPng() {
    }

    /** Height of the image for a profile with {@code tags} tags: the chart, then a header row and one row a tag. */
    public static int heightFor(final int tags) {
        return CHART_HEIGHT + TABLE_MARGIN + (tags + 1) * ROW_HEIGHT + TABLE_MARGIN;
    }

    public static void write(final LatencyProfile profile, final Path png) {
        final BufferedImage image = render(profile);
        try {
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    static BufferedImage render(final LatencyProfile profile) {
        final Map<String, Histogram> totals = profile.totals();
        final BufferedImage image = new BufferedImage(WIDTH, heightFor(totals.size()), BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            chart(profile).draw(g, new Rectangle2D.Double(0, 0, WIDTH, CHART_HEIGHT));
            drawTable(g, profile);
        } finally {
            g.dispose();
        }
        return image;
    }

    static JFreeChart chart(final LatencyProfile profile) {
        final XYSeriesCollection data = new XYSeriesCollection();
        profile.totals().forEach((tag, h) -> {
            final XYSeries series = new XYSeries(tag, false, true);
            for (final double[] p : LatencyProfile.percentileCurve(h)) {
                series.add(p[0], p[1]);
            }
            data.addSeries(series);
        });
        final JFreeChart chart = ChartFactory.createXYLineChart("Latency by percentile", "percentile",
                "latency (microseconds)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "%s: %d intervals over %.1f s",
                profile.source().getFileName(), profile.intervals(), profile.spanSeconds())));
        chart.setBackgroundPaint(Color.WHITE);
        final XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final LogAxis x = new LogAxis("percentile");
        x.setBase(10);
        x.setTickUnit(new NumberTickUnit(1)); // one tick per decade: 0%, 90%, 99%, 99.9%...
        x.setNumberFormatOverride(new PercentileFormat());
        x.setRange(1, LatencyProfile.MAX_PLOT_X);
        plot.setDomainAxis(x);
        final LogAxis y = new LogAxis("latency (microseconds, log scale)");
        y.setBase(10);
        y.setTickUnit(new NumberTickUnit(1));
        y.setNumberFormatOverride(NumberFormat.getNumberInstance(Locale.ROOT));
        y.setSmallestValue(1e-3);
        plot.setRangeAxis(y);
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
        }
        plot.setRenderer(renderer);
        return chart;
    }

    private static void drawTable(final Graphics2D g, final LatencyProfile profile) {
        final List<String> headers = LatencyProfile.headers();
        final int[] columns = new int[headers.size() + 3];
        columns[0] = 40;
        for (int i = 1; i < columns.length; i++) {
            columns[i] = 300 + (i - 1) * 118; // right edges of the numeric columns
        }
        final Font header = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        final Font body = new Font(Font.MONOSPACED, Font.PLAIN, 15);
        int yPos = CHART_HEIGHT + TABLE_MARGIN + ROW_HEIGHT - 6;
        g.setColor(Color.BLACK);
        g.setFont(header);
        g.drawString("tag", columns[0], yPos);
        right(g, "count", columns[1], yPos);
        for (int i = 0; i < headers.size(); i++) {
            right(g, headers.get(i), columns[2 + i], yPos);
        }
        right(g, "max us", columns[columns.length - 1], yPos);
        g.setFont(body);
        int row = 0;
        for (final LatencyProfile.Row r : profile.table()) {
            yPos += ROW_HEIGHT;
            g.setColor(PALETTE[row++ % PALETTE.length]);
            g.fillRect(columns[0] - 22, yPos - 12, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(r.tag(), columns[0], yPos);
            right(g, String.format(Locale.ROOT, "%,d", r.count()), columns[1], yPos);
            for (int i = 0; i < r.percentiles().length; i++) {
                right(g, LatencyProfile.micros(r.percentiles()[i]), columns[2 + i], yPos);
            }
            right(g, LatencyProfile.micros(r.max()), columns[columns.length - 1], yPos);
        }
    }

    private static void right(final Graphics2D g, final String text, final int rightEdge, final int y) {
        g.drawString(text, rightEdge - g.getFontMetrics().stringWidth(text), y);
    }

    /** Labels x = 1 / (1 - p) ticks with their percentile. */
    private static final class PercentileFormat extends NumberFormat {
        @Override
        public StringBuffer format(final double number, final StringBuffer toAppendTo, final FieldPosition pos) {
            return toAppendTo.append(LatencyProfile.percentileLabel(number));
        }

        @Override
        public StringBuffer format(final long number, final StringBuffer toAppendTo, final FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(final String source, final ParsePosition parsePosition) {
            throw new UnsupportedOperationException("labels only");
        }
    }
}
