package org.skyring.engine.stage;

import org.skyring.catalog.SkyMath;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;

/**
 * Rule-based classification (issue 5 adds the model, anomaly detector and calibrator): joins the outputs of
 * quality, cross-match and artifact stages, computes the design's four scores and picks the category.
 * artifacts/classification_rules.md states every formula; this class is its executable form.
 *
 * <p>Deterministic: uses only the journaled observation and the config, never a clock.
 */
public final class Classifier implements Stage {
    static final double NANOS_PER_DAY = 86_400e9;
    private static final double MAG_PER_SNR = 1.0857; // 2.5 / ln 10: magnitude error of a 1-sigma flux error

    private static final long KNOWN_OBJECT_RULES = Rule.KNOWN_SOLAR_SYSTEM.mask() | Rule.KNOWN_PS1_STAR.mask()
            | Rule.KNOWN_CATALOG_STAR.mask() | Rule.KNOWN_CATALOG_VARIABLE.mask() | Rule.KNOWN_AGN.mask()
            | Rule.KNOWN_CATACLYSMIC_VARIABLE.mask() | Rule.KNOWN_OTHER.mask();

    private final SkyringConfig.Classification config;
    private final SkyringConfig.Thresholds thresholds;
    private final String configVersion;
    private final String catalogVersion;
    private final String engineVersion;
    private final double[] galactic = new double[2];
    private final ActiveTriggers triggers;

    public Classifier(final SkyringConfig config, final String catalogVersion, final String engineVersion) {
        this.config = config.classification();
        this.thresholds = config.classification().thresholds();
        this.configVersion = config.version();
        this.catalogVersion = catalogVersion;
        this.engineVersion = engineVersion;
        this.triggers = new ActiveTriggers(config.triggers());
    }

    @Override
    public String name() {
        return "classify";
    }

    @Override
    public void onEvent(final ObservationEvent e) {
        if (e.deferred) {
            provisional(e.obs, e.decision, e.artifactRules);
            return;
        }
        classify(e.obs, e.decision, e.qualityRules, e.knownRules, e.artifactRules);
    }

    /**
     * Fast mode: a deferred event (routine-looking, expensive stages skipped) is archived as routine, flagged
     * DEFERRED, with the cheap stages' rules; the reclassifier replaces it with the full decision later.
     */
    private void provisional(final ObservationRecord o, final DecisionRecord d, final long artifactRules) {
        d.configVersion.set(configVersion);
        d.catalogVersion.set(catalogVersion);
        d.modelVersion.set(config.modelVersion());
        d.engineVersion.set(engineVersion);
        d.observationId.set(o.observationId);
        d.rulesFired = artifactRules;
        d.category = Category.ROUTINE;
        d.flags |= DecisionRecord.FLAG_DEFERRED;
    }

    public void classify(final ObservationRecord o, final DecisionRecord d, final long qualityRules,
                         final long knownRules, final long artifactRules) {
        d.configVersion.set(configVersion);
        d.catalogVersion.set(catalogVersion);
        d.modelVersion.set(config.modelVersion());
        d.engineVersion.set(engineVersion);
        d.observationId.set(o.observationId);
        if (d.rejectReasons != 0) {
            d.category = Category.REJECTED;
            return;
        }
        if (o.measurementType == MeasurementType.NOTICE) {
            classifyNotice(o, d);
            return;
        }
        long rules = qualityRules | knownRules | artifactRules;
        if (qualityRules != 0 || artifactRules != 0) {
            // Bogus or artifact: archived as routine with the cuts that caught it; no science scores.
            d.rulesFired = rules;
            d.category = Category.ROUTINE;
            d.confidence = 1.0;
            return;
        }
        final double rate = riseRate(o);
        d.riseRateMagPerDay = rate;
        final double ageDays = ageDays(o);
        final boolean known = (knownRules & KNOWN_OBJECT_RULES) != 0;
        int classRules = known ? 1 : 0;
        if (rate >= config.fastRiserMinRate() && ageDays <= config.fastRiserMaxAgeDays()) {
            rules |= Rule.CLASS_FAST_RISER.mask();
            classRules++;
        }
        if (-rate > config.fastFaderMinRate() && ageDays < config.fastFaderMaxAgeDays()
                && Math.abs(galacticLatitude(o)) > config.fastFaderMinAbsGalacticLatitudeDeg()) {
            rules |= Rule.CLASS_FAST_FADER.mask();
            classRules++;
        }
        final boolean inHost = Rule.HOST_GALAXY.isIn(knownRules);
        if (inHost && !known && rate >= config.slowRiserMinRate() && rate < config.fastRiserMinRate()) {
            rules |= Rule.CLASS_SLOW_RISER_IN_HOST.mask();
            classRules++;
        }
        if (!known && Double.isNaN(o.previousMag) && o.detectionCount <= 1) {
            rules |= Rule.CLASS_NEW_SOURCE.mask();
        }

        final boolean fast = Rule.CLASS_FAST_RISER.isIn(rules) || Rule.CLASS_FAST_FADER.isIn(rules);
        d.urgency = fast ? clamp01(Math.abs(rate) / config.urgencyFullRate()) : 0.0;
        d.significance = known ? 0.0 : realness(o) * clamp01(snr(o) / config.significanceFullSnr());
        d.knownTypeMatch = Rule.CLASS_SLOW_RISER_IN_HOST.isIn(rules) ? 0.85 : 0.0;
        if (!known && triggers.coincides(o)) {
            rules |= Rule.TRIGGER_COINCIDENCE.mask();
            d.urgency = Math.max(d.urgency, triggers.coincidenceUrgency());
        }
        double confidence = 1.0;
        if (classRules > 1) {
            rules |= Rule.CLASS_AMBIGUOUS.mask();
            confidence = Math.min(confidence, config.ambiguousConfidence());
        }
        if (Rule.SUSPECT_SOLAR_SYSTEM.isIn(knownRules) && !known) {
            confidence = Math.min(confidence, config.suspectSolarSystemConfidence());
        }
        if (confidence < thresholds.unknownConfidence()) {
            rules |= Rule.CLASS_LOW_CONFIDENCE.mask();
        }
        d.confidence = confidence;
        d.rulesFired = rules;
        d.category = category(d);
    }

    /**
     * A GCN/VOEvent notice is context, not a detection: it may open a trigger context (see {@link ActiveTriggers})
     * and is archived as routine either way.
     */
    private void classifyNotice(final ObservationRecord o, final DecisionRecord d) {
        d.rulesFired = triggers.open(o) ? Rule.TRIGGER_OPENED.mask() : 0;
        d.category = Category.ROUTINE;
        d.confidence = 1.0;
    }

    /** Category by the design's thresholds, most urgent first (order documented in classification_rules.md). */
    Category category(final DecisionRecord d) {
        if (d.urgency > thresholds.criticalUrgency() && d.significance > thresholds.criticalSignificance()
                && d.confidence >= thresholds.unknownConfidence()) {
            return Category.CRITICAL;
        }
        if (d.confidence < thresholds.unknownConfidence()) {
            return Category.UNKNOWN;
        }
        if (d.knownTypeMatch > thresholds.knownType()) {
            return Category.KNOWN_TYPE;
        }
        if (d.significance > thresholds.significant()) {
            return Category.SIGNIFICANT;
        }
        if (d.significance > thresholds.interesting()) {
            return Category.INTERESTING;
        }
        return Category.ROUTINE;
    }

    /**
     * Brightening rate in mag/day (positive = rising) from the previous same-band detection, or, for a first
     * detection, a lower bound from the last non-detection's limiting magnitude. Radio and X-ray sources carry
     * the previous flux in {@code previousMag} (same unit as value) and are converted to magnitudes here.
     * NaN when no pair is at least min_pair_separation_days apart.
     */
    double riseRate(final ObservationRecord o) {
        final boolean magnitudes = o.measurementType.isMagnitude();
        if (!Double.isNaN(o.previousMag) && o.previousTimeNanos != ObservationRecord.NO_TIME) {
            final double dt = (o.observationTimeNanos - o.previousTimeNanos) / NANOS_PER_DAY;
            if (dt >= config.minPairSeparationDays()) {
                if (magnitudes) {
                    return (o.previousMag - o.value) / dt;
                }
                if (o.previousMag > 0 && o.value > 0) {
                    return 2.5 * Math.log10(o.value / o.previousMag) / dt;
                }
            }
            return Double.NaN;
        }
        if (magnitudes && !Double.isNaN(o.lastNonDetectionLimitMag)
                && o.lastNonDetectionTimeNanos != ObservationRecord.NO_TIME) {
            final double dt = (o.observationTimeNanos - o.lastNonDetectionTimeNanos) / NANOS_PER_DAY;
            if (dt >= config.minPairSeparationDays() && o.lastNonDetectionLimitMag > o.value) {
                return (o.lastNonDetectionLimitMag - o.value) / dt;
            }
        }
        return Double.NaN;
    }

    private static double ageDays(final ObservationRecord o) {
        if (o.firstDetectionTimeNanos == ObservationRecord.NO_TIME) {
            return 0.0;
        }
        return Math.max(0.0, (o.observationTimeNanos - o.firstDetectionTimeNanos) / NANOS_PER_DAY);
    }

    private static double snr(final ObservationRecord o) {
        final boolean magnitudes = o.measurementType.isMagnitude();
        return magnitudes ? MAG_PER_SNR / o.valueUncertainty : Math.abs(o.value) / o.valueUncertainty;
    }

    /** The survey's real/bogus-like score where it has one; 1 for instruments without one. */
    private static double realness(final ObservationRecord o) {
        if (!Double.isNaN(o.deepRealBogus)) {
            return Math.max(o.realBogus >= 0 ? o.realBogus : 0.0, o.deepRealBogus);
        }
        if (!Double.isNaN(o.realBogus)) {
            return o.realBogus;
        }
        return Double.isNaN(o.reliability) ? 1.0 : o.reliability;
    }

    private double galacticLatitude(final ObservationRecord o) {
        SkyMath.equatorialToGalactic(o.raDeg, o.decDeg, galactic);
        return galactic[1];
    }

    private static double clamp01(final double v) {
        return v <= 0.0 ? 0.0 : Math.min(1.0, v);
    }
}
