package org.skyring.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.skyring.catalog.SourceType;
import org.skyring.catalog.load.CsvMapping;
import org.skyring.journal.QualityFlag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The whole typed configuration, read once from YAML and validated at start-up (the Aeron Context idea).
 * Defaults are the published broker rules of {@code broker-rules.md}; {@code config/skyring.yaml} documents
 * every key in place. {@link #version()} is a digest of the file's bytes and is recorded in every decision.
 */
public record SkyringConfig(
        String version,
        Engine engine,
        Validation validation,
        Quality quality,
        KnownObjects knownObjects,
        Artifacts artifacts,
        Classification classification,
        Triggers triggers,
        Kafka kafka,
        VoEventOut voevent,
        Avro avro,
        Metrics metrics,
        Alerts alerts,
        Pressure pressure) {

    public static final String DEFAULT_RESOURCE = "/skyring.yaml";
    /** {@code known_objects.catalog} value selecting the generated catalog instead of a catalog file. */
    public static final String SYNTHETIC_CATALOG = "synthetic";
    /** Alert channel names that are not webhooks (a webhook channel is named by its key in alerts.webhooks). */
    public static final List<String> BUILT_IN_ALERT_CHANNELS = List.of("queue", "log", "voevent", "kafka");
    /** 2^23 keys: about 8 hours of Rubin's ~10 M alerts a night, a whole ZTF night; 192 MiB of heap. */
    static final int DEFAULT_DEDUPE_WINDOW = 1 << 23;
    static final int MIN_DEDUPE_WINDOW = 1024;
    /** 2^27 keys take 3 GiB of heap. */
    static final int MAX_DEDUPE_WINDOW = 1 << 27;

    /**
     * @param dedupeWindow observation keys journal-in remembers for de-duplication (the most recent ones; an older
     *                     re-delivery is journaled and decided again); its index takes ~24 bytes of heap per entry
     */
    public record Engine(int ringSize, ThreadLayout layout, WaitStrategyChoice waitStrategy, String rollCycle,
                         String ingestHost, int dedupeWindow) {
    }

    /**
     * Observability (engine/README.md, "Observability").
     *
     * @param sampleIntervalMs     how often the metrics thread refreshes the gauges of the counters file
     * @param latencyIntervalMs    length of one latency interval (one .hlog line per stage and end to end)
     * @param latencyLog           write the intervals to DIR/latency/*.hlog
     * @param prometheusPort       port of /metrics on 127.0.0.1; 0 = no endpoint
     */
    public record Metrics(int sampleIntervalMs, int latencyIntervalMs, boolean latencyLog, int prometheusPort) {
    }

    public record Validation(List<Integer> knownSchemaVersions, double maxPhotometricErrorMag,
                             double maxPositionUncertaintyArcsec) {
    }

    public record Quality(boolean requirePositiveSubtraction, double minRealBogus, double minDeepRealBogus,
                          double minReliability, int maxBadPixels, double maxFwhmPx, double maxElongation,
                          double maxAbsMagDiff, boolean rejectDipole, List<QualityFlag> rejectedPixelFlags) {
    }

    public record KnownObjects(String catalog, int syntheticSources, long syntheticSeed,
                               double defaultRadiusArcsec, double starRadiusArcsec, double agnRadiusArcsec,
                               double cvRadiusArcsec, double hostGalaxyRadiusArcsec,
                               double solarSystemKnownArcsec, double solarSystemSuspectArcsec,
                               double ps1StarRadiusArcsec, double ps1StarMinScore,
                               double brightStarMaxMag, double brightStarHaloArcsec, CsvMapping csv) {
        /** True when {@link #catalog()} names the generated demo catalog rather than a catalog file. */
        public boolean syntheticCatalog() {
            return SYNTHETIC_CATALOG.equals(catalog);
        }

        /** The widest radius any known-object rule needs: one cone search serves them all. */
        public double searchRadiusArcsec() {
            return Math.max(Math.max(Math.max(defaultRadiusArcsec, starRadiusArcsec), Math.max(agnRadiusArcsec, cvRadiusArcsec)),
                    Math.max(hostGalaxyRadiusArcsec, brightStarHaloArcsec));
        }
    }

    public record Artifacts(double chipEdgeMinDistancePx, double hotPixelTolerancePx, int hotPixelMinPositions,
                            double hotPixelMinSeparationArcsec, double cosmicRayMaxFwhmPx,
                            int satelliteTrailMinDetections, double satelliteTrailMaxOffsetArcsec,
                            int satelliteTrailMaxPerExposure, double rubinTrailMinLengthArcsec,
                            double rubinTrailMinElongation) {
    }

    public record Classification(String rulesVersion, double minPairSeparationDays,
                                 double fastRiserMinRate, double fastRiserMaxAgeDays,
                                 double fastFaderMinRate, double fastFaderMaxAgeDays,
                                 double fastFaderMinAbsGalacticLatitudeDeg,
                                 double slowRiserMinRate, double urgencyFullRate, double significanceFullSnr,
                                 double suspectSolarSystemConfidence, double ambiguousConfidence,
                                 Thresholds thresholds, Model model) {
    }

    /**
     * The object-history store, the trained model and the anomaly detector (issue 5).
     *
     * @param file empty = rules only (no ML class probabilities, no anomaly score)
     */
    public record Model(boolean history, int historyMaxObjects, String file, double anomalyThreshold,
                        double anomalyConfidence) {
        public boolean hasFile() {
            return !file.isEmpty();
        }
    }

    public record Thresholds(double criticalUrgency, double criticalSignificance, double significant,
                             double interesting, double knownType, double unknownConfidence) {
    }

    /** Trigger contexts from GCN/VOEvent notices (engine.stage.ActiveTriggers). */
    public record Triggers(List<Integer> packetTypes, double activeWindowHours, int maxActive,
                           double coincidenceUrgency) {
    }

    /**
     * Kafka in and out (used by adapters only; the engine never talks to Kafka). {@code properties} are passed
     * verbatim to every Kafka client (TLS, SASL, client.id, ...); {@code consumer.}/{@code producer.} prefixed keys
     * go to that client only, without the prefix.
     */
    public record Kafka(String bootstrapServers, KafkaConsumerSettings consumer, KafkaSinkSettings sink,
                        java.util.Map<String, String> properties) {
    }

    public record KafkaConsumerSettings(String groupId, String format, int maxPollRecords, int fetchMaxBytes,
                                        int maxPartitionFetchBytes, int sessionTimeoutMs, int heartbeatIntervalMs,
                                        String autoOffsetReset, int commitIntervalMs, int pollTimeoutMs) {
    }

    public record KafkaSinkSettings(boolean enabled, String topicPrefix, List<org.skyring.journal.Destination> destinations,
                                    int lingerMs, int batchSize, String alertFormat) {
    }

    /** Skyring's own alerts as VOEvent 2.0 (adapters' VoEventWriter): the IVORN prefix and author name. */
    public record VoEventOut(String ivornPrefix, String author) {
    }

    /**
     * Settings of the ZTF/Rubin Avro decoders in adapters (plain values: the engine itself never reads Avro).
     *
     * @param maxMessageBytes        larger messages (Kafka values, files) are dead-lettered unread
     * @param rubinSchemaDir         lsst/alert_packet-style schema directory for Confluent schema ids; "" = none;
     *                               a relative path in a config file is resolved against that file's directory
     * @param rubinSchemaRegistryUrl Confluent Schema Registry base URL; "" = none
     * @param keepCutouts            keep image stamps in DATA_DIR/cutouts, retrievable by observation id
     * @param cutoutIndexEntries     ids the persisted cutout index is sized for (it may grow 4x beyond)
     */
    public record Avro(int maxMessageBytes, String rubinSchemaDir, String rubinSchemaRegistryUrl, boolean keepCutouts,
                       int cutoutIndexEntries) {
    }

    /**
     * Alert delivery and acknowledgement (artifacts/scaling_strategy.md, engine/README.md "Alerts").
     *
     * @param channels        channel names every alert is delivered to when raised
     * @param escalationChain channel names an unacknowledged alert is escalated to, one more per timeout
     */
    public record Alerts(boolean enabled, List<String> channels, List<String> escalationChain, boolean requireAck,
                         long ackTimeoutMs, int maxEscalations, long retryInitialMs, long retryMaxMs,
                         double retryMultiplier, java.util.Map<String, Webhook> webhooks, String voeventDir,
                         String kafkaTopic, AckHttp http) {
        /** Every channel name used: the raise channels, then the escalation chain, each once. */
        public java.util.Set<String> channelNames() {
            final java.util.Set<String> names = new java.util.LinkedHashSet<>(channels);
            names.addAll(escalationChain);
            return names;
        }
    }

    public record Webhook(String url, WebhookFormat format, int timeoutMs) {
    }

    /** The HTTP acknowledgement endpoint: POST /alerts/{id}/ack with "Authorization: Bearer TOKEN". */
    public record AckHttp(boolean enabled, String bind, int port, String token) {
    }

    /**
     * The backpressure controller: a level is entered when any signal reaches its threshold, and left only when
     * every signal has stayed below (1 - hysteresis) x the level's thresholds for calmSamples samples.
     */
    public record Pressure(boolean enabled, long sampleIntervalMs, LevelThresholds ringFill,
                           LevelThresholds inputBacklog, LevelThresholds outputLag, double hysteresis,
                           int calmSamples) {
    }

    /** Entry thresholds of MODERATE, HIGH and CRITICAL for one signal (increasing). */
    public record LevelThresholds(double moderate, double high, double critical) {
        public double of(final int level) {
            return level == 1 ? moderate : level == 2 ? high : critical;
        }
    }

    /** The shipped default config (the same file as {@code config/skyring.yaml}). */
    public static SkyringConfig loadDefault() {
        try (InputStream in = SkyringConfig.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default config resource " + DEFAULT_RESOURCE + " missing from the build");
            }
            return parse(in.readAllBytes(), "default config");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads a config file; relative paths in it (avro.rubin_schema_dir) resolve against the file's directory. */
    public static SkyringConfig load(final Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString(), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    public static SkyringConfig parse(final String yaml) {
        return parse(yaml.getBytes(StandardCharsets.UTF_8), "inline config");
    }

    static SkyringConfig parse(final byte[] yaml, final String origin) {
        return parse(yaml, origin, null);
    }

    /** @param baseDir directory that relative paths in the config resolve against; null = the working directory */
    static SkyringConfig parse(final byte[] yaml, final String origin, final Path baseDir) {
        final JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new ConfigException(origin + ": not valid YAML: " + e.getMessage());
        }
        final ConfigSection top = new ConfigSection("", root);
        final SkyringConfig config = new SkyringConfig(digest(yaml), engine(top.section("engine")),
                validation(top.section("validation")), quality(top.section("quality")),
                knownObjects(top.section("known_objects")), artifacts(top.section("artifacts")),
                classification(top.section("classification")), triggers(top.section("triggers")),
                kafka(top.section("kafka")), voevent(top.section("voevent")), avro(top.section("avro"), baseDir),
                metrics(top.section("metrics")), alerts(top.section("alerts")), pressure(top.section("pressure")));
        top.finish();
        return config;
    }

    private static Engine engine(final ConfigSection s) {
        final int ringSize = s.integer("ring_size", 65536, 64, 1 << 24);
        if (Integer.bitCount(ringSize) != 1) {
            throw new ConfigException(s.key("ring_size") + ": " + ringSize + " is not a power of two");
        }
        final Engine e = new Engine(ringSize,
                s.choice("layout", ThreadLayout.SINGLE, ThreadLayout.class),
                s.choice("wait_strategy", WaitStrategyChoice.BLOCKING, WaitStrategyChoice.class),
                rollCycle(s),
                s.text("ingest_host", ""),
                s.integer("dedupe_window", DEFAULT_DEDUPE_WINDOW, MIN_DEDUPE_WINDOW, MAX_DEDUPE_WINDOW));
        s.finish();
        return e;
    }

    private static Metrics metrics(final ConfigSection s) {
        final Metrics m = new Metrics(s.integer("sample_interval_ms", 100, 10, 60_000),
                s.integer("latency_interval_ms", 5_000, 100, 3_600_000),
                s.bool("latency_log", true),
                s.integer("prometheus_port", 0, 0, 65_535));
        s.finish();
        return m;
    }

    private static String rollCycle(final ConfigSection s) {
        final String value = s.text("roll_cycle", "FAST_HOURLY");
        try {
            net.openhft.chronicle.queue.RollCycles.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.key("roll_cycle") + ": \"" + value + "\" is not a Chronicle RollCycles name "
                    + "(for example FAST_HOURLY, LARGE_HOURLY, LARGE_DAILY)");
        }
        return value;
    }

    private static Validation validation(final ConfigSection s) {
        final Validation v = new Validation(s.integers("known_schema_versions", List.of(1, 2, 3)),
                s.number("max_photometric_error_mag", 1.0, 0.0, 10.0),
                s.number("max_position_uncertainty_arcsec", 3600.0, 0.0, 648000.0));
        s.finish();
        return v;
    }

    private static Quality quality(final ConfigSection s) {
        final Quality q = new Quality(s.bool("require_positive_subtraction", true),
                s.number("min_real_bogus", 0.55, 0, 1), s.number("min_deep_real_bogus", 0.5, 0, 1),
                s.number("min_reliability", 0.5, 0, 1), s.integer("max_bad_pixels", 0, 0, 25),
                s.number("max_fwhm_px", 5.5, 0, 100), s.number("max_elongation", 1.4, 1, 100),
                s.number("max_abs_mag_diff", 1.0, 0, 10), s.bool("reject_dipole", true),
                s.choices("rejected_pixel_flags", List.of(QualityFlag.PIXEL_BAD, QualityFlag.PIXEL_COSMIC_RAY,
                        QualityFlag.PIXEL_INTERPOLATED, QualityFlag.PIXEL_NO_DATA, QualityFlag.PIXEL_SATURATED_CENTER),
                        QualityFlag.class));
        s.finish();
        return q;
    }

    private static KnownObjects knownObjects(final ConfigSection s) {
        final KnownObjects k = new KnownObjects(catalogPath(s),
                s.integer("synthetic_sources", 200_000, 0, 100_000_000),
                s.integer("synthetic_seed", 42, 0, Integer.MAX_VALUE),
                s.number("default_radius_arcsec", 2.0, 0.1, 1800), s.number("star_radius_arcsec", 1.5, 0.1, 1800),
                s.number("agn_radius_arcsec", 3.0, 0.1, 1800), s.number("cv_radius_arcsec", 2.5, 0.1, 1800),
                s.number("host_galaxy_radius_arcsec", 15.0, 0.1, 1800),
                s.number("solar_system_known_arcsec", 5.0, 0, 3600), s.number("solar_system_suspect_arcsec", 20.0, 0, 3600),
                s.number("ps1_star_radius_arcsec", 2.0, 0, 30), s.number("ps1_star_min_sgscore", 0.76, 0, 1),
                s.number("bright_star_max_mag", 12.0, -30, 30), s.number("bright_star_halo_arcsec", 20.0, 0, 1800),
                csvMapping(s.section("csv")));
        if (k.solarSystemSuspectArcsec() < k.solarSystemKnownArcsec()) {
            throw new ConfigException(s.key("solar_system_suspect_arcsec") + ": " + k.solarSystemSuspectArcsec()
                    + " must be >= known_objects.solar_system_known_arcsec (" + k.solarSystemKnownArcsec() + ")");
        }
        s.finish();
        return k;
    }

    /** "synthetic" or a catalog file path (existence is checked when the catalog is opened, naming the key). */
    private static String catalogPath(final ConfigSection s) {
        final String catalog = s.text("catalog", SYNTHETIC_CATALOG);
        if (catalog.isBlank()) {
            throw new ConfigException(s.key("catalog") + ": \"" + catalog + "\" must be \"synthetic\" or the path of a"
                    + " catalog file built by `skyring catalog build`");
        }
        return catalog;
    }

    /** Column mapping of the generic CSV catalog loader ({@code skyring catalog build --input csv:FILE}). */
    private static CsvMapping csvMapping(final ConfigSection s) {
        final CsvMapping d = CsvMapping.defaults();
        final String delimiter = s.text("delimiter", String.valueOf(d.delimiter()));
        if (delimiter.length() != 1) {
            throw new ConfigException(s.key("delimiter") + ": \"" + delimiter + "\" must be exactly one character");
        }
        final String typeName = s.text("default_type", d.defaultType().key());
        final SourceType defaultType = SourceType.parse(typeName);
        if (defaultType == null) {
            throw new ConfigException(s.key("default_type") + ": \"" + typeName + "\" is not a source type; allowed: "
                    + java.util.Arrays.stream(SourceType.values()).map(SourceType::key).toList());
        }
        final String id = required(s, "id_column", d.idColumn());
        final String ra = required(s, "ra_column", d.raColumn());
        final String dec = required(s, "dec_column", d.decColumn());
        final String origin = required(s, "origin", d.origin());
        final CsvMapping m = new CsvMapping(delimiter.charAt(0), id, s.text("id_prefix", d.idPrefix()), ra, dec,
                s.text("type_column", d.typeColumn()), defaultType, s.text("mag_column", d.magColumn()),
                s.text("mag2_column", d.mag2Column()), s.text("epoch_column", d.epochColumn()),
                s.number("epoch", d.epoch(), 1000, 3000), s.text("pm_ra_column", d.pmRaColumn()),
                s.text("pm_dec_column", d.pmDecColumn()), s.text("parallax_column", d.parallaxColumn()),
                s.text("redshift_column", d.redshiftColumn()), origin);
        s.finish();
        return m;
    }

    private static String required(final ConfigSection s, final String key, final String dflt) {
        final String value = s.text(key, dflt);
        if (value.isBlank()) {
            throw new ConfigException(s.key(key) + ": \"" + value + "\" must not be empty (required)");
        }
        return value;
    }

    private static Artifacts artifacts(final ConfigSection s) {
        final Artifacts a = new Artifacts(s.number("chip_edge_min_distance_px", 32, 0, 10_000),
                s.number("hot_pixel_tolerance_px", 2, 0, 100), s.integer("hot_pixel_min_positions", 3, 2, 1000),
                s.number("hot_pixel_min_separation_arcsec", 5, 0, 3600),
                s.number("cosmic_ray_max_fwhm_px", 1.2, 0, 100),
                s.integer("satellite_trail_min_detections", 5, 3, 1000),
                s.number("satellite_trail_max_offset_arcsec", 5, 0, 3600),
                s.integer("satellite_trail_max_per_exposure", 256, 8, 65536),
                s.number("rubin_trail_min_length_arcsec", 2, 0, 3600),
                s.number("rubin_trail_min_elongation", 2, 1, 100));
        s.finish();
        return a;
    }

    private static Classification classification(final ConfigSection s) {
        final ConfigSection t = s.section("thresholds");
        final Thresholds th = new Thresholds(t.number("critical_urgency", 0.9, 0, 1),
                t.number("critical_significance", 0.9, 0, 1), t.number("significant", 0.8, 0, 1),
                t.number("interesting", 0.5, 0, 1), t.number("known_type", 0.8, 0, 1),
                t.number("unknown_confidence", 0.5, 0, 1));
        t.finish();
        final ConfigSection m = s.section("model");
        final Model model = new Model(m.bool("history", true),
                m.integer("history_max_objects", 100_000, 1_000, 100_000_000), m.text("file", ""),
                m.number("anomaly_threshold", 0.75, 0, 1), m.number("anomaly_confidence", 0.45, 0, 1));
        m.finish();
        final Classification c = new Classification(s.text("rules_version", "rules-2"),
                s.number("min_pair_separation_days", 0.02, 0, 100),
                s.number("fast_riser_min_rate", 0.25, 0, 100), s.number("fast_riser_max_age_days", 60, 0, 100_000),
                s.number("fast_fader_min_rate", 0.3, 0, 100), s.number("fast_fader_max_age_days", 5, 0, 100_000),
                s.number("fast_fader_min_abs_galactic_latitude_deg", 10, 0, 90),
                s.number("slow_riser_min_rate", 0.02, 0, 100),
                s.number("urgency_full_rate", 1.0, 0.001, 100), s.number("significance_full_snr", 10, 1, 10_000),
                s.number("suspect_solar_system_confidence", 0.4, 0, 1), s.number("ambiguous_confidence", 0.3, 0, 1),
                th, model);
        s.finish();
        return c;
    }

    private static Triggers triggers(final ConfigSection s) {
        final Triggers t = new Triggers(
                s.integers("packet_types", List.of(61, 67, 111, 112, 115, 173, 174, 176)),
                s.number("active_window_hours", 48, 0, 24 * 365), s.integer("max_active", 256, 1, 65536),
                s.number("coincidence_urgency", 1.0, 0, 1));
        s.finish();
        return t;
    }

    /**
     * Keys Skyring sets itself (the guarantees depend on them) and may not be overridden by {@code properties}.
     */
    static final List<String> KAFKA_OWNED_KEYS = List.of("bootstrap.servers", "group.id", "enable.auto.commit",
            "key.deserializer", "value.deserializer", "key.serializer", "value.serializer", "enable.idempotence",
            "acks", "max.poll.records", "fetch.max.bytes", "max.partition.fetch.bytes", "auto.offset.reset",
            "session.timeout.ms", "heartbeat.interval.ms", "linger.ms", "batch.size", "transactional.id");
    /** Prefixes of the Kafka client settings {@code kafka.properties} may carry (security, networking, identity). */
    static final List<String> KAFKA_PROPERTY_PREFIXES = List.of("security.", "ssl.", "sasl.", "client.",
            "socket.", "reconnect.", "retry.", "request.", "metadata.", "connections.", "receive.", "send.",
            "default.api.", "consumer.", "producer.", "group.", "fetch.", "max.", "isolation.", "partition.",
            "compression.", "delivery.", "buffer.", "enable.", "allow.", "check.", "interceptor.", "metric.",
            "metrics.", "auto.", "exclude.", "retries", "transaction.");

    private static Kafka kafka(final ConfigSection s) {
        final String bootstrap = s.text("bootstrap_servers", "localhost:9092");
        if (bootstrap.isBlank()) {
            throw new ConfigException(s.key("bootstrap_servers") + ": must not be empty");
        }
        final ConfigSection c = s.section("consumer");
        final KafkaConsumerSettings consumer = new KafkaConsumerSettings(c.text("group_id", "skyring"),
                c.text("format", "ztf-avro"), c.integer("max_poll_records", 500, 1, 100_000),
                c.integer("fetch_max_bytes", 52_428_800, 1024, Integer.MAX_VALUE),
                c.integer("max_partition_fetch_bytes", 10_485_760, 1024, Integer.MAX_VALUE),
                c.integer("session_timeout_ms", 45_000, 1000, 3_600_000),
                c.integer("heartbeat_interval_ms", 3000, 100, 3_600_000),
                c.text("auto_offset_reset", "earliest"), c.integer("commit_interval_ms", 200, 1, 3_600_000),
                c.integer("poll_timeout_ms", 5, 0, 1000));
        if (!List.of("earliest", "latest", "none").contains(consumer.autoOffsetReset())) {
            throw new ConfigException(c.key("auto_offset_reset") + ": \"" + consumer.autoOffsetReset()
                    + "\" is not one of [earliest, latest, none]");
        }
        if (consumer.heartbeatIntervalMs() >= consumer.sessionTimeoutMs()) {
            throw new ConfigException(c.key("heartbeat_interval_ms") + ": " + consumer.heartbeatIntervalMs()
                    + " must be below kafka.consumer.session_timeout_ms (" + consumer.sessionTimeoutMs() + ")");
        }
        c.finish();
        final ConfigSection k = s.section("sink");
        final KafkaSinkSettings sink = new KafkaSinkSettings(k.bool("enabled", false), k.text("topic_prefix", "skyring."),
                k.choices("destinations", List.of(org.skyring.journal.Destination.ALERT,
                        org.skyring.journal.Destination.PRIORITY_REVIEW, org.skyring.journal.Destination.STANDARD_REVIEW,
                        org.skyring.journal.Destination.MANUAL_TRIAGE), org.skyring.journal.Destination.class),
                k.integer("linger_ms", 5, 0, 60_000),
                k.integer("batch_size", 1000, 1, 1_000_000), k.text("alert_format", "json"));
        if (!List.of("json", "voevent").contains(sink.alertFormat())) {
            throw new ConfigException(k.key("alert_format") + ": \"" + sink.alertFormat() + "\" is not one of [json, voevent]");
        }
        k.finish();
        final java.util.Map<String, String> properties = s.textMap("properties");
        for (final String key : properties.keySet()) {
            final String bare = key.startsWith("consumer.") ? key.substring(9)
                    : key.startsWith("producer.") ? key.substring(9) : key;
            if (KAFKA_OWNED_KEYS.contains(bare)) {
                throw new ConfigException(s.key("properties") + "." + key + ": set by Skyring itself"
                        + " (use the kafka.consumer / kafka.sink keys, or leave it: the delivery guarantees depend on it)");
            }
            if (KAFKA_PROPERTY_PREFIXES.stream().noneMatch(bare::startsWith)) {
                throw new ConfigException(s.key("properties") + "." + key + ": not a known Kafka client setting prefix "
                        + KAFKA_PROPERTY_PREFIXES);
            }
        }
        s.finish();
        return new Kafka(bootstrap, consumer, sink, properties);
    }

    private static VoEventOut voevent(final ConfigSection s) {
        final VoEventOut v = new VoEventOut(s.text("ivorn_prefix", "ivo://skyring.invalid/alerts"), s.text("author", "Skyring"));
        if (!v.ivornPrefix().startsWith("ivo://") || v.ivornPrefix().length() <= 6 || v.ivornPrefix().contains("#")) {
            throw new ConfigException(s.key("ivorn_prefix") + ": \"" + v.ivornPrefix()
                    + "\" must be ivo://authority/stream, without a # fragment");
        }
        s.finish();
        return v;
    }

    private static Avro avro(final ConfigSection s, final Path baseDir) {
        final String schemaDir = s.text("rubin_schema_dir", "");
        final Avro a = new Avro(s.integer("max_message_bytes", 16 << 20, 1024, Integer.MAX_VALUE - 8),
                schemaDir.isEmpty() || baseDir == null ? schemaDir : baseDir.resolve(schemaDir).normalize().toString(),
                s.text("rubin_schema_registry_url", ""),
                s.bool("keep_cutouts", true), s.integer("cutout_index_entries", 1_000_000, 1000, 1_000_000_000));
        final String url = a.rubinSchemaRegistryUrl();
        if (!url.isEmpty() && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new ConfigException(s.key("rubin_schema_registry_url") + ": \"" + url
                    + "\" is not an http:// or https:// URL (or \"\" for none)");
        }
        s.finish();
        return a;
    }

    private static Alerts alerts(final ConfigSection s) {
        final java.util.Map<String, Webhook> webhooks = new java.util.LinkedHashMap<>();
        final ConfigSection hooks = s.section("webhooks");
        for (final String name : hooks.names()) {
            if (BUILT_IN_ALERT_CHANNELS.contains(name)) {
                throw new ConfigException(hooks.key(name) + ": \"" + name + "\" is a built-in channel name; "
                        + "name the webhook something else");
            }
            final ConfigSection h = hooks.section(name);
            final String url = h.text("url", "");
            try {
                final java.net.URI uri = new java.net.URI(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new java.net.URISyntaxException(url, "not an http(s) URL with a host");
                }
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(h.key("url") + ": \"" + url + "\" is not an http:// or https:// URL");
            }
            webhooks.put(name, new Webhook(url, h.choice("format", WebhookFormat.JSON, WebhookFormat.class),
                    h.integer("timeout_ms", 5000, 1, 600_000)));
            h.finish();
        }
        final ConfigSection hs = s.section("http");
        final AckHttp http = new AckHttp(hs.bool("enabled", false), hs.text("bind", "127.0.0.1"),
                hs.integer("port", 8787, 0, 65535), hs.text("token", ""));
        if (http.enabled() && http.token().isEmpty()) {
            throw new ConfigException(hs.key("token") + ": \"\" must be set when alerts.http.enabled is true "
                    + "(the bearer token every acknowledgement request must carry)");
        }
        hs.finish();
        final Alerts a = new Alerts(s.bool("enabled", true),
                alertChannels(s, "channels", List.of("queue"), webhooks),
                alertChannels(s, "escalation_chain", List.of("log"), webhooks),
                s.bool("require_ack", true),
                (long) (s.number("ack_timeout_s", 900, 1, 7 * 86_400) * 1000),
                s.integer("max_escalations", 3, 0, 100),
                s.integer("retry_initial_ms", 500, 1, 3_600_000), s.integer("retry_max_ms", 60_000, 1, 86_400_000),
                s.number("retry_multiplier", 2.0, 1.0, 100.0), java.util.Collections.unmodifiableMap(webhooks),
                s.text("voevent_dir", ""), s.text("kafka_topic", "skyring.alert_messages"), http);
        if (a.retryMaxMs() < a.retryInitialMs()) {
            throw new ConfigException(s.key("retry_max_ms") + ": " + a.retryMaxMs()
                    + " must be >= alerts.retry_initial_ms (" + a.retryInitialMs() + ")");
        }
        if (a.kafkaTopic().isBlank()) {
            throw new ConfigException(s.key("kafka_topic") + ": must not be empty");
        }
        if (a.enabled() && a.channels().isEmpty()) {
            throw new ConfigException(s.key("channels") + ": [] needs at least one channel while alerts are enabled");
        }
        s.finish();
        return a;
    }

    private static List<String> alertChannels(final ConfigSection s, final String key, final List<String> dflt,
                                              final java.util.Map<String, Webhook> webhooks) {
        final List<String> names = s.texts(key, dflt);
        for (final String n : names) {
            if (!BUILT_IN_ALERT_CHANNELS.contains(n) && !webhooks.containsKey(n)) {
                throw new ConfigException(s.key(key) + ": \"" + n + "\" is not a channel; allowed: "
                        + BUILT_IN_ALERT_CHANNELS + " or a webhook defined in alerts.webhooks " + webhooks.keySet());
            }
        }
        return List.copyOf(names);
    }

    private static Pressure pressure(final ConfigSection s) {
        final Pressure p = new Pressure(s.bool("enabled", true), s.integer("sample_interval_ms", 10, 1, 60_000),
                levels(s.section("ring_fill"), 0.5, 0.75, 0.95, 1.0),
                levels(s.section("input_backlog"), 50_000, 200_000, 1_000_000, 1e12),
                levels(s.section("output_lag"), 100, 1_000, 10_000, 1e12),
                s.number("hysteresis", 0.2, 0, 0.9), s.integer("calm_samples", 5, 1, 100_000));
        s.finish();
        return p;
    }

    private static LevelThresholds levels(final ConfigSection s, final double m, final double h, final double c,
                                          final double max) {
        final LevelThresholds t = new LevelThresholds(s.number("moderate", m, 0, max), s.number("high", h, 0, max),
                s.number("critical", c, 0, max));
        if (!(t.moderate() <= t.high() && t.high() <= t.critical())) {
            throw new ConfigException(s.key("high") + ": thresholds must increase (moderate " + t.moderate()
                    + " <= high " + t.high() + " <= critical " + t.critical() + ")");
        }
        s.finish();
        return t;
    }

    private static String digest(final byte[] bytes) {
        try {
            final byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "cfg-" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
