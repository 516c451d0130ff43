package org.skyring.engine.classify;

import org.skyring.engine.stage.Classifier;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;

import java.util.Locale;

/**
 * The model's input features: what is known at detection time (packet fields and cross-match outcome) plus the
 * object-history features. The enum order is the vector order; names are written into the model file, which is
 * refused at load when they differ. NaN = absent: the model file's means stand in for it (standardized to 0).
 */
public enum Feature {
    MAG("magnitude"),
    LOG_SNR("log10 SNR"),
    REALNESS("real/bogus"),
    FWHM("fwhm"),
    ELONGATION("elongation"),
    STAR_DISTANCE("star distance", Source.PS1_MATCH),
    STAR_SCORE("star score", Source.PS1_MATCH),
    SOLAR_SYSTEM_DISTANCE("asteroid distance", Source.SOLAR_SYSTEM_MATCH),
    KNOWN_STAR("catalog star", Source.PS1_MATCH, Source.CATALOG_MATCH),
    KNOWN_SOLAR_SYSTEM("known asteroid", Source.SOLAR_SYSTEM_MATCH),
    SUSPECT_SOLAR_SYSTEM("possible asteroid", Source.SOLAR_SYSTEM_MATCH),
    HOST_GALAXY("host galaxy", Source.CATALOG_MATCH),
    ABS_GALACTIC_LATITUDE("|b|"),
    RADIO("radio"),
    XRAY("x-ray"),
    LOG_DETECTIONS("n detections"),
    LOG_AGE("age"),
    RATE("rate"),
    RATE_PRESENT("rate measured"),
    RATE_FROM_LIMIT("rise from limit"),
    MAX_RISE("max rise"),
    MAX_FADE("max fade"),
    AMPLITUDE("amplitude"),
    COLOUR_GR("g-r"),
    LOG_SINCE_NON_DETECTION("since non-detection"),
    FROM_PEAK("from peak");

    /** Computed once: String.toLowerCase allocates, and this is called on the hot path (explanations, counters). */
    private final String lowerCaseName = name().toLowerCase(Locale.ROOT);

    public static final int COUNT = values().length;
    private static final Feature[] VALUES = values();

    private static final long STAR_RULES = Rule.KNOWN_PS1_STAR.mask() | Rule.KNOWN_CATALOG_STAR.mask()
            | Rule.KNOWN_CATALOG_VARIABLE.mask() | Rule.KNOWN_AGN.mask() | Rule.KNOWN_CATACLYSMIC_VARIABLE.mask()
            | Rule.KNOWN_OTHER.mask();

    /**
     * The cross-match inputs a feature is computed from: an evaluation whose labels come from one of them must not
     * let the model see the feature (label leakage: the model would learn the labelling rule back).
     */
    public enum Source {
        /** ZTF {@code ssdistnr}/{@code ssnamenr}: distance to the nearest known solar-system object. */
        SOLAR_SYSTEM_MATCH,
        /** ZTF {@code distpsnr1}/{@code sgscore1}: nearest PS1 source and its star/galaxy score. */
        PS1_MATCH,
        /** The known-object catalog's cone search (stars, variables, AGN, galaxies as hosts). */
        CATALOG_MATCH
    }

    private final String label;
    private final java.util.Set<Source> sources;

    Feature(final String label, final Source... sources) {
        this.label = label;
        this.sources = sources.length == 0 ? java.util.Set.of() : java.util.Set.copyOf(java.util.EnumSet.of(sources[0], sources));
    }

    /** The cross-match inputs this feature is computed from (empty: none). */
    public java.util.Set<Source> sources() {
        return sources;
    }

    /** The features computed from any of {@code from}, in vector order. */
    public static java.util.EnumSet<Feature> derivedFrom(final java.util.Set<Source> from) {
        final java.util.EnumSet<Feature> out = java.util.EnumSet.noneOf(Feature.class);
        for (final Feature f : VALUES) {
            for (final Source s : f.sources) {
                if (from.contains(s)) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    /** Short name a human reads in an explanation ("amplitude", "g-r"). */
    public String label() {
        return label;
    }

    public String key() {
        return lowerCaseName;
    }

    public static Feature of(final int index) {
        return VALUES[index];
    }

    /** The feature of a {@link #key()}, e.g. "log_detections". */
    public static Feature byKey(final String key) {
        for (final Feature f : VALUES) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature \"" + key + "\"; known: "
                + java.util.Arrays.stream(VALUES).map(Feature::key).toList());
    }

    /**
     * Fills {@code x} (length {@link #COUNT}) for one observation. {@code rate} is the rate the rules use (packet
     * pair first, then history); {@code absGalacticLatitude} comes from the classifier. No allocation.
     */
    public static void fill(final ObservationRecord o, final long knownRules, final LightCurve lc, final double rate,
                            final double absGalacticLatitude, final double[] x) {
        final boolean mags = o.measurementType.isMagnitude();
        x[MAG.ordinal()] = mags ? o.value : Double.NaN;
        x[LOG_SNR.ordinal()] = StrictMath.log10(Math.max(1e-3, Classifier.snr(o)));
        x[REALNESS.ordinal()] = Classifier.realness(o);
        x[FWHM.ordinal()] = o.fwhmPx;
        x[ELONGATION.ordinal()] = o.elongation;
        x[STAR_DISTANCE.ordinal()] = Double.isNaN(o.nearestStarDistanceArcsec) ? 30 : Math.min(30, o.nearestStarDistanceArcsec);
        x[STAR_SCORE.ordinal()] = o.nearestStarScore;
        x[SOLAR_SYSTEM_DISTANCE.ordinal()] = Double.isNaN(o.solarSystemDistanceArcsec) ? 30
                : Math.min(30, o.solarSystemDistanceArcsec);
        x[KNOWN_STAR.ordinal()] = (knownRules & STAR_RULES) != 0 ? 1 : 0;
        x[KNOWN_SOLAR_SYSTEM.ordinal()] = Rule.KNOWN_SOLAR_SYSTEM.isIn(knownRules) ? 1 : 0;
        x[SUSPECT_SOLAR_SYSTEM.ordinal()] = Rule.SUSPECT_SOLAR_SYSTEM.isIn(knownRules) ? 1 : 0;
        x[HOST_GALAXY.ordinal()] = Rule.HOST_GALAXY.isIn(knownRules) ? 1 : 0;
        x[ABS_GALACTIC_LATITUDE.ordinal()] = absGalacticLatitude;
        x[RADIO.ordinal()] = o.measurementType == MeasurementType.RADIO ? 1 : 0;
        x[XRAY.ordinal()] = o.measurementType == MeasurementType.XRAY ? 1 : 0;
        x[LOG_DETECTIONS.ordinal()] = StrictMath.log1p(Math.max(0, lc.detections));
        x[LOG_AGE.ordinal()] = Double.isNaN(lc.ageDays) ? Double.NaN : StrictMath.log1p(lc.ageDays);
        x[RATE.ordinal()] = clampRate(rate);
        x[RATE_PRESENT.ordinal()] = Double.isNaN(rate) ? 0 : 1;
        x[RATE_FROM_LIMIT.ordinal()] = clampRate(lc.rateFromLimit);
        x[MAX_RISE.ordinal()] = clampRate(lc.maxRiseRate);
        x[MAX_FADE.ordinal()] = clampRate(lc.maxFadeRate);
        x[AMPLITUDE.ordinal()] = lc.amplitude;
        x[COLOUR_GR.ordinal()] = lc.colourGr;
        x[LOG_SINCE_NON_DETECTION.ordinal()] = Double.isNaN(lc.daysSinceNonDetection) ? Double.NaN
                : StrictMath.log1p(Math.max(0, lc.daysSinceNonDetection));
        x[FROM_PEAK.ordinal()] = lc.fromPeak;
    }

    /** Rates beyond +-20 mag/day are pairs of noisy points close in time: capped so one cannot dominate a model. */
    private static double clampRate(final double rate) {
        return Double.isNaN(rate) ? Double.NaN : Math.max(-20, Math.min(20, rate));
    }
}
