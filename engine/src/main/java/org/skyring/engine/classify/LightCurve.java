package org.skyring.engine.classify;

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
