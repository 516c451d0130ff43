package org.skyring.journal;

/**
 * What the engine decided about one journaled observation, and why. Written to the decision journal and,
 * together with the observation, to every destination queue. Deterministic: nothing here comes from a wall
 * clock, so replaying the input journal with the same config, catalog and model versions reproduces it byte
 * for byte.
 */
public final class DecisionRecord {
    /**
     * v2 adds the partition keys (sky region, priority); v3 (issue 5) adds rules version, model class
     * probabilities, anomaly score and explanation; v4 the object-history light curve a deferred decision carries.
     */
    public static final int CURRENT_VERSION = 4;
    /**
     * Slots of {@link #historyLightCurve}: the engine's light-curve features in the order its {@code LightCurve}
     * writes them (rate, its baseline, rate from limit, its baseline, max rise, max fade, amplitude, g-r, age,
     * days since non-detection, from peak).
     */
    public static final int LIGHT_CURVE_SLOTS = 11;
    /** {@link #historyDetections} of a decision that carries no light curve (every decision but a deferred one). */
    public static final int NO_HISTORY = -1;
    /** Classes of {@link #classProbabilities}: indexed by {@link TruthLabel#ordinal()}. */
    public static final int CLASS_SLOTS = TruthLabel.values().length;
    public static final byte NO_CLASS = -1;
    public static final byte NO_MATCH_TYPE = -1;
    /** {@link #flags} bit: expensive stages were skipped under pressure; re-classify later. */
    public static final int FLAG_DEFERRED = 1;
    /** {@link #flags} bit: the full classification of a deferred decision, made later from the journal. */
    public static final int FLAG_RECLASSIFIED = 2;
    /** {@link #skyRegion} of a decision without a valid position (or written before version 2). */
    public static final int NO_SKY_REGION = -1;
    /** {@link #priority} of a decision written before version 2. */
    public static final byte NO_PRIORITY = -1;

    /** Index of the observation in the input journal: the key that ties outputs back to input. */
    public long inputIndex = -1;
    public final FixedAscii observationId = new FixedAscii(ObservationRecord.ID_CAPACITY);
    public Category category = Category.ROUTINE;
    /** Bit set of {@link Destination}. */
    public int destinations;
    /** Bit set of {@link RejectReason}. */
    public long rejectReasons;
    /** Human-readable reasons for rejection, each naming the field and the value. */
    public final FixedAscii rejectDetail = new FixedAscii(400);
    /** Bit set of {@link Rule}. */
    public long rulesFired;
    public int flags;

    public double urgency;
    public double significance;
    public double knownTypeMatch;
    public double confidence;
    /** Brightening rate in mag/day (positive = rising) from the previous same-band detection; NaN if unknown. */
    public double riseRateMagPerDay = Double.NaN;

    public final FixedAscii matchSourceId = new FixedAscii(32);
    /** Catalog source type code of the match, or {@link #NO_MATCH_TYPE}. */
    public byte matchType = NO_MATCH_TYPE;
    public double matchSeparationArcsec = Double.NaN;
    public final FixedAscii hostId = new FixedAscii(32);
    public double hostSeparationArcsec = Double.NaN;

    public final FixedAscii configVersion = new FixedAscii(24);
    public final FixedAscii catalogVersion = new FixedAscii(48);
    public final FixedAscii modelVersion = new FixedAscii(24);
    public final FixedAscii engineVersion = new FixedAscii(24);

    // ---- added in v2: partition keys (artifacts/event_schema.md, "Partition keys")
    /** Coarse sky cell of the observation (catalog SkyRegion), the key of classified events; -1 = none. */
    public int skyRegion = NO_SKY_REGION;
    /** Priority of the category, 0 = most urgent (critical), the key of alerts; see RoutingTable.priorityOf. */
    public byte priority = NO_PRIORITY;

    // ---- added in v3 (issue 5)
    /** Version of the rule set that produced {@link #rulesFired} (config classification.rules_version). */
    public final FixedAscii rulesVersion = new FixedAscii(24);
    /** Most probable model class ({@link TruthLabel} code), or {@link #NO_CLASS} without a model score. */
    public byte modelClass = NO_CLASS;
    /** The model's uncalibrated probability of {@link #modelClass}; NaN without a model score. */
    public double modelRawProbability = Double.NaN;
    /** Calibrated class probabilities by {@link TruthLabel#ordinal()}; NaN for classes the model does not know. */
    public final double[] classProbabilities = new double[CLASS_SLOTS];
    /** Isolation-forest anomaly score in (0, 1), higher = more unusual; NaN when not scored. */
    public double anomalyScore = Double.NaN;
    /** One line a human reads: why this category. */
    public final FixedAscii explanation = new FixedAscii(256);

    // ---- added in v4
    /**
     * The object history's light curve as of this observation, recorded on a deferred decision only: the history
     * takes each observation on the decision thread in journal order, so the reclassifier, deciding it later on
     * another thread, classifies it with the history it had then (as a replay does), not the history's state now.
     * NaN slots when absent.
     */
    public final double[] historyLightCurve = new double[LIGHT_CURVE_SLOTS];
    /** Detections in the object history as of this observation, or {@link #NO_HISTORY}: no light curve recorded. */
    public int historyDetections = NO_HISTORY;

    public DecisionRecord() {
        java.util.Arrays.fill(classProbabilities, Double.NaN);
        java.util.Arrays.fill(historyLightCurve, Double.NaN);
    }

    public void clear() {
        inputIndex = -1;
        observationId.clear();
        category = Category.ROUTINE;
        destinations = 0;
        rejectReasons = 0;
        rejectDetail.clear();
        rulesFired = 0;
        flags = 0;
        urgency = 0;
        significance = 0;
        knownTypeMatch = 0;
        confidence = 0;
        riseRateMagPerDay = Double.NaN;
        matchSourceId.clear();
        matchType = NO_MATCH_TYPE;
        matchSeparationArcsec = Double.NaN;
        hostId.clear();
        hostSeparationArcsec = Double.NaN;
        configVersion.clear();
        catalogVersion.clear();
        modelVersion.clear();
        engineVersion.clear();
        skyRegion = NO_SKY_REGION;
        priority = NO_PRIORITY;
        rulesVersion.clear();
        modelClass = NO_CLASS;
        modelRawProbability = Double.NaN;
        java.util.Arrays.fill(classProbabilities, Double.NaN);
        anomalyScore = Double.NaN;
        explanation.clear();
        java.util.Arrays.fill(historyLightCurve, Double.NaN);
        historyDetections = NO_HISTORY;
    }

    /** True when this decision carries the object history's light curve (a deferred decision, v4). */
    public boolean hasHistoryLightCurve() {
        return historyDetections != NO_HISTORY;
    }

    public boolean isDeferred() {
        return (flags & FLAG_DEFERRED) != 0;
    }

    public boolean fired(final Rule rule) {
        return rule.isIn(rulesFired);
    }

    public void fire(final Rule rule) {
        rulesFired |= rule.mask();
    }

    public boolean routesTo(final Destination d) {
        return d.isIn(destinations);
    }
}
