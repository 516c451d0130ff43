package org.skyring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.skyring.adapters.alert.VoEventFileChannel;
import org.skyring.adapters.alert.WebhookChannel;
import org.skyring.adapters.jsonl.JsonLinesSource;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.config.ConfigException;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.AlertChannel;
import org.skyring.engine.port.ObservationSource;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** Parses {@code FORMAT:PATH} inputs; PATH may be a file, a directory or a glob. */
    static List<ObservationSource> sources(final List<String> inputs) {
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
                throw new IllegalArgumentException("--input " + input + ": unknown format \"" + format + "\"; allowed: jsonl");
            }
        }
        return sources;
    }

    /**
     * The alert channels adapters implement, for every one the config names: webhooks and VOEvent files.
     * The engine adds its own queue and log channels.
     */
    static Map<String, AlertChannel> alertChannels(final SkyringConfig config, final Path dataDir) {
        final SkyringConfig.Alerts a = config.alerts();
        final Map<String, AlertChannel> channels = new LinkedHashMap<>();
        if (!a.enabled()) {
            return channels;
        }
        for (final String name : a.channelNames()) {
            final SkyringConfig.Webhook hook = a.webhooks().get(name);
            if (hook != null) {
                channels.put(name, new WebhookChannel(name, hook));
            } else if (VoEventFileChannel.NAME.equals(name)) {
                final Path voDir = a.voeventDir().isEmpty() ? dataDir.resolve("alerts").resolve("voevent")
                        : Path.of(a.voeventDir());
                channels.put(name, new VoEventFileChannel(voDir, config.engine().ingestHost().isEmpty()
                        ? "skyring.local" : config.engine().ingestHost()));
            } else if ("kafka".equals(name)) {
                throw new ConfigException("alerts.channels: \"kafka\" needs the Kafka sink adapter (issue 4), "
                        + "which this build does not have yet");
            }
        }
        return channels;
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
