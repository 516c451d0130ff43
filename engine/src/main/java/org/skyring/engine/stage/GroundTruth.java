package org.skyring.engine.stage;

import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Rule;
import org.skyring.journal.TruthLabel;

/** What a correct decision is for each synthetic truth label (used by the demo's ground-truth report). */
public final class GroundTruth {
    private static final long QUALITY = Rule.QUALITY_NEGATIVE_SUBTRACTION.mask() | Rule.QUALITY_REAL_BOGUS.mask()
            | Rule.QUALITY_DEEP_REAL_BOGUS.mask() | Rule.QUALITY_RELIABILITY.mask() | Rule.QUALITY_BAD_PIXELS.mask()
            | Rule.QUALITY_FWHM.mask() | Rule.QUALITY_ELONGATION.mask() | Rule.QUALITY_MAGDIFF.mask()
            | Rule.QUALITY_DIPOLE.mask() | Rule.QUALITY_PIXEL_FLAGS.mask();
    private static final long STARS = Rule.KNOWN_CATALOG_STAR.mask() | Rule.KNOWN_CATALOG_VARIABLE.mask()
            | Rule.KNOWN_PS1_STAR.mask();
    private static final long ARTIFACTS = Rule.ARTIFACT_CHIP_EDGE.mask() | Rule.ARTIFACT_HOT_PIXEL.mask()
            | Rule.ARTIFACT_COSMIC_RAY.mask() | Rule.ARTIFACT_SATELLITE_TRAIL.mask() | Rule.ARTIFACT_RUBIN_TRAIL.mask();

    private GroundTruth() {
    }

    /** The category a correct decision has for {@code truth} (candidates may also be significant: see isCorrect). */
    public static Category expectedCategory(final TruthLabel truth) {
        switch (truth) {
            case INVALID:
                return Category.REJECTED;
            case SUPERNOVA_LIKE:
                return Category.KNOWN_TYPE;
            case CANDIDATE:
                return Category.INTERESTING;
            case FAST_TRANSIENT:
                return Category.CRITICAL;
            default:
                return Category.ROUTINE;
        }
    }

    public static boolean isCorrect(final TruthLabel truth, final DecisionRecord d) {
        final Category c = d.category;
        switch (truth) {
            case INVALID:
                return c == Category.REJECTED;
            case BOGUS:
                return c == Category.ROUTINE && (d.rulesFired & QUALITY) != 0;
            case KNOWN_STAR:
                return c == Category.ROUTINE && (d.rulesFired & STARS) != 0;
            case KNOWN_ASTEROID:
                return c == Category.ROUTINE && d.fired(Rule.KNOWN_SOLAR_SYSTEM);
            case ARTIFACT:
                return c == Category.ROUTINE && (d.rulesFired & ARTIFACTS) != 0;
            case SUPERNOVA_LIKE:
                return c == Category.KNOWN_TYPE;
            case CANDIDATE:
                return c == Category.INTERESTING || c == Category.SIGNIFICANT;
            case FAST_TRANSIENT:
                return c == Category.CRITICAL;
            default:
                return false;
        }
    }
}
