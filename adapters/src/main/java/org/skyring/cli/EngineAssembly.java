package org.skyring.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.skyring.adapters.AlertDecoder;
import org.skyring.adapters.MessageFileSource;
import org.skyring.adapters.avro.AvroSources;
import org.skyring.adapters.avro.CutoutSink;
import org.skyring.adapters.avro.CutoutStore;
import org.skyring.adapters.alert.VoEventFileChannel;
import org.skyring.adapters.alert.WebhookChannel;
import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.adapters.jsonl.JsonLineDecoder;
import org.skyring.adapters.jsonl.JsonLinesSource;
import org.skyring.adapters.kafka.KafkaAlertChannel;
import org.skyring.adapters.kafka.KafkaObservationSource;
import org.skyring.adapters.voevent.VoEventDecoder;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.config.ConfigException;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.AlertChannel;
import org.skyring.engine.port.ObservationSource;
import org.skyring.journal.TruthLabel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds what the commands share: config, catalog, sources, and summary output. */
public final class EngineAssembly {
    private EngineAssembly() {
    }

    static SkyringConfig config(final Path file) {
        return file == null ? SkyringConfig.loadDefault() : SkyringConfig.load(file);
    }

    /**
     * The known-object catalog: the generated one for {@code known_objects.catalog: synthetic}, else the catalog
     * file at that path, memory-mapped (nothing rebuilt).
     */
    static SkyCatalog catalog(final SkyringConfig config) {
        final SkyringConfig.KnownObjects k = config.knownObjects();
        if (k.syntheticCatalog()) {
            return SyntheticCatalog.generate(k.syntheticSources(), k.syntheticSeed());
        }
        final Path file = Path.of(k.catalog());
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("known_objects.catalog: \"" + k.catalog() + "\" is not a file (expected \"synthetic\""
                    + " or a catalog built by `skyring catalog build --out FILE`)");
        }
        try {
            return SkyCatalog.open(file);
        } catch (IOException e) {
            throw new ConfigException("known_objects.catalog: \"" + k.catalog() + "\": " + e.getMessage());
        }
    }

    /** Night start of {@code generated:} inputs: fixed, so a generated training or evaluation set is reproducible. */
    static final long GENERATED_NIGHT_START_NANOS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    /** Parses {@code FORMAT:PATH} inputs; PATH may be a file, a directory or a glob. */
    static List<ObservationSource> sources(final List<String> inputs) {
        return sources(inputs, SkyringConfig.loadDefault(), null, false, null);
    }

    /**
     * The same, with the config the Avro formats read ({@code avro.*}) and the data directory that keeps their
     * cutouts (null: cutouts are not kept). {@code kafka:TOPIC} consumes a topic with the settings of the config's
     * {@code kafka} section; with {@code untilIdle} it stops once caught up. With a {@code catalog}, also
     * {@code generated:COUNT[@SEED]}: COUNT observations of the labelled night generator (default seed 2026) over it.
     */
    static List<ObservationSource> sources(final List<String> inputs, final SkyringConfig config, final Path dataDir,
                                           final boolean untilIdle, final SkyCatalog catalog) {
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
        sources.addAll(fileSources(files, config, dataDir, untilIdle));
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
     * The labeller of training and evaluation: the label file when one was given; else the observation's journaled
     * truth label (generated data), else one derived from the alert's own fields, its Fink annotations and, with
     * a real catalog, its cross-match rules ({@code AlertLabels}).
     */
    static org.skyring.engine.classify.FeatureTable.Labeller labeller(final Map<String, TruthLabel> labels,
                                                                     final List<String> inputs,
                                                                     final SkyringConfig config) {
        return labeller(labels, inputs, config, new org.skyring.train.AlertLabels.Tally());
    }

    /**
     * As above, counting into {@code tally} the labels derived from the alerts (by rule) and the cross-match inputs
     * they rest on; labels from a file are given, not derived, and are not counted.
     */
    static org.skyring.engine.classify.FeatureTable.Labeller labeller(final Map<String, TruthLabel> labels,
                                                                     final List<String> inputs,
                                                                     final SkyringConfig config,
                                                                     final org.skyring.train.AlertLabels.Tally tally) {
        if (!labels.isEmpty()) {
            return (o, known) -> labels.getOrDefault(o.observationId.toString(), TruthLabel.NONE);
        }
        final Map<String, org.skyring.train.FinkAnnotations.Annotation> fink = org.skyring.train.FinkAnnotations.read(inputs);
        // a synthetic catalog's matches say nothing about a real alert: its rules are not used as labels
        final boolean catalogLabels = !config.knownObjects().syntheticCatalog();
        return (o, known) -> tally.record(org.skyring.train.AlertLabels.derivation(o, catalogLabels ? known : 0L,
                fink.get(o.observationId.toString())));
    }

    private static List<ObservationSource> fileSources(final List<String> inputs, final SkyringConfig config,
                                                      final Path dataDir, final boolean untilIdle) {
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
            } else if (AvroSources.isFormat(format)) {
                sources.add(AvroSources.fileSource(format, path, config, dataDir));
            } else if (VoEventDecoder.FORMAT.equals(format)) {
                sources.add(MessageFileSource.open(new VoEventDecoder(), path, ".xml"));
            } else if ("kafka".equals(format)) {
                if (path.isBlank()) {
                    throw new IllegalArgumentException("--input " + input + ": expected kafka:TOPIC");
                }
                sources.add(kafkaSource(path, config, dataDir, untilIdle));
            } else {
                throw new IllegalArgumentException("--input " + input + ": unknown format \"" + format
                        + "\"; allowed: jsonl, " + String.join(", ", AvroSources.FORMATS) + ", voevent, kafka, generated");
            }
        }
        return sources;
    }

    /**
     * {@code --input kafka:TOPIC}: a consumer of the topic whose values are decoded as {@code kafka.consumer.format};
     * Avro packets' cutouts go to the data directory's cutout store (with {@code avro.keep_cutouts}), as for
     * files, so {@code skyring cutout} finds them whichever way the alert came in.
     */
    public static KafkaObservationSource kafkaSource(final String topic, final SkyringConfig config, final Path dataDir,
                                                     final boolean untilIdle) {
        final CutoutStore store = AvroSources.isFormat(config.kafka().consumer().format())
                ? AvroSources.cutoutStore(config, dataDir) : null;
        try {
            return new KafkaObservationSource(topic, decoder(config, store), config.kafka(), untilIdle, store);
        } catch (final RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }

    /** The decoder of a Kafka topic's message values ({@code kafka.consumer.format}); stamps to {@code cutouts}. */
    static AlertDecoder decoder(final SkyringConfig config, final CutoutSink cutouts) {
        final String format = config.kafka().consumer().format();
        if (AvroSources.isFormat(format)) {
            return AvroSources.decoder(format, config.avro(), cutouts);
        }
        switch (format) {
            case VoEventDecoder.FORMAT:
                return new VoEventDecoder();
            case JsonLinesSource.ADAPTER:
                return new JsonLineDecoder();
            default:
                throw new ConfigException("kafka.consumer.format: \"" + format + "\" has no decoder; allowed: "
                        + String.join(", ", AvroSources.FORMATS) + ", " + VoEventDecoder.FORMAT + ", " + JsonLinesSource.ADAPTER);
        }
    }

    /**
     * Starts Prometheus /metrics over the counters of {@code dataDir} when {@code metrics.prometheus_port} is set;
     * null (nothing to close) when it is 0.
     */
    static PrometheusEndpoint prometheus(final SkyringConfig config, final Path dataDir, final PrintStream out) {
        final int port = config.metrics().prometheusPort();
        if (port == 0) {
            return null;
        }
        final PrometheusEndpoint endpoint = PrometheusEndpoint.start(port, dataDir);
        out.println("metrics: http://" + PrometheusEndpoint.HOST + ":" + endpoint.port() + "/metrics");
        return endpoint;
    }

    /**
     * The alert channels adapters implement, for every one the config names: webhooks, VOEvent files and the
     * Kafka topic.
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
            } else if (KafkaAlertChannel.NAME.equals(name)) {
                channels.put(name, new KafkaAlertChannel(config));
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
