package org.skyring.engine.classify;

import org.skyring.journal.DecisionRecord;

/**
 * Light-curve features of one object as of one observation, written by {@link ObjectHistory#apply} into a
 * reused instance (no allocation). Rates are in mag/day, positive = brightening; NaN = not measurable.
 */
public final class LightCurve {
    /** Rate between this observation and the latest earlier same-band detection at least the pair separation back. */
    public double rate = Double.NaN;
    /** Days between the two points of {@link #rate}. */
    public double rateBaselineDays = Double.NaN;
    /** Lower bound of the rise from the latest same-band upper limit fainter than this detection. */
    public double rateFromLimit = Double.NaN;
    public double rateFromLimitBaselineDays = Double.NaN;
    /** Steepest brightening and fading between consecutive stored detections of any band (incl. this one). */
    public double maxRiseRate = Double.NaN;
    public double maxFadeRate = Double.NaN;
    /** Faintest minus brightest stored detection (incl. this one), mag. */
    public double amplitude = Double.NaN;
    /** Latest g minus latest r, when taken within a day of each other. */
    public double colourGr = Double.NaN;
    public double ageDays = Double.NaN;
    public double daysSinceNonDetection = Double.NaN;
    /** This magnitude minus the brightest one seen (0 at peak, positive after it). */
    public double fromPeak = Double.NaN;
    public int detections;
    /** True when this observation had already been applied (a replay after a crash): the state was not changed. */
    public boolean alreadyApplied;

    /**
     * Records these features in a decision ({@link DecisionRecord#historyLightCurve}, slot order documented
     * there): a deferred decision carries the light curve its later full classification must use.
     */
    public void writeTo(final DecisionRecord d) {
        final double[] s = d.historyLightCurve;
        s[0] = rate;
        s[1] = rateBaselineDays;
        s[2] = rateFromLimit;
        s[3] = rateFromLimitBaselineDays;
        s[4] = maxRiseRate;
        s[5] = maxFadeRate;
        s[6] = amplitude;
        s[7] = colourGr;
        s[8] = ageDays;
        s[9] = daysSinceNonDetection;
        s[10] = fromPeak;
        d.historyDetections = detections;
    }

    /** The inverse of {@link #writeTo}; cleared when the decision carries no light curve. */
    public void readFrom(final DecisionRecord d) {
        clear();
        if (!d.hasHistoryLightCurve()) {
            return;
        }
        final double[] s = d.historyLightCurve;
        rate = s[0];
        rateBaselineDays = s[1];
        rateFromLimit = s[2];
        rateFromLimitBaselineDays = s[3];
        maxRiseRate = s[4];
        maxFadeRate = s[5];
        amplitude = s[6];
        colourGr = s[7];
        ageDays = s[8];
        daysSinceNonDetection = s[9];
        fromPeak = s[10];
        detections = d.historyDetections;
    }

    public void clear() {
        rate = Double.NaN;
        rateBaselineDays = Double.NaN;
        rateFromLimit = Double.NaN;
        rateFromLimitBaselineDays = Double.NaN;
        maxRiseRate = Double.NaN;
        maxFadeRate = Double.NaN;
        amplitude = Double.NaN;
        colourGr = Double.NaN;
        ageDays = Double.NaN;
        daysSinceNonDetection = Double.NaN;
        fromPeak = Double.NaN;
        detections = 0;
        alreadyApplied = false;
    }
}
