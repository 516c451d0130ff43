package org.skyring.catalog.load;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleConsumer;
import java.util.zip.GZIPInputStream;
import org.skyring.catalog.CatalogEntry;
import org.skyring.catalog.SkyCatalog;

/**
 * Reads one catalog file into a {@link SkyCatalog.Builder}, line by line ({@code .gz} transparently). Each
 * subclass parses one format; a malformed row becomes a {@link LoadReport} rejection naming the field and the
 * value and the load goes on.
 */
public abstract class CatalogLoader {

    /** Catalog-of-origin name recorded with every source this loader adds ({@code hipparcos}...). */
    public abstract String origin();

    /**
     * Parses one line into {@code entry} (already cleared, origin set). Returns false to skip the line on
     * purpose (header, duplicate entry); throws {@link BadField} for a malformed one.
     */
    protected abstract boolean parse(String line, CatalogEntry entry) throws BadField;

    /**
     * Loads {@code file} into {@code builder}.
     *
     * @param progress receives the fraction of the file read so far, now and then (for a progress bar)
     */
    public final LoadReport load(Path file, SkyCatalog.Builder builder, DoubleConsumer progress) throws IOException {
        LoadReport report = new LoadReport(origin() + ":" + file);
        byte origin = builder.origin(origin());
        long total = Math.max(1, Files.size(file));
        CatalogEntry entry = new CatalogEntry();
        try (CountingStream counted = new CountingStream(Files.newInputStream(file));
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(counted, 1 << 16)
                 : counted;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if ((lineNo & 4095) == 0) {
                    progress.accept(Math.min(1.0, counted.count / (double) total));
                }
                entry.clear();
                entry.origin = origin;
                try {
                    if (!parse(line, entry)) {
                        report.skipped();
                        continue;
                    }
                    builder.add(entry);
                    report.added(entry.type);
                } catch (BadField e) {
                    report.rejected(file.getFileName() + ":" + lineNo + ": " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    report.rejected(file.getFileName() + ":" + lineNo + ": " + e.getMessage());
                }
            }
        }
        progress.accept(1.0);
        return report;
    }

    /** A malformed field: the message names the field and quotes the value. */
    public static final class BadField extends Exception {
        public BadField(String field, String value, String why) {
            super("field '" + field + "' = '" + value + "': " + why, null, false, false);
        }
    }

    /** Parses a required number, or throws naming the field. */
    protected static double number(String field, String text) throws BadField {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new BadField(field, text, "missing");
        }
        return parseOrThrow(field, t);
    }

    /** Parses an optional number: blank gives NaN. */
    protected static double optional(String field, String text) throws BadField {
        String t = text.trim();
        return t.isEmpty() ? Double.NaN : parseOrThrow(field, t);
    }

    private static double parseOrThrow(String field, String t) throws BadField {
        try {
            double v = Double.parseDouble(t.startsWith("+") ? t.substring(1) : t);
            if (!Double.isFinite(v)) {
                throw new BadField(field, t, "not finite");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadField(field, t, "not a number");
        }
    }

    /** Columns [from, to] of a fixed-width line, 1-based inclusive as in CDS ReadMe files; "" past the end. */
    protected static String columns(String line, int from, int to) {
        if (line.length() < from) {
            return "";
        }
        return line.substring(from - 1, Math.min(to, line.length()));
    }

    /**
     * Sexagesimal "hh mm ss.s" / "hh:mm:ss.s" hours (or degrees when {@code hours} is false, with optional sign)
     * to degrees.
     */
    protected static double sexagesimal(String field, String text, boolean hours) throws BadField {
        String t = text.trim();
        boolean negative = t.startsWith("-");
        if (negative || t.startsWith("+")) {
            t = t.substring(1);
        }
        String[] parts = t.split("[: ]+");
        if (parts.length != 3 || parts[0].isEmpty()) {
            throw new BadField(field, text, "expected three sexagesimal parts");
        }
        double a = number(field, parts[0]);
        double m = number(field, parts[1]);
        double s = number(field, parts[2]);
        if (a < 0 || m < 0 || m >= 60 || s < 0 || s >= 60) {
            throw new BadField(field, text, "sexagesimal part out of range");
        }
        double v = (a + m / 60.0 + s / 3600.0) * (hours ? 15.0 : 1.0);
        return negative ? -v : v;
    }

    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
