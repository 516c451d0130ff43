package org.skyring.adapters.avro;

import org.skyring.adapters.AlertDecoder;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.stage.Validator;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.ObservationRecord;
import org.skyring.testsupport.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Test helpers over the shared real alert files: decode a file, list a folder, read MANIFEST.tsv counts. */
final class AlertFiles {
    static final int NO_LIMIT = Integer.MAX_VALUE;
    private static final Validator VALIDATOR = new Validator(SkyringConfig.loadDefault().validation());

    private AlertFiles() {
    }

    static List<ObservationRecord> decode(final AlertDecoder decoder, final Path file) {
        try {
            final byte[] bytes = Files.readAllBytes(file);
            return decode(decoder, bytes, bytes.length, file.toString());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObservationRecord> decode(final AlertDecoder decoder, final byte[] bytes, final int length,
                                          final String origin) {
        final List<ObservationRecord> out = new ArrayList<>();
        final int n = decoder.decode(bytes, length, origin, o -> {
            final ObservationRecord copy = new ObservationRecord();
            copy.copyFrom(o);
            out.add(copy);
        });
        if (n != out.size()) {
            throw new AssertionError("decode returned " + n + " but emitted " + out.size());
        }
        return out;
    }

    static List<Path> avroFiles(final Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".avro")).sorted().toList();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** MANIFEST.tsv: file (relative to the data root) -> record count, for files under {@code prefix}. */
    static Map<String, Integer> manifestRecords(final String prefix) {
        final Path manifest = SharedData.require("MANIFEST.tsv");
        final Map<String, Integer> out = new LinkedHashMap<>();
        try {
            final List<String> lines = Files.readAllLines(manifest);
            final List<String> header = List.of(lines.get(0).split("\t", -1));
            final int fileCol = header.indexOf("file");
            final int recCol = header.indexOf("records");
            for (final String line : lines.subList(1, lines.size())) {
                final String[] cols = line.split("\t", -1);
                final String file = cols[fileCol].replaceFirst("^data/", "");
                if (file.startsWith(prefix) && file.endsWith(".avro") && cols[recCol].matches("\\d+")) {
                    out.put(file, Integer.parseInt(cols[recCol]));
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The engine's own validation verdict on a decoded observation: "" when valid, else the reasons. */
    static String validationProblems(final ObservationRecord o) {
        final ObservationRecord copy = new ObservationRecord();
        copy.copyFrom(o);
        copy.receivedTimeNanos = System.currentTimeMillis() * 1_000_000L;
        final DecisionRecord d = new DecisionRecord();
        return VALIDATOR.validate(copy, d) ? "" : d.rejectDetail.toString();
    }
}
