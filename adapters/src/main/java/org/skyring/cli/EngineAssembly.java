package org.skyring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.adapters.jsonl.JsonLinesSource;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.config.ConfigException;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.ObservationSource;
import org.skyring.journal.TruthLabel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds what the commands share: config, catalog, sources, and summary output. */
final class EngineAssembly {
    private EngineAssembly() {
    }

    static SkyringConfig config(final Path file) {
        return file == null ? SkyringConfig.loadDefault() : SkyringConfig.load(file);
    }

    static SkyCatalog catalog(final SkyringConfig config) {
        final SkyringConfig.KnownObjects k = config.knownObjects();
        if (!"synthetic".equals(k.catalog())) {
            throw new ConfigException("known_objects.catalog: \"" + k.catalog()
                    + "\" is not supported yet; allowed: synthetic (catalog files arrive with issue 3)");
        }
        return SyntheticCatalog.generate(k.syntheticSources(), k.syntheticSeed());
    }

    /** Night start of {@code generated:} inputs: fixed, so a generated training or evaluation set is reproducible. */
    static final long GENERATED_NIGHT_START_NANOS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    /** Parses {@code FORMAT:PATH} inputs; PATH may be a file, a directory or a glob. */
    static List<ObservationSource> sources(final List<String> inputs) {
        return sources(inputs, null);
    }

    /**
     * As {@link #sources(List)}, plus {@code generated:COUNT[@SEED]}: COUNT observations of the labelled night
     * generator (default seed 2026) over {@code catalog}.
     */
    static List<ObservationSource> sources(final List<String> inputs, final SkyCatalog catalog) {
        final List<ObservationSource> sources = new ArrayList<>();
        final List<String> files = new ArrayList<>();
        for (final String input : inputs) {
            if (input.startsWith("generated:") && catalog != null) {
                final String spec = input.substring("generated:".length());
                final int at = spec.indexOf('@');
                try {
                    final long count = Long.parseLong(at < 0 ? spec : spec.substring(0, at));
                    final long seed = at < 0 ? 2026 : Long.parseLong(spec.substring(at + 1));
                    sources.add(new GeneratedNightSource(new NightGenerator(catalog, seed, GENERATED_NIGHT_START_NANOS),
                            count));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--input " + input + ": expected generated:COUNT or generated:COUNT@SEED");
                }
            } else {
                files.add(input);
            }
        }
        sources.addAll(fileSources(files));
        return sources;
    }

    /**
     * Labels for training and evaluation: a CSV file of {@code observation_id,label} lines (label: a TruthLabel
     * name such as known_asteroid, case-insensitive; '#' starts a comment).
     */
    static Map<String, TruthLabel> labels(final Path file) {
        final Map<String, TruthLabel> labels = new java.util.HashMap<>();
        if (file == null) {
            return labels;
        }
        try {
            int lineNo = 0;
            for (final String line : Files.readAllLines(file)) {
                lineNo++;
                final String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                final int comma = t.lastIndexOf(',');
                if (comma <= 0) {
                    throw new IllegalArgumentException("--labels " + file + " line " + lineNo + ": expected observation_id,label, got \"" + t + "\"");
                }
                final String name = t.substring(comma + 1).trim().toUpperCase(java.util.Locale.ROOT);
                try {
                    labels.put(t.substring(0, comma).trim(), TruthLabel.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--labels " + file + " line " + lineNo + ": unknown label \""
                            + name + "\"; allowed: " + java.util.Arrays.toString(TruthLabel.values()));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("--labels " + file + ": cannot read: " + e.getMessage());
        }
        return labels;
    }

    /**
     * The label of an observation: from the label file when one was given, else its journaled truth label
     * (generated data), else one derived from the alert's own fields (real data: {@code AlertLabels}).
     */
    static TruthLabel label(final Map<String, TruthLabel> labels, final org.skyring.journal.ObservationRecord o) {
        if (labels.isEmpty()) {
            return org.skyring.train.AlertLabels.derive(o);
        }
        return labels.getOrDefault(o.observationId.toString(), TruthLabel.NONE);
    }

    private static List<ObservationSource> fileSources(final List<String> inputs) {
        final List<ObservationSource> sources = new ArrayList<>();
        for (final String input : inputs) {
            final int colon = input.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("--input " + input + ": expected FORMAT:PATH, e.g. jsonl:night.jsonl");
            }
            final String format = input.substring(0, colon);
            final String path = input.substring(colon + 1);
            if ("jsonl".equals(format)) {
                sources.add(JsonLinesSource.open(path));
            } else {
                throw new IllegalArgumentException("--input " + input + ": unknown format \"" + format + "\"; allowed: jsonl, generated");
            }
        }
        return sources;
    }

    static void printSummary(final PrintStream out, final String title, final Map<String, Object> summary,
                             final Path jsonFile) {
        out.println(title);
        out.print(org.skyring.engine.RunSummary.table(summary));
        if (jsonFile != null) {
            try {
                if (jsonFile.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(jsonFile.toAbsolutePath().getParent());
                }
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), summary);
                out.println("summary written to " + jsonFile);
            } catch (IOException e) {
                throw new IllegalArgumentException("--summary " + jsonFile + ": cannot write: " + e.getMessage());
            }
        }
    }
}
