package org.skyring.adapters.avro;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Resolves the schema id of a Confluent-framed Rubin alert to its writer schema.
 *
 * <p>Two sources, tried in this order: a directory laid out like lsst/alert_packet's
 * {@code schema/<major>/<minor>/lsst.v<major>_<minor>.alert.avsc} (searched recursively), where the id of a
 * version is {@code major * 100 + minor} (lsst/alert_packet's syncAllSchemasToRegistry registers version
 * "9.0" as id 900, "7.4" as 704, "11.0" as 1100); and, in production, a Confluent Schema Registry
 * ({@code GET <url>/schemas/ids/<id>}, answer {@code {"schema": "<avsc json>"}}). Schemas are parsed once and
 * cached by id.
 */
public final class RubinSchemaRegistry {
    private static final Pattern ALERT_FILE = Pattern.compile("lsst\\.v(\\d+)_(\\d+)\\.alert\\.avsc");

    private final Path directory;
    private final String url;
    /** id -> directory of that version (from the directory scan). */
    private final Map<Integer, Path> versions = new TreeMap<>();
    private final Map<Integer, Schema> cache = new HashMap<>();
    private HttpClient http;

    private RubinSchemaRegistry(final Path directory, final String url) {
        this.directory = directory;
        this.url = url == null || url.isBlank() ? null : url.replaceAll("/+$", "");
        if (directory != null) {
            scan(directory);
        }
    }

    /**
     * @param directory schema directory, or null
     * @param url       Confluent Schema Registry base URL, or null/empty
     */
    public static RubinSchemaRegistry of(final Path directory, final String url) {
        return new RubinSchemaRegistry(directory, url);
    }

    /** The schema ids the directory holds, ascending. */
    public java.util.Set<Integer> directoryIds() {
        return versions.keySet();
    }

    public static int schemaId(final int major, final int minor) {
        return major * 100 + minor;
    }

    private void scan(final Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("Rubin schema directory " + dir + " does not exist");
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(p -> {
                final Matcher m = ALERT_FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    versions.put(schemaId(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))), p.getParent());
                }
            });
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** The writer schema of {@code id}. */
    Schema schema(final int id) throws AlertDecodeException {
        Schema s = cache.get(id);
        if (s != null) {
            return s;
        }
        final Path dir = versions.get(id);
        if (dir != null) {
            final String top = "lsst.v" + id / 100 + "_" + id % 100 + ".alert.avsc";
            try {
                s = AvscDirectory.parse(dir, top);
            } catch (final RuntimeException e) {
                throw new AlertDecodeException("schema id " + id + ": " + e.getMessage());
            }
        } else if (url != null) {
            s = fetch(id);
        } else {
            throw new AlertDecodeException("schema id " + id + " is unknown: not in "
                    + (directory == null ? "(no avro.rubin_schema_dir)" : directory + " " + versions.keySet())
                    + " and no avro.rubin_schema_registry_url");
        }
        cache.put(id, s);
        return s;
    }

    private Schema fetch(final int id) throws AlertDecodeException {
        final String address = url + "/schemas/ids/" + id;
        try {
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            }
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(address))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "application/vnd.schemaregistry.v1+json").GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AlertDecodeException("schema id " + id + " is unknown: " + address + " answered HTTP "
                        + response.statusCode());
            }
            final JsonNode schema = new ObjectMapper().readTree(response.body()).get("schema");
            if (schema == null || !schema.isTextual()) {
                throw new AlertDecodeException("schema id " + id + ": " + address + " answered without a schema");
            }
            return new Schema.Parser().parse(schema.asText());
        } catch (final IOException | RuntimeException e) {
            throw new AlertDecodeException("schema id " + id + ": " + address + ": "
                    + AvroContainerReader.describe(e));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertDecodeException("schema id " + id + ": interrupted while asking " + address);
        }
    }
}
