package org.skyring.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
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
        Alerts alerts,
        Pressure pressure) {

    public static final String DEFAULT_RESOURCE = "/skyring.yaml";
    /** Alert channel names that are not webhooks (a webhook channel is named by its key in alerts.webhooks). */
    public static final List<String> BUILT_IN_ALERT_CHANNELS = List.of("queue", "log", "voevent", "kafka");

    public record Engine(int ringSize, ThreadLayout layout, WaitStrategyChoice waitStrategy, String rollCycle,
                         String ingestHost) {
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
                               double brightStarMaxMag, double brightStarHaloArcsec) {
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

    public record Classification(String modelVersion, double minPairSeparationDays,
                                 double fastRiserMinRate, double fastRiserMaxAgeDays,
                                 double fastFaderMinRate, double fastFaderMaxAgeDays,
                                 double fastFaderMinAbsGalacticLatitudeDeg,
                                 double slowRiserMinRate, double urgencyFullRate, double significanceFullSnr,
                                 double suspectSolarSystemConfidence, double ambiguousConfidence,
                                 Thresholds thresholds) {
    }

    public record Thresholds(double criticalUrgency, double criticalSignificance, double significant,
                             double interesting, double knownType, double unknownConfidence) {
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
                         AckHttp http) {
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

    public static SkyringConfig load(final Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    public static SkyringConfig parse(final String yaml) {
        return parse(yaml.getBytes(StandardCharsets.UTF_8), "inline config");
    }

    static SkyringConfig parse(final byte[] yaml, final String origin) {
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
                classification(top.section("classification")), alerts(top.section("alerts")),
                pressure(top.section("pressure")));
        top.finish();
        return config;
    }

    private static Engine engine(final ConfigSection s) {
        final int ringSize = s.integer("ring_size", 65536, 64, 1 << 24);
        if (Integer.bitCount(ringSize) != 1) {
            throw new ConfigException(s.key("ring_size") + ": " + ringSize + " is not a power of two");
        }
        final Engine e = new Engine(ringSize,
                s.choice("layout", ThreadLayout.COMPACT, ThreadLayout.class),
                s.choice("wait_strategy", WaitStrategyChoice.YIELDING, WaitStrategyChoice.class),
                rollCycle(s),
                s.text("ingest_host", ""));
        s.finish();
        return e;
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
        final KnownObjects k = new KnownObjects(s.text("catalog", "synthetic"),
                s.integer("synthetic_sources", 200_000, 0, 100_000_000),
                s.integer("synthetic_seed", 42, 0, Integer.MAX_VALUE),
                s.number("default_radius_arcsec", 2.0, 0.1, 1800), s.number("star_radius_arcsec", 1.5, 0.1, 1800),
                s.number("agn_radius_arcsec", 3.0, 0.1, 1800), s.number("cv_radius_arcsec", 2.5, 0.1, 1800),
                s.number("host_galaxy_radius_arcsec", 15.0, 0.1, 1800),
                s.number("solar_system_known_arcsec", 5.0, 0, 3600), s.number("solar_system_suspect_arcsec", 20.0, 0, 3600),
                s.number("ps1_star_radius_arcsec", 2.0, 0, 30), s.number("ps1_star_min_sgscore", 0.76, 0, 1),
                s.number("bright_star_max_mag", 12.0, -30, 30), s.number("bright_star_halo_arcsec", 20.0, 0, 1800));
        if (k.solarSystemSuspectArcsec() < k.solarSystemKnownArcsec()) {
            throw new ConfigException(s.key("solar_system_suspect_arcsec") + ": " + k.solarSystemSuspectArcsec()
                    + " must be >= known_objects.solar_system_known_arcsec (" + k.solarSystemKnownArcsec() + ")");
        }
        s.finish();
        return k;
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
        final Classification c = new Classification(s.text("model_version", "rules-1"),
                s.number("min_pair_separation_days", 0.02, 0, 100),
                s.number("fast_riser_min_rate", 0.25, 0, 100), s.number("fast_riser_max_age_days", 60, 0, 100_000),
                s.number("fast_fader_min_rate", 0.3, 0, 100), s.number("fast_fader_max_age_days", 5, 0, 100_000),
                s.number("fast_fader_min_abs_galactic_latitude_deg", 10, 0, 90),
                s.number("slow_riser_min_rate", 0.02, 0, 100),
                s.number("urgency_full_rate", 1.0, 0.001, 100), s.number("significance_full_snr", 10, 1, 10_000),
                s.number("suspect_solar_system_confidence", 0.4, 0, 1), s.number("ambiguous_confidence", 0.3, 0, 1),
                th);
        s.finish();
        return c;
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
                s.text("voevent_dir", ""), http);
        if (a.retryMaxMs() < a.retryInitialMs()) {
            throw new ConfigException(s.key("retry_max_ms") + ": " + a.retryMaxMs()
                    + " must be >= alerts.retry_initial_ms (" + a.retryInitialMs() + ")");
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
