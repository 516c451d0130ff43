package org.skyring.engine.classify;

/**
 * Isotonic calibration map (pool-adjacent-violators): a non-decreasing step function from a raw score to the
 * observed frequency of the positive outcome. {@link #upper}[i] is the largest raw score of block i and
 * {@link #value}[i] its calibrated probability; scores above the last block get the last value.
 */
public final class Isotonic {
    final double[] upper;
    final double[] value;

    Isotonic(final double[] upper, final double[] value) {
        this.upper = upper;
        this.value = value;
    }

    public double apply(final double raw) {
        int lo = 0;
        int hi = upper.length - 1;
        if (hi < 0) {
            return raw;
        }
        while (lo < hi) { // first block whose upper bound is >= raw
            final int mid = (lo + hi) >>> 1;
            if (upper[mid] < raw) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return value[lo];
    }

    public int blocks() {
        return upper.length;
    }

    /** Fits on raw scores and 0/1 outcomes (cold path). */
    public static Isotonic fit(final double[] raw, final boolean[] positive) {
        final int n = raw.length;
        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(raw[a], raw[b]));
        final double[] sum = new double[n];
        final double[] weight = new double[n];
        final double[] top = new double[n];
        int blocks = 0;
        for (int k = 0; k < n; k++) {
            final int i = order[k];
            sum[blocks] = positive[i] ? 1 : 0;
            weight[blocks] = 1;
            top[blocks] = raw[i];
            blocks++;
            // merge equal raw scores, and any block whose mean is below its predecessor's
            while (blocks > 1 && (top[blocks - 2] == top[blocks - 1]
                    || sum[blocks - 2] / weight[blocks - 2] >= sum[blocks - 1] / weight[blocks - 1])) {
                sum[blocks - 2] += sum[blocks - 1];
                weight[blocks - 2] += weight[blocks - 1];
                top[blocks - 2] = top[blocks - 1];
                blocks--;
            }
        }
        final double[] upper = new double[blocks];
        final double[] value = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            upper[b] = top[b];
            value[b] = sum[b] / weight[b];
        }
        return new Isotonic(upper, value);
    }
}
