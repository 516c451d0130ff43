package org.skyring.engine.classify;

import java.util.SplittableRandom;

/**
 * Isolation forest (Liu, Ting and Zhou 2008): random axis-parallel splits isolate unusual points in fewer steps.
 * Score s = 2^(-E[h(x)] / c(psi)) in (0, 1): about 0.5 or below is ordinary, near 1 is anomalous. Trees are flat
 * arrays, scored without allocation; each tree also tells which feature made the isolating (last) split, so the
 * evidence can name the most unusual features.
 *
 * <p>One change to the paper: every internal node also keeps the range [low, high] of its split feature over
 * the training points that reached it (nodes of at least {@link #RANGE_CHECK_MIN_POINTS} points), and a point
 * outside that range is isolated there (its path ends). In the
 * paper such a point follows the most extreme training point down the tree and scores no higher than it, so a
 * value far beyond anything seen in one feature was barely noticed. Training points are always inside the
 * ranges, so their paths are unchanged.
 */
public final class IsolationForest {
    private static final double EULER_GAMMA = 0.5772156649015329;
    /** Nodes holding fewer training points than this keep no range (small samples have narrow, chance ranges). */
    static final int RANGE_CHECK_MIN_POINTS = 32;

    /** Per tree: split feature (-1 = leaf), threshold, children, and leaf size. */
    final int[][] feature;
    final double[][] threshold;
    final int[][] left;
    final int[][] right;
    final int[][] size;
    /** Per internal node: range of the split feature over the node's training points (null = no range check). */
    final double[][] low;
    final double[][] high;
    final int sampleSize;
    private final double normaliser;
    /**
     * The trees flattened for scoring, node after node in pre-order (a left child directly follows its parent):
     * split feature (-1 = leaf), right child, and the threshold, or for a leaf c(leaf size) computed once at load
     * so that scoring needs no logarithm. One contiguous pass per tree instead of five array lookups per node.
     */
    private final int[] flatFeature;
    private final int[] flatRight;
    private final double[] flatValue;
    private final double[] flatLow;
    private final double[] flatHigh;
    private final int[] roots;

    IsolationForest(final int[][] feature, final double[][] threshold, final int[][] left, final int[][] right,
                    final int[][] size, final double[][] low, final double[][] high, final int sampleSize) {
        this.low = low;
        this.high = high;
        this.feature = feature;
        this.threshold = threshold;
        this.left = left;
        this.right = right;
        this.size = size;
        this.sampleSize = sampleSize;
        this.normaliser = averagePathLength(sampleSize);
        int nodes = 0;
        for (final int[] f : feature) {
            nodes += f.length;
        }
        flatFeature = new int[nodes];
        flatRight = new int[nodes];
        flatValue = new double[nodes];
        flatLow = new double[nodes];
        flatHigh = new double[nodes];
        roots = new int[feature.length];
        int base = 0;
        for (int t = 0; t < feature.length; t++) {
            roots[t] = base;
            for (int n = 0; n < feature[t].length; n++) {
                final boolean leaf = feature[t][n] < 0;
                if (!leaf && left[t][n] != n + 1) {
                    throw new IllegalArgumentException("isolation forest tree " + t + " node " + n
                            + ": left child " + left[t][n] + " is not the next node (not a pre-order tree)");
                }
                flatFeature[base + n] = feature[t][n];
                flatRight[base + n] = leaf ? -1 : base + right[t][n];
                flatValue[base + n] = leaf ? averagePathLength(size[t][n]) : threshold[t][n];
                flatLow[base + n] = low == null || leaf ? Double.NEGATIVE_INFINITY : low[t][n];
                flatHigh[base + n] = high == null || leaf ? Double.POSITIVE_INFINITY : high[t][n];
            }
            base += feature[t].length;
        }
    }

    public int trees() {
        return feature.length;
    }

    public int sampleSize() {
        return sampleSize;
    }

    /** c(n): average path length of an unsuccessful binary-search-tree lookup among n points. */
    static double averagePathLength(final int n) {
        if (n <= 1) {
            return 0;
        }
        if (n == 2) {
            return 1;
        }
        return 2.0 * (StrictMath.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
    }

    /**
     * Anomaly score of {@code x}; adds to {@code isolatedBy[f]} the weight 1/depth for each tree whose isolating
     * split was on feature f (pass null to skip). No allocation.
     */
    public double score(final double[] x, final double[] isolatedBy) {
        double pathSum = 0;
        for (int t = 0; t < roots.length; t++) {
            int node = roots[t];
            int depth = 0;
            int lastFeature = -1;
            int f;
            boolean outside = false; // a point outside a node's range is isolated there: no subtree below it
            while ((f = flatFeature[node]) >= 0) {
                final double v = x[f];
                lastFeature = f;
                depth++;
                if (v < flatLow[node] || v > flatHigh[node]) {
                    outside = true;
                    break;
                }
                node = v < flatValue[node] ? node + 1 : flatRight[node];
            }
            pathSum += depth + (outside ? 0.0 : flatValue[node]);
            if (isolatedBy != null && lastFeature >= 0) {
                isolatedBy[lastFeature] += 1.0 / depth;
            }
        }
        final double mean = pathSum / roots.length;
        return StrictMath.pow(2.0, -mean / normaliser);
    }

    /** Fits {@code trees} trees on random subsamples of {@code rows} (cold path: allocates freely). */
    public static IsolationForest fit(final double[][] rows, final int trees, final int sampleSize, final long seed) {
        final SplittableRandom rng = new SplittableRandom(seed);
        final int psi = Math.min(sampleSize, rows.length);
        final int maxDepth = (int) Math.ceil(Math.log(Math.max(2, psi)) / Math.log(2));
        final int[][] feature = new int[trees][];
        final double[][] threshold = new double[trees][];
        final int[][] left = new int[trees][];
        final int[][] right = new int[trees][];
        final int[][] size = new int[trees][];
        final double[][] low = new double[trees][];
        final double[][] high = new double[trees][];
        for (int t = 0; t < trees; t++) {
            final int[] sample = new int[psi];
            for (int i = 0; i < psi; i++) {
                sample[i] = rng.nextInt(rows.length);
            }
            final Builder b = new Builder(rows, rng, maxDepth, 2 * psi);
            b.build(sample, 0, psi, 0);
            feature[t] = java.util.Arrays.copyOf(b.feature, b.nodes);
            threshold[t] = java.util.Arrays.copyOf(b.threshold, b.nodes);
            left[t] = java.util.Arrays.copyOf(b.left, b.nodes);
            right[t] = java.util.Arrays.copyOf(b.right, b.nodes);
            size[t] = java.util.Arrays.copyOf(b.size, b.nodes);
            low[t] = java.util.Arrays.copyOf(b.low, b.nodes);
            high[t] = java.util.Arrays.copyOf(b.high, b.nodes);
        }
        return new IsolationForest(feature, threshold, left, right, size, low, high, psi);
    }

    private static final class Builder {
        final double[][] rows;
        final SplittableRandom rng;
        final int maxDepth;
        final int[] feature;
        final double[] threshold;
        final int[] left;
        final int[] right;
        final int[] size;
        final double[] low;
        final double[] high;
        int nodes;

        Builder(final double[][] rows, final SplittableRandom rng, final int maxDepth, final int capacity) {
            this.rows = rows;
            this.rng = rng;
            this.maxDepth = maxDepth;
            feature = new int[capacity];
            threshold = new double[capacity];
            left = new int[capacity];
            right = new int[capacity];
            size = new int[capacity];
            low = new double[capacity];
            high = new double[capacity];
        }

        int build(final int[] idx, final int from, final int to, final int depth) {
            final int node = nodes++;
            feature[node] = -1;
            size[node] = to - from;
            if (to - from <= 1 || depth >= maxDepth) {
                return node;
            }
            final int dims = rows[idx[from]].length;
            // pick a random feature that varies in this node (a few tries), then a uniform threshold in its range
            for (int attempt = 0; attempt < 2 * dims; attempt++) {
                final int f = rng.nextInt(dims);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    final double v = rows[idx[i]][f];
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                if (!(hi > lo)) {
                    continue;
                }
                final double split = lo + (hi - lo) * rng.nextDouble();
                int mid = from;
                for (int i = from; i < to; i++) {
                    if (rows[idx[i]][f] < split) {
                        final int tmp = idx[mid];
                        idx[mid] = idx[i];
                        idx[i] = tmp;
                        mid++;
                    }
                }
                if (mid == from || mid == to) {
                    continue;
                }
                feature[node] = f;
                threshold[node] = split;
                // only a range many points agree on is a surprise to fall outside of
                low[node] = to - from >= RANGE_CHECK_MIN_POINTS ? lo : Double.NEGATIVE_INFINITY;
                high[node] = to - from >= RANGE_CHECK_MIN_POINTS ? hi : Double.POSITIVE_INFINITY;
                left[node] = build(idx, from, mid, depth + 1);
                right[node] = build(idx, mid, to, depth + 1);
                return node;
            }
            return node; // all points identical: a leaf of that size
        }
    }
}
