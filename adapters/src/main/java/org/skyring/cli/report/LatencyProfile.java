package org.skyring.cli.report;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A latency interval log (.hlog, HdrHistogram's standard format) summed per tag over all its intervals, the way
 * HistogramLogAnalyzer totals a log: what {@code skyring latency-report} plots and tabulates. Values in the log
 * are nanoseconds (the engine's); reports show microseconds.
 */
public final class LatencyProfile {
    /** The percentiles of the summary table, in order. */
    public static final double[] TABLE_PERCENTILES = {50.0, 90.0, 99.0, 99.9, 99.99};
    /** The plot's percentile axis ends at 99.9999 % (x = 1 / (1 - p) = 10^6). */
    public static final double MAX_PLOT_X = 1e6;

    private final Path source;
    private final Map<String, Histogram> totals;
    private final int intervals;
    private final double spanSeconds;

    private LatencyProfile(final Path source, final Map<String, Histogram> totals, final int intervals,
                           final double spanSeconds) {
        this.source = source;
        this.totals = totals;
        this.intervals = intervals;
        this.spanSeconds = spanSeconds;
    }

    /** Reads every interval of {@code hlog}; fails with a message naming the file on anything unreadable. */
    public static LatencyProfile read(final Path hlog) {
        final HistogramLogReader reader;
        try {
            reader = new HistogramLogReader(hlog.toFile());
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException("--hlog " + hlog + ": no such file");
        }
        final Map<String, Histogram> totals = new LinkedHashMap<>();
        int intervals = 0;
        double first = Double.NaN;
        double last = Double.NaN;
        try {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (!(h instanceof Histogram)) {
                    throw new IllegalArgumentException("--hlog " + hlog + ": interval " + (intervals + 1)
                            + " holds a " + h.getClass().getSimpleName() + "; latency logs hold integer histograms");
                }
                final String tag = h.getTag() == null ? "untagged" : h.getTag();
                final Histogram interval = (Histogram) h;
                totals.computeIfAbsent(tag, t -> new Histogram(interval.getHighestTrackableValue(),
                        interval.getNumberOfSignificantValueDigits())).add(interval);
                if (Double.isNaN(first)) {
                    first = h.getStartTimeStamp() / 1e3;
                }
                last = h.getEndTimeStamp() / 1e3;
                intervals++;
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("--hlog")) {
                throw e;
            }
            throw new IllegalArgumentException("--hlog " + hlog + ": not a readable HdrHistogram interval log after "
                    + intervals + " intervals: " + e);
        }
        if (intervals == 0) {
            throw new IllegalArgumentException("--hlog " + hlog + ": holds no interval histogram");
        }
        return new LatencyProfile(hlog, Collections.unmodifiableMap(totals), intervals, last - first);
    }

    public Path source() {
        return source;
    }

    /** Totals by tag, in the order tags first appear in the log. */
    public Map<String, Histogram> totals() {
        return totals;
    }

    public int intervals() {
        return intervals;
    }

    public double spanSeconds() {
        return spanSeconds;
    }

    /** One row of the summary table: nanoseconds, as recorded. */
    public record Row(String tag, long count, long[] percentiles, long max, double mean) {
    }

    public List<Row> table() {
        final List<Row> rows = new ArrayList<>();
        totals.forEach((tag, h) -> {
            final long[] p = new long[TABLE_PERCENTILES.length];
            for (int i = 0; i < p.length; i++) {
                p[i] = h.getValueAtPercentile(TABLE_PERCENTILES[i]);
            }
            rows.add(new Row(tag, h.getTotalCount(), p, h.getMaxValue(), h.getMean()));
        });
        return rows;
    }

    /**
     * The percentile distribution of one tag as HistogramLogAnalyzer plots it: x = 1 / (1 - percentile), so
     * 90 %, 99 %, 99.9 % are equally spaced on a log axis; y = latency in microseconds (at least 1 ns, for a
     * log axis). Empty for a tag with no value.
     */
    public static List<double[]> percentileCurve(final Histogram h) {
        final List<double[]> points = new ArrayList<>();
        if (h.getTotalCount() == 0) {
            return points;
        }
        for (final HistogramIterationValue v : h.percentiles(5)) {
            final double p = v.getPercentileLevelIteratedTo() / 100.0;
            final double x = p >= 1.0 ? MAX_PLOT_X : Math.min(MAX_PLOT_X, 1.0 / (1.0 - p));
            points.add(new double[] {x, Math.max(1, h.highestEquivalentValue(v.getValueIteratedTo())) / 1e3});
            if (x >= MAX_PLOT_X) {
                break;
            }
        }
        return points;
    }

    /** The axis label of x = 1 / (1 - p): "99.9%". */
    public static String percentileLabel(final double x) {
        final double p = (1.0 - 1.0 / x) * 100.0;
        final String s = String.format(java.util.Locale.ROOT, "%.6f", p).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s + "%";
    }

    /** Nanoseconds as microseconds with three decimals: exact, as values are whole nanoseconds. */
    public static String micros(final long nanos) {
        return String.format(java.util.Locale.ROOT, "%d.%03d", nanos / 1000, nanos % 1000);
    }

    /** The summary table as text (what the command prints). */
    public String tableText() {
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "%-14s %12s", "tag", "count"));
        for (final String h : headers()) {
            sb.append(String.format(java.util.Locale.ROOT, " %12s", h));
        }
        sb.append(String.format(java.util.Locale.ROOT, " %12s%n", "max"));
        for (final Row r : table()) {
            sb.append(String.format(java.util.Locale.ROOT, "%-14s %12d", r.tag(), r.count()));
            for (final long p : r.percentiles()) {
                sb.append(String.format(java.util.Locale.ROOT, " %12s", micros(p)));
            }
            sb.append(String.format(java.util.Locale.ROOT, " %12s%n", micros(r.max())));
        }
        return sb.toString();
    }

    /** Column headers of the percentile columns: "p50 us" ... */
    public static List<String> headers() {
        final List<String> h = new ArrayList<>();
        for (final double p : TABLE_PERCENTILES) {
            h.add("p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)) + " us");
        }
        return h;
    }
}
