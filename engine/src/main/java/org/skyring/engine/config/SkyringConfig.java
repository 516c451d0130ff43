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
        Classification classification) {

    public static final String DEFAULT_RESOURCE = "/skyring.yaml";

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
                classification(top.section("classification")));
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

    private static String digest(final byte[] bytes) {
        try {
            final byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "cfg-" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
