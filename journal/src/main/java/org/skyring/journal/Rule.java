package org.skyring.journal;

/**
 * Every named rule that can fire in a decision, recorded as a bit set in {@link DecisionRecord#rulesFired}.
 * The names are what astronomers see in dumps and explanations; thresholds live in the config.
 * Append new rules at the end: the ordinal is the bit written to the journal.
 */
public enum Rule {
    QUALITY_NEGATIVE_SUBTRACTION("quality", "negative subtraction"),
    QUALITY_REAL_BOGUS("quality", "rb below threshold"),
    QUALITY_DEEP_REAL_BOGUS("quality", "drb below threshold"),
    QUALITY_RELIABILITY("quality", "reliability below threshold"),
    QUALITY_BAD_PIXELS("quality", "too many bad pixels"),
    QUALITY_FWHM("quality", "fwhm too large"),
    QUALITY_ELONGATION("quality", "elongated PSF"),
    QUALITY_MAGDIFF("quality", "aperture/PSF magnitude mismatch"),
    QUALITY_DIPOLE("quality", "dipole"),
    QUALITY_PIXEL_FLAGS("quality", "bad pixel flags"),
    KNOWN_SOLAR_SYSTEM("known", "known solar-system object"),
    SUSPECT_SOLAR_SYSTEM("known", "possible solar-system object"),
    KNOWN_PS1_STAR("known", "PS1 point source"),
    KNOWN_CATALOG_STAR("known", "catalog star"),
    KNOWN_CATALOG_VARIABLE("known", "catalog variable star"),
    KNOWN_AGN("known", "catalog AGN/QSO"),
    KNOWN_CATACLYSMIC_VARIABLE("known", "catalog cataclysmic variable"),
    KNOWN_OTHER("known", "other catalog source"),
    HOST_GALAXY("known", "host galaxy"),
    BRIGHT_STAR_HALO("artifact", "bright-star halo"),
    ARTIFACT_CHIP_EDGE("artifact", "chip edge"),
    ARTIFACT_HOT_PIXEL("artifact", "hot pixel"),
    ARTIFACT_COSMIC_RAY("artifact", "cosmic ray"),
    ARTIFACT_SATELLITE_TRAIL("artifact", "satellite trail"),
    ARTIFACT_RUBIN_TRAIL("artifact", "trailed source"),
    CLASS_FAST_RISER("classify", "fast riser"),
    CLASS_FAST_FADER("classify", "fast fader"),
    CLASS_SLOW_RISER_IN_HOST("classify", "supernova-like rise in host"),
    CLASS_NEW_SOURCE("classify", "new source"),
    CLASS_AMBIGUOUS("classify", "ambiguous: several class rules"),
    CLASS_LOW_CONFIDENCE("classify", "low confidence"),
    /** A GCN/VOEvent notice with a position and error circle opened a trigger context (issue 4). */
    TRIGGER_OPENED("trigger", "notice opened a trigger context"),
    /** An optical detection inside an active trigger's error circle, after its trigger time (issue 4). */
    TRIGGER_COINCIDENCE("trigger", "inside an active GRB/neutrino error circle after the trigger"),
    /** The isolation forest scored the light curve above the anomaly threshold (issue 5). */
    CLASS_ANOMALOUS("classify", "anomalous light curve");

    /** Computed once: String.toLowerCase allocates, and this is called on the hot path (explanations, counters). */
    private final String lowerCaseName = name().toLowerCase(java.util.Locale.ROOT);

    private static final Rule[] VALUES = values();

    private final String stage;
    private final String description;

    Rule(final String stage, final String description) {
        this.stage = stage;
        this.description = description;
    }

    public long mask() {
        return 1L << ordinal();
    }

    public boolean isIn(final long rules) {
        return (rules & mask()) != 0;
    }

    public String stage() {
        return stage;
    }

    public String description() {
        return description;
    }

    public String key() {
        return lowerCaseName;
    }

    public static Rule[] all() {
        return VALUES.clone();
    }

    /** "fast_riser,host_galaxy" style list of the fired rules (allocates; cold path). */
    public static String describe(final long rules) {
        final StringBuilder sb = new StringBuilder();
        for (final Rule r : VALUES) {
            if (r.isIn(rules)) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(r.key());
            }
        }
        return sb.toString();
    }
}
