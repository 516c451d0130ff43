package org.skyring.engine.stage;

import org.skyring.catalog.SkyMath;
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.classify.Feature;
import org.skyring.engine.classify.LightCurve;
import org.skyring.engine.classify.ObjectHistory;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.FixedAscii;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;
import org.skyring.journal.TruthLabel;

/**
 * Classification (issue 5): joins the outputs of quality, cross-match and artifact stages with the object's
 * history, the rule set, the trained model and the anomaly detector; computes the design's four scores, picks the
 * category and writes the evidence (rules, probabilities, versions, a one-line explanation) into the decision.
 * artifacts/classification_rules.md states every formula; this class is its executable form.
 *
 * <p>Two steps: the cheap one (history update, rules, scores) always runs; the expensive one (model class
 * probabilities and anomaly score, {@link #scoreModel}) can be skipped under pressure, which marks the decision
 * {@link DecisionRecord#FLAG_DEFERRED}.
 *
 * <p>Deterministic: uses only the journaled observation, the config, the model file and the object history
 * (itself rebuilt from the journal), never a clock, so replay is identical. No allocation per observation.
 */
public final class Classifier implements Stage {
    static final double NANOS_PER_DAY = 86_400e9;
    private static final double MAG_PER_SNR = 1.0857; // 2.5 / ln 10: magnitude error of a 1-sigma flux error
    /** Known-type match given by the supernova-like rule when no model scores the event. */
    static final double RULE_KNOWN_TYPE_MATCH = 0.85;

    private static final long KNOWN_OBJECT_RULES = Rule.KNOWN_SOLAR_SYSTEM.mask() | Rule.KNOWN_PS1_STAR.mask()
            | Rule.KNOWN_CATALOG_STAR.mask() | Rule.KNOWN_CATALOG_VARIABLE.mask() | Rule.KNOWN_AGN.mask()
            | Rule.KNOWN_CATACLYSMIC_VARIABLE.mask() | Rule.KNOWN_OTHER.mask();

    private final SkyringConfig.Classification config;
    private final SkyringConfig.Thresholds thresholds;
    private final String configVersion;
    private final String catalogVersion;
    private final String engineVersion;
    private final String modelVersion;
    private final double noMatchRadiusArcsec;
    private final double[] galactic = new double[2];
    private final ActiveTriggers triggers;
    private final ObjectHistory history;
    private final ClassModel model;

    // Scratch reused for every observation (single decision thread): no allocation per observation.
    private final LightCurve lightCurve = new LightCurve();
    private final double[] features = new double[Feature.COUNT];
    private final double[] standardized = new double[Feature.COUNT];
    private final double[] isolatedBy = new double[Feature.COUNT];
    private final double[] raw;
    private final double[] calibrated;
    /** Where the rate came from, for the explanation. */
    private double rateBaselineDays;
    private boolean rateIsLowerBound;
    private boolean captureFeatures;
    private boolean featuresValid;
    private int topFeature1;
    private int topFeature2;

    /** Rules only: no history, no model (unit tests of the rules). */
    public Classifier(final SkyringConfig config, final String catalogVersion, final String engineVersion) {
        this(config, catalogVersion, engineVersion, null, null);
    }

    /**
     * @param history object-history store, or null to classify from the packet alone
     * @param model   trained model, or null for rules only
     */
    public Classifier(final SkyringConfig config, final String catalogVersion, final String engineVersion,
                      final ObjectHistory history, final ClassModel model) {
        this.config = config.classification();
        this.thresholds = config.classification().thresholds();
        this.configVersion = config.version();
        this.catalogVersion = catalogVersion;
        this.engineVersion = engineVersion;
        this.triggers = new ActiveTriggers(config.triggers());
        this.history = history;
        this.model = model;
        this.modelVersion = model == null ? "none" : model.version();
        this.noMatchRadiusArcsec = config.knownObjects().defaultRadiusArcsec();
        final int classes = model == null ? 0 : model.classCount();
        raw = new double[classes];
        calibrated = new double[classes];
    }

    @Override
    public String name() {
        return "classify";
    }

    /** Training and evaluation: fill the feature vector of every modelled observation even without a model. */
    public Classifier captureFeatures(final boolean capture) {
        this.captureFeatures = capture;
        return this;
    }

    /**
     * The model features of the last classified observation, or null when it never reached the model step
     * (rejected, bogus, artifact). The array is reused: copy it to keep it.
     */
    public double[] lastFeatures() {
        return featuresValid ? features : null;
    }

    @Override
    public void onEvent(final ObservationEvent e) {
        if (e.deferred) {
            provisional(e.obs, e.decision, e.qualityRules, e.artifactRules, e.inputIndex);
            return;
        }
        classify(e.obs, e.decision, e.qualityRules, e.knownRules, e.artifactRules, e.inputIndex, true,
                e.deferredDecision);
    }

    /**
     * Fast mode: a deferred event (routine-looking, expensive stages skipped) is archived as routine, flagged
     * DEFERRED, with the cheap stages' rules; the reclassifier replaces it with the full decision later. The object
     * history still takes the observation here, on the decision thread and in journal order, exactly as a full
     * decision would have (a replay, never deferred, builds the same history).
     */
    private void provisional(final ObservationRecord o, final DecisionRecord d, final long qualityRules,
                             final long artifactRules, final long inputIndex) {
        d.configVersion.set(configVersion);
        d.catalogVersion.set(catalogVersion);
        d.modelVersion.set(modelVersion);
        d.rulesVersion.set(config.rulesVersion());
        d.engineVersion.set(engineVersion);
        d.observationId.set(o.observationId);
        d.rulesFired = artifactRules;
        d.category = Category.ROUTINE;
        d.flags |= DecisionRecord.FLAG_DEFERRED;
        featuresValid = false;
        if (history != null && qualityRules == 0 && artifactRules == 0 && d.rejectReasons == 0
                && o.measurementType != MeasurementType.NOTICE) {
            history.apply(o, inputIndex, lightCurve);
            lightCurve.writeTo(d); // for the reclassifier: the history as of this observation, not as of later
        }
        d.explanation.clear();
        d.explanation.append("deferred under pressure (reclassified later) -> routine");
    }

    public void classify(final ObservationRecord o, final DecisionRecord d, final long qualityRules,
                         final long knownRules, final long artifactRules) {
        classify(o, d, qualityRules, knownRules, artifactRules, -1, true);
    }

    /**
     * @param inputIndex input-journal index (the history's exactly-once key); -1 when not journaled (tests)
     * @param expensive  false skips the model and anomaly scoring (pressure): the decision is marked deferred
     */
    public void classify(final ObservationRecord o, final DecisionRecord d, final long qualityRules,
                         final long knownRules, final long artifactRules, final long inputIndex,
                         final boolean expensive) {
        classify(o, d, qualityRules, knownRules, artifactRules, inputIndex, expensive, null);
    }

    /**
     * @param deferredDecision the provisional decision whose recorded light curve to use (reclassification, by a
     *                         classifier without a history of its own), or null
     */
    private void classify(final ObservationRecord o, final DecisionRecord d, final long qualityRules,
                          final long knownRules, final long artifactRules, final long inputIndex,
                          final boolean expensive, final DecisionRecord deferredDecision) {
        d.configVersion.set(configVersion);
        d.catalogVersion.set(catalogVersion);
        d.modelVersion.set(modelVersion);
        d.rulesVersion.set(config.rulesVersion());
        d.engineVersion.set(engineVersion);
        d.observationId.set(o.observationId);
        featuresValid = false;
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
            // Bogus or artifact: archived as routine with the cuts that caught it; no science scores, no history.
            d.rulesFired = rules;
            d.category = Category.ROUTINE;
            d.confidence = 1.0;
            explainShortCircuit(d, qualityRules != 0 ? qualityRules : artifactRules);
            return;
        }
        if (history != null) {
            history.apply(o, inputIndex, lightCurve);
        } else if (deferredDecision != null) {
            lightCurve.readFrom(deferredDecision); // cleared when it recorded none (written before decision v4)
        } else {
            lightCurve.clear();
        }
        final double rate = rate(o, lightCurve);
        d.riseRateMagPerDay = rate;
        final double ageDays = o.firstDetectionTimeNanos == ObservationRecord.NO_TIME && !Double.isNaN(lightCurve.ageDays)
                ? lightCurve.ageDays : ageDays(o);
        final boolean known = (knownRules & KNOWN_OBJECT_RULES) != 0;
        final double absLatitude = Math.abs(galacticLatitude(o));
        int classRules = known ? 1 : 0;
        if (rate >= config.fastRiserMinRate() && ageDays <= config.fastRiserMaxAgeDays()) {
            rules |= Rule.CLASS_FAST_RISER.mask();
            classRules++;
        }
        if (-rate > config.fastFaderMinRate() && ageDays < config.fastFaderMaxAgeDays()
                && absLatitude > config.fastFaderMinAbsGalacticLatitudeDeg()) {
            rules |= Rule.CLASS_FAST_FADER.mask();
            classRules++;
        }
        final boolean inHost = Rule.HOST_GALAXY.isIn(knownRules);
        if (inHost && !known && rate >= config.slowRiserMinRate() && rate < config.fastRiserMinRate()) {
            rules |= Rule.CLASS_SLOW_RISER_IN_HOST.mask();
            classRules++;
        }
        if (!known && Double.isNaN(o.previousMag) && o.detectionCount <= 1 && lightCurve.detections <= 1) {
            rules |= Rule.CLASS_NEW_SOURCE.mask();
        }

        final boolean scored = model != null && expensive;
        if (scored) {
            scoreModel(o, d, knownRules, rate, absLatitude);
        } else {
            if (model != null) {
                d.flags |= DecisionRecord.FLAG_DEFERRED;
            }
            if (captureFeatures) {
                Feature.fill(o, knownRules, lightCurve, rate, absLatitude, features);
                featuresValid = true;
            }
        }

        final boolean fast = Rule.CLASS_FAST_RISER.isIn(rules) || Rule.CLASS_FAST_FADER.isIn(rules);
        d.urgency = fast ? clamp01(Math.abs(rate) / config.urgencyFullRate()) : 0.0;
        double novelty = 1.0;
        double confidence = 1.0;
        if (scored) {
            // The calibrated probability that it is a known star or asteroid, an artifact or bogus lowers novelty;
            // the most probable
            // class's calibrated probability bounds confidence; the supernova-like probability is the match.
            novelty = clamp01(1.0 - probability(d, TruthLabel.KNOWN_STAR) - probability(d, TruthLabel.KNOWN_ASTEROID)
                    - probability(d, TruthLabel.ARTIFACT) - probability(d, TruthLabel.BOGUS));
            confidence = d.classProbabilities[d.modelClass];
            d.knownTypeMatch = probability(d, TruthLabel.SUPERNOVA_LIKE);
        } else {
            d.knownTypeMatch = Rule.CLASS_SLOW_RISER_IN_HOST.isIn(rules) ? RULE_KNOWN_TYPE_MATCH : 0.0;
        }
        d.significance = known ? 0.0 : novelty * realness(o) * clamp01(snr(o) / config.significanceFullSnr());
        if (!known && triggers.coincides(o)) {
            rules |= Rule.TRIGGER_COINCIDENCE.mask();
            d.urgency = Math.max(d.urgency, triggers.coincidenceUrgency());
        }
        if (classRules > 1) {
            rules |= Rule.CLASS_AMBIGUOUS.mask();
            confidence = Math.min(confidence, config.ambiguousConfidence());
        }
        if (Rule.SUSPECT_SOLAR_SYSTEM.isIn(knownRules) && !known) {
            confidence = Math.min(confidence, config.suspectSolarSystemConfidence());
        }
        d.confidence = confidence;
        if (scored && !known && d.anomalyScore >= config.model().anomalyThreshold()) {
            rules |= Rule.CLASS_ANOMALOUS.mask();
            // Novelty: an unusual source that would only be archived (routine, known type) goes to a human
            // instead; one already bound for a human (critical, significant, interesting) keeps its category.
            final Category provisional = category(d);
            if (provisional == Category.ROUTINE || provisional == Category.KNOWN_TYPE) {
                d.confidence = Math.min(d.confidence, config.model().anomalyConfidence());
            }
        }
        if (d.confidence < thresholds.unknownConfidence()) {
            rules |= Rule.CLASS_LOW_CONFIDENCE.mask();
        }
        d.rulesFired = rules;
        d.category = category(d);
        explain(o, d, rate, known);
    }

    /**
     * The expensive step: model class probabilities (raw and calibrated) and the anomaly score with its two most
     * isolating features. Skippable; writes only decision fields and scratch arrays.
     */
    public void scoreModel(final ObservationRecord o, final DecisionRecord d, final long knownRules,
                           final double rate, final double absGalacticLatitude) {
        Feature.fill(o, knownRules, lightCurve, rate, absGalacticLatitude, features);
        featuresValid = true;
        model.standardize(features, standardized);
        model.rawProbabilities(standardized, raw);
        model.calibrate(raw, calibrated);
        int best = 0;
        for (int k = 0; k < calibrated.length; k++) {
            d.classProbabilities[model.classAt(k).ordinal()] = calibrated[k];
            if (calibrated[k] > calibrated[best]) {
                best = k;
            }
        }
        d.modelClass = model.classAt(best).code();
        d.modelRawProbability = raw[best];
        java.util.Arrays.fill(isolatedBy, 0.0);
        d.anomalyScore = model.anomaly(standardized, isolatedBy);
        topFeature1 = -1;
        topFeature2 = -1;
        for (int i = 0; i < isolatedBy.length; i++) {
            if (isolatedBy[i] <= 0) {
                continue;
            }
            if (topFeature1 < 0 || isolatedBy[i] > isolatedBy[topFeature1]) {
                topFeature2 = topFeature1;
                topFeature1 = i;
            } else if (topFeature2 < 0 || isolatedBy[i] > isolatedBy[topFeature2]) {
                topFeature2 = i;
            }
        }
    }

    private static double probability(final DecisionRecord d, final TruthLabel label) {
        final double p = d.classProbabilities[label.ordinal()];
        return Double.isNaN(p) ? 0.0 : p;
    }

    /**
     * A GCN/VOEvent notice is context, not a detection: it may open a trigger context (see {@link ActiveTriggers})
     * and is archived as routine either way.
     */
    private void classifyNotice(final ObservationRecord o, final DecisionRecord d) {
        final boolean opened = triggers.open(o);
        d.rulesFired = opened ? Rule.TRIGGER_OPENED.mask() : 0;
        d.category = Category.ROUTINE;
        d.confidence = 1.0;
        d.explanation.clear();
        d.explanation.append(opened ? "notice opened a trigger context -> routine" : "notice (no trigger context) -> routine");
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
     * The rate the rules use, in order of trust: the packet's previous same-band detection (the survey's own
     * association), the object history's latest same-band detection, the packet's last non-detection, the
     * history's latest same-band upper limit (the last two are lower bounds on the rise).
     */
    private double rate(final ObservationRecord o, final LightCurve lc) {
        rateIsLowerBound = false;
        rateBaselineDays = Double.NaN;
        final double packetPair = packetPairRate(o);
        if (!Double.isNaN(packetPair)) {
            rateBaselineDays = (o.observationTimeNanos - o.previousTimeNanos) / NANOS_PER_DAY;
            return packetPair;
        }
        if (!Double.isNaN(lc.rate)) {
            rateBaselineDays = lc.rateBaselineDays;
            return lc.rate;
        }
        final double packetLimit = packetLimitRate(o);
        rateIsLowerBound = true;
        if (!Double.isNaN(packetLimit)) {
            rateBaselineDays = (o.observationTimeNanos - o.lastNonDetectionTimeNanos) / NANOS_PER_DAY;
            return packetLimit;
        }
        rateBaselineDays = lc.rateFromLimitBaselineDays;
        return lc.rateFromLimit;
    }

    /**
     * Brightening rate in mag/day (positive = rising) from the packet's previous same-band detection, or, for a
     * first detection, a lower bound from the last non-detection's limiting magnitude. Radio and X-ray sources
     * carry the previous flux in {@code previousMag} (same unit as value) and are converted to magnitudes here.
     * NaN when no pair is at least min_pair_separation_days apart.
     */
    double riseRate(final ObservationRecord o) {
        if (!Double.isNaN(o.previousMag) && o.previousTimeNanos != ObservationRecord.NO_TIME) {
            return packetPairRate(o);
        }
        return packetLimitRate(o);
    }

    private double packetPairRate(final ObservationRecord o) {
        if (Double.isNaN(o.previousMag) || o.previousTimeNanos == ObservationRecord.NO_TIME) {
            return Double.NaN;
        }
        final double dt = (o.observationTimeNanos - o.previousTimeNanos) / NANOS_PER_DAY;
        if (dt >= config.minPairSeparationDays()) {
            if (o.measurementType.isMagnitude()) {
                return (o.previousMag - o.value) / dt;
            }
            if (o.previousMag > 0 && o.value > 0) {
                return 2.5 * StrictMath.log10(o.value / o.previousMag) / dt;
            }
        }
        return Double.NaN;
    }

    private double packetLimitRate(final ObservationRecord o) {
        if (o.measurementType.isMagnitude() && !Double.isNaN(o.lastNonDetectionLimitMag)
                && o.lastNonDetectionTimeNanos != ObservationRecord.NO_TIME) {
            final double dt = (o.observationTimeNanos - o.lastNonDetectionTimeNanos) / NANOS_PER_DAY;
            if (dt >= config.minPairSeparationDays() && o.lastNonDetectionLimitMag > o.value) {
                return (o.lastNonDetectionLimitMag - o.value) / dt;
            }
        }
        return Double.NaN;
    }

    // ---- explanation: one line, appended into the decision's FixedAscii (no allocation)

    private void explainShortCircuit(final DecisionRecord d, final long cuts) {
        final FixedAscii x = d.explanation;
        x.clear();
        for (final Rule r : RULES) {
            if (r.isIn(cuts)) {
                x.append(r.stage()).append(": ").append(r.description());
                break;
            }
        }
        x.append(" -> routine");
    }

    private static final Rule[] RULES = Rule.all();

    private void explain(final ObservationRecord o, final DecisionRecord d, final double rate, final boolean known) {
        final FixedAscii x = d.explanation;
        x.clear();
        final long rules = d.rulesFired;
        if (Rule.CLASS_FAST_RISER.isIn(rules)) {
            x.append("fast riser: ");
            rate(x, o, rate);
        } else if (Rule.CLASS_FAST_FADER.isIn(rules)) {
            x.append("fast fader: ");
            rate(x, o, rate);
        } else if (Rule.CLASS_SLOW_RISER_IN_HOST.isIn(rules)) {
            x.append("supernova-like rise in host: ");
            rate(x, o, rate);
        } else if (Rule.CLASS_NEW_SOURCE.isIn(rules)) {
            x.append("new source");
        } else if (!Double.isNaN(rate)) {
            x.append("rate ");
            rate(x, o, rate);
        } else {
            x.append("no rate");
        }
        for (final Rule r : RULES) {
            if (r.stage().equals("known") && r.isIn(rules)) {
                x.append("; ").append(r.description());
                if (!d.matchSourceId.isEmpty() && r != Rule.HOST_GALAXY) {
                    x.append(' ').append(d.matchSourceId).append(" at ").append(d.matchSeparationArcsec, 1, false)
                     .append(" arcsec");
                }
            }
        }
        if (!known && d.matchSourceId.isEmpty()) {
            x.append("; no catalog match within ").append(noMatchRadiusArcsec, 1, false).append(" arcsec");
        }
        if (d.modelClass != DecisionRecord.NO_CLASS) {
            x.append("; model ").append(LABEL_KEYS[d.modelClass]).append(' ')
             .append(d.classProbabilities[d.modelClass], 2, false);
            x.append("; anomaly ").append(d.anomalyScore, 2, false);
            if (Rule.CLASS_ANOMALOUS.isIn(rules) && topFeature1 >= 0) {
                x.append(" (").append(Feature.of(topFeature1).label());
                if (topFeature2 >= 0) {
                    x.append(", ").append(Feature.of(topFeature2).label());
                }
                x.append(')');
            }
        } else if ((d.flags & DecisionRecord.FLAG_DEFERRED) != 0) {
            x.append("; model deferred");
        }
        if (Rule.TRIGGER_COINCIDENCE.isIn(rules)) {
            x.append("; inside an active GCN trigger's error circle");
        }
        if (Rule.CLASS_AMBIGUOUS.isIn(rules)) {
            x.append("; ambiguous");
        }
        x.append(" -> ").append(d.category.key());
    }

    private static final String[] LABEL_KEYS = labelKeys();

    private static String[] labelKeys() {
        final TruthLabel[] labels = TruthLabel.values();
        final String[] keys = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            keys[i] = labels[i].name().toLowerCase(java.util.Locale.ROOT);
        }
        return keys;
    }

    private void rate(final FixedAscii x, final ObservationRecord o, final double rate) {
        if (rateIsLowerBound) {
            x.append(">= ");
        }
        x.append(rate, 2, true).append(" mag/day");
        if (o.band != org.skyring.journal.Band.NONE) {
            x.append(" in ").append(BAND_KEYS[o.band.ordinal()]);
        }
        if (!Double.isNaN(rateBaselineDays)) {
            x.append(rateIsLowerBound ? " since a non-detection " : " over ").append(rateBaselineDays, 1, false)
             .append(" d");
            if (rateIsLowerBound) {
                x.append(" before");
            }
        }
    }

    private static final String[] BAND_KEYS = bandKeys();

    private static String[] bandKeys() {
        final org.skyring.journal.Band[] bands = org.skyring.journal.Band.values();
        final String[] keys = new String[bands.length];
        for (int i = 0; i < bands.length; i++) {
            keys[i] = bands[i].name().toLowerCase(java.util.Locale.ROOT);
        }
        return keys;
    }

    private static double ageDays(final ObservationRecord o) {
        if (o.firstDetectionTimeNanos == ObservationRecord.NO_TIME) {
            return 0.0;
        }
        return Math.max(0.0, (o.observationTimeNanos - o.firstDetectionTimeNanos) / NANOS_PER_DAY);
    }

    /** Signal-to-noise ratio of the detection (magnitudes: 1.0857 / sigma). */
    public static double snr(final ObservationRecord o) {
        final boolean magnitudes = o.measurementType.isMagnitude();
        return magnitudes ? MAG_PER_SNR / o.valueUncertainty : Math.abs(o.value) / o.valueUncertainty;
    }

    /** The survey's real/bogus-like score where it has one; 1 for instruments without one. */
    public static double realness(final ObservationRecord o) {
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
