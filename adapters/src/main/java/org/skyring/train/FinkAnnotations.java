package org.skyring.train;

import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.Schema;
import org.skyring.adapters.jsonl.JsonLinesFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Broker annotations that Fink adds to the ZTF alerts it redistributes ({@code finkclass}, {@code cdsxmatch},
 * {@code roid}), read from the same files as a {@code ztf-avro:} input and keyed by observation id (the candid as
 * decimal, as {@code ZtfAlertDecoder} sets it). The engine's decoder maps only survey fields, so training and
 * evaluation read these here, on the cold path. Files that do not decode (the corrupt samples) are skipped: the
 * engine dead-letters them anyway.
 */
public final class FinkAnnotations {
    /** One alert's annotations; null strings and {@link #NO_ROID} when the file does not carry them. */
    public record Annotation(String finkclass, String cdsxmatch, int roid) {
    }

    public static final int NO_ROID = -1;

    private FinkAnnotations() {
    }

    /** Annotations of every {@code ztf-avro:PATH} input that carries any; other inputs are ignored. */
    public static Map<String, Annotation> read(final List<String> inputs) {
        final Map<String, Annotation> byObservation = new HashMap<>();
        for (final String input : inputs) {
            if (!input.startsWith("ztf-avro:")) {
                continue;
            }
            for (final Path file : JsonLinesFiles.resolve(input.substring("ztf-avro:".length()), "ZTF Avro", ".avro")) {
                readFile(file, byObservation);
            }
        }
        return byObservation;
    }

    private static void readFile(final Path file, final Map<String, Annotation> into) {
        try (InputStream in = Files.newInputStream(file);
             DataFileStream<GenericRecord> stream = new DataFileStream<>(in, new GenericDatumReader<>())) {
            final Schema schema = stream.getSchema();
            if (schema.getField("finkclass") == null && schema.getField("cdsxmatch") == null
                    && schema.getField("roid") == null) {
                return;
            }
            for (final GenericRecord r : stream) {
                final Object candid = r.get("candid");
                if (candid == null) {
                    continue;
                }
                into.put(candid.toString(), new Annotation(text(r, "finkclass"), text(r, "cdsxmatch"), roid(r)));
            }
        } catch (IOException | RuntimeException e) {
            // not a readable container (ztf/corrupt): the engine dead-letters it; it has no annotations to offer
        }
    }

    private static String text(final GenericRecord r, final String field) {
        if (r.getSchema().getField(field) == null) {
            return null;
        }
        final Object v = r.get(field);
        return v == null ? null : v.toString();
    }

    private static int roid(final GenericRecord r) {
        if (r.getSchema().getField("roid") == null) {
            return NO_ROID;
        }
        final Object v = r.get("roid");
        return v instanceof Number n ? n.intValue() : NO_ROID;
    }
}
