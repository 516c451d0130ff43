package org.skyring.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skyring.engine.config.SkyringConfig;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps the documents in {@code artifacts/} and the shipped default config {@code config/skyring.yaml} in
 * agreement: every markdown table row of the form {@code `a.b.c` | `value`} must name an existing config key
 * and its configured value, and every threshold of the filter and classification stages must be documented.
 */
class ArtifactsMatchConfigTest {
    private static final String CONFIG = "config/skyring.yaml";
    private static final List<String> DOCUMENTS = List.of("event_schema.md", "filter_pipeline.md",
            "classification_rules.md", "scaling_strategy.md");
    /** Documents that describe the stage thresholds, and the minimum number of config rows each must hold. */
    private static final Map<String, Integer> MIN_ROWS = Map.of(
            "filter_pipeline.md", 5,
            "classification_rules.md", 5,
            "event_schema.md", 1,
            "scaling_strategy.md", 1);
    private static final List<String> THRESHOLD_DOCUMENTS = List.of("filter_pipeline.md", "classification_rules.md");
    private static final List<String> THRESHOLD_SECTIONS = List.of("quality", "known_objects", "artifacts",
            "classification");
    /** `a.b` or `a.b.c` in backticks, a cell separator, then the value in backticks. */
    private static final Pattern ROW = Pattern.compile(
            "`([a-z][a-z0-9_]*(?:\\.[a-z0-9_]+)+)`\\s*\\|\\s*`([^`]*)`");

    private static Path root;
    private static JsonNode yaml;
    /** document name -> (key -> documented values, one per row). */
    private static final Map<String, Map<String, List<String>>> documented = new LinkedHashMap<>();

    @BeforeAll
    static void load() throws IOException {
        root = projectRoot();
        yaml = new ObjectMapper(new YAMLFactory()).readTree(root.resolve(CONFIG).toFile());
        assertNotNull(yaml, CONFIG + " is empty");
        for (final String doc : DOCUMENTS) {
            final Path file = root.resolve("artifacts").resolve(doc);
            assertTrue(Files.isRegularFile(file), "missing document artifacts/" + doc);
            final Map<String, List<String>> rows = new LinkedHashMap<>();
            for (final String line : Files.readAllLines(file)) {
                if (!line.trim().startsWith("|")) {
                    continue; // only markdown table rows count
                }
                final Matcher m = ROW.matcher(line);
                while (m.find()) {
                    rows.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
                }
            }
            documented.put(doc, rows);
        }
    }

    @Test
    void everyDocumentedConfigValueIsTheConfiguredValue() {
        final List<String> problems = new ArrayList<>();
        for (final Map.Entry<String, Map<String, List<String>>> doc : documented.entrySet()) {
            for (final Map.Entry<String, List<String>> row : doc.getValue().entrySet()) {
                final String key = row.getKey();
                final JsonNode node = at(key);
                for (final String value : row.getValue()) {
                    if (node == null) {
                        problems.add("artifacts/" + doc.getKey() + ": `" + key + "` is documented as `" + value
                                + "` but " + CONFIG + " has no such key");
                    } else if (!node.isValueNode() && !node.isArray()) {
                        problems.add("artifacts/" + doc.getKey() + ": `" + key + "` is documented as `" + value
                                + "` but in " + CONFIG + " it is a section, not a value");
                    } else if (!matches(node, value)) {
                        problems.add("artifacts/" + doc.getKey() + ": `" + key + "` is documented as `" + value
                                + "` but " + CONFIG + " has `" + yamlText(node) + "`");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " documented config value(s) disagree with " + CONFIG + ":\n  "
                    + String.join("\n  ", problems));
        }
    }

    @Test
    void everyDocumentHasEnoughConfigRows() {
        for (final String doc : DOCUMENTS) {
            final int rows = documented.get(doc).values().stream().mapToInt(List::size).sum();
            final int min = MIN_ROWS.get(doc);
            assertTrue(rows >= min, "artifacts/" + doc + " has " + rows
                    + " table row(s) of the form `key` | `value`; at least " + min + " expected");
        }
    }

    @Test
    void everyStageThresholdIsDocumented() {
        final Set<String> inDocs = new TreeSet<>();
        for (final String doc : THRESHOLD_DOCUMENTS) {
            inDocs.addAll(documented.get(doc).keySet());
        }
        final Set<String> missing = new TreeSet<>();
        for (final String section : THRESHOLD_SECTIONS) {
            final JsonNode node = yaml.get(section);
            assertNotNull(node, CONFIG + " has no section " + section);
            for (final String leaf : leaves(section, node)) {
                if (!inDocs.contains(leaf)) {
                    missing.add(leaf + " = " + yamlText(at(leaf)));
                }
            }
        }
        assertTrue(missing.isEmpty(), "config keys of " + CONFIG + " documented in neither artifacts/"
                + String.join(" nor artifacts/", THRESHOLD_DOCUMENTS) + " (add a row `key` | `value`): " + missing);
    }

    @Test
    void everyPressureAndAlertKeyIsDocumentedInTheScalingStrategy() {
        final Set<String> inDoc = documented.get("scaling_strategy.md").keySet();
        final Set<String> missing = new TreeSet<>();
        for (final String section : List.of("pressure", "alerts")) {
            final JsonNode node = yaml.get(section);
            assertNotNull(node, CONFIG + " has no section " + section);
            for (final String leaf : leaves(section, node)) {
                if (!inDoc.contains(leaf)) {
                    missing.add(leaf + " = " + yamlText(at(leaf)));
                }
            }
        }
        assertTrue(missing.isEmpty(), "config keys documented nowhere in artifacts/scaling_strategy.md: " + missing);
    }

    @Test
    void theShippedDefaultLoadsAndItsVersionIsTheDigestOfTheFile() throws Exception {
        final SkyringConfig config = SkyringConfig.loadDefault();
        final byte[] bytes = Files.readAllBytes(root.resolve(CONFIG));
        final String expected = "cfg-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        assertEquals(expected, config.version(), "config version of the built-in default vs "
                + "\"cfg-\" + first 12 hex digits of SHA-256(" + CONFIG + ") (artifacts/event_schema.md)");
        assertEquals(config.version(), SkyringConfig.load(root.resolve(CONFIG)).version());
    }

    // ---- helpers

    private static Path projectRoot() {
        final String property = System.getProperty("skyring.project.dir");
        if (property != null && !property.isBlank() && Files.isRegularFile(Paths.get(property).resolve(CONFIG))) {
            return Paths.get(property).toAbsolutePath();
        }
        for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(CONFIG))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the project root (a directory holding " + CONFIG
                + ") from skyring.project.dir=" + property + " or " + System.getProperty("user.dir"));
    }

    /** The node at a dotted path, or null when any part is missing. */
    private static JsonNode at(final String dottedKey) {
        JsonNode node = yaml;
        for (final String part : dottedKey.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    private static boolean matches(final JsonNode node, final String documented) {
        final String doc = documented.trim();
        if (node.isNumber()) {
            try {
                return new BigDecimal(doc).compareTo(node.decimalValue()) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (node.isArray()) {
            return normalizeList(doc).equals(yamlText(node));
        }
        if (node.isTextual() && node.asText().isEmpty()) {
            return doc.equals("\"\"") || doc.equals("''");
        }
        return doc.equals(node.asText());
    }

    /** A list as YAML flow text: "[1, 2]". */
    private static String yamlText(final JsonNode node) {
        if (node == null) {
            return "(missing)";
        }
        if (node.isArray()) {
            final List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            return "[" + String.join(", ", items) + "]";
        }
        if (node.isTextual() && node.asText().isEmpty()) {
            return "\"\"";
        }
        return node.asText();
    }

    private static String normalizeList(final String doc) {
        if (!doc.startsWith("[") || !doc.endsWith("]")) {
            return doc;
        }
        final List<String> items = new ArrayList<>();
        for (final String item : doc.substring(1, doc.length() - 1).split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return "[" + String.join(", ", items) + "]";
    }

    private static List<String> leaves(final String prefix, final JsonNode node) {
        final List<String> out = new ArrayList<>();
        if (node.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> f = fields.next();
                out.addAll(leaves(prefix + "." + f.getKey(), f.getValue()));
            }
        } else {
            out.add(prefix);
        }
        return out;
    }
}
