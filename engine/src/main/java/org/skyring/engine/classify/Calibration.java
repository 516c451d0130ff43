package org.skyring.engine.classify;

/**
 * Calibration measures (cold path). Brier score: mean squared difference between the probability and the 0/1
 * outcome. Expected calibration error (ECE): probabilities in {@link #BINS} equal-width bins, the support-weighted
 * mean of |observed frequency - mean probability| per bin.
 */
public final class Calibration {
    public static final int BINS = 10;

    private Calibration() {
    }

    /** One-vs-rest Brier score of one class. */
    public static double brier(final double[] p, final boolean[] positive) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            final double d = p[i] - (positive[i] ? 1 : 0);
            s += d * d;
        }
        return p.length == 0 ? Double.NaN : s / p.length;
    }

    public static double ece(final double[] p, final boolean[] positive) {
        final Reliability r = reliability(p, positive);
        double e = 0;
        for (int b = 0; b < BINS; b++) {
            if (r.count[b] > 0) {
                e += r.count[b] * Math.abs(r.observed(b) - r.meanProbability(b));
            }
        }
        return p.length == 0 ? Double.NaN : e / p.length;
    }

    /** Multi-class Brier score: mean over rows of the sum over classes of (p - outcome)^2 (0 best, 2 worst). */
    public static double multiclassBrier(final double[][] p, final int[] truth) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            for (int k = 0; k < p[i].length; k++) {
                final double d = p[i][k] - (truth[i] == k ? 1 : 0);
                s += d * d;
            }
        }
        return p.length == 0 ? Double.NaN : s / p.length;
    }

    /** Top-label ECE: confidence = the highest probability, outcome = that class is the true one. */
    public static double topLabelEce(final double[][] p, final int[] truth) {
        return ece(topConfidence(p), topCorrect(p, truth));
    }

    public static double[] topConfidence(final double[][] p) {
        final double[] c = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            c[i] = p[i][argmax(p[i])];
        }
        return c;
    }

    public static boolean[] topCorrect(final double[][] p, final int[] truth) {
        final boolean[] ok = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            ok[i] = argmax(p[i]) == truth[i];
        }
        return ok;
    }

    public static int argmax(final double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Column {@code k} of p, and whether each row's truth is k (one-vs-rest view of one class). */
    public static double[] column(final double[][] p, final int k) {
        final double[] c = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            c[i] = p[i][k];
        }
        return c;
    }

    public static boolean[] isClass(final int[] truth, final int k) {
        final boolean[] b = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            b[i] = truth[i] == k;
        }
        return b;
    }

    public static Reliability reliability(final double[] p, final boolean[] positive) {
        final Reliability r = new Reliability();
        for (int i = 0; i < p.length; i++) {
            final int b = Math.min(BINS - 1, (int) Math.floor(p[i] * BINS));
            r.count[b]++;
            r.sumProbability[b] += p[i];
            r.positives[b] += positive[i] ? 1 : 0;
        }
        return r;
    }

    /** Per-bin counts of a reliability diagram. */
    public static final class Reliability {
        public final long[] count = new long[BINS];
        public final double[] sumProbability = new double[BINS];
        public final long[] positives = new long[BINS];

        public double meanProbability(final int b) {
            return count[b] == 0 ? Double.NaN : sumProbability[b] / count[b];
        }

        public double observed(final int b) {
            return count[b] == 0 ? Double.NaN : (double) positives[b] / count[b];
        }
    }
}
