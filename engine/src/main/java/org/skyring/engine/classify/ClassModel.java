package org.skyring.engine.classify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.skyring.journal.TruthLabel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The trained classification model in the compact form the decision thread scores: feature standardization,
 * multinomial logistic weights (trained by Tribuo, see {@code skyring model train}), per-class isotonic calibration
 * and an isolation forest for anomaly scoring. Read from and written to one JSON file; the model version recorded in
 * every decision is {@code "<name>-<first 8 hex of the file's SHA-256>"}, so any change to the file changes it.
 *
 * <p>Scoring methods write into caller-owned arrays and never allocate.
 */
public final class ClassModel {
    public static final int FORMAT = 1;

    private final String version;
    private final ModelFile file;
    private final TruthLabel[] classes;
    private final Isotonic[] calibration;
    private final IsolationForest forest;
    /** Per feature: true when the model file excludes it (its standardized value is always 0). */
    private final boolean[] excluded = new boolean[Feature.COUNT];

    private ClassModel(final String version, final ModelFile file) {
        this.version = version;
        this.file = file;
        if (file.format != FORMAT) {
            throw new IllegalArgumentException("model file format " + file.format + " is not readable (reads " + FORMAT + ")");
        }
        if (file.features == null || file.features.length != Feature.COUNT) {
            throw new IllegalArgumentException("model features " + java.util.Arrays.toString(file.features)
                    + " do not match this build's " + Feature.COUNT + " features");
        }
        for (int i = 0; i < Feature.COUNT; i++) {
            if (!Feature.of(i).key().equals(file.features[i])) {
                throw new IllegalArgumentException("model feature " + i + " is \"" + file.features[i]
                        + "\", this build expects \"" + Feature.of(i).key() + "\"");
            }
        }
        if (file.excludedFeatures != null) {
            for (final String name : file.excludedFeatures) {
                final Feature f = Feature.byKey(name);
                excluded[f.ordinal()] = true;
                for (int k = 0; k < file.weights.length; k++) {
                    // a trainer that excluded a feature never fits a weight for it: a non-zero one is a broken file
                    if (file.weights[k][f.ordinal()] != 0.0) {
                        throw new IllegalArgumentException("model excludes feature \"" + name + "\" but class row "
                                + k + " has weight " + file.weights[k][f.ordinal()] + " for it");
                    }
                }
            }
        }
        classes = new TruthLabel[file.classes.length];
        for (int k = 0; k < classes.length; k++) {
            classes[k] = TruthLabel.valueOf(file.classes[k]);
        }
        if (file.weights.length != classes.length || file.bias.length != classes.length) {
            throw new IllegalArgumentException("model weights: " + file.weights.length + " rows for " + classes.length + " classes");
        }
        if (file.calibrationUpper != null) {
            calibration = new Isotonic[classes.length];
            for (int k = 0; k < classes.length; k++) {
                calibration[k] = new Isotonic(file.calibrationUpper[k], file.calibrationValue[k]);
            }
        } else {
            calibration = null;
        }
        forest = file.forestFeature == null ? null : new IsolationForest(file.forestFeature, file.forestThreshold,
                file.forestLeft, file.forestRight, file.forestSize, file.forestLow, file.forestHigh, file.forestSampleSize);
    }

    /** A model made in memory by training code; its version is derived from the JSON it would be saved as. */
    public static ClassModel of(final ModelFile file) {
        return new ClassModel(versionOf(file.name, toJson(file)), file);
    }

    public static ClassModel load(final Path path) {
        try {
            final byte[] bytes = Files.readAllBytes(path);
            final ModelFile f = new ObjectMapper().readValue(bytes, ModelFile.class);
            return new ClassModel(versionOf(f.name, bytes), f);
        } catch (IOException e) {
            throw new IllegalArgumentException("model file " + path + ": cannot read: " + e.getMessage(), e);
        }
    }

    public void save(final Path path) {
        try {
            if (path.toAbsolutePath().getParent() != null) {
                Files.createDirectories(path.toAbsolutePath().getParent());
            }
            Files.write(path, toJson(file));
        } catch (IOException e) {
            throw new UncheckedIOException("model file " + path + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static byte[] toJson(final ModelFile f) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String versionOf(final String name, final byte[] bytes) {
        try {
            final byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return name + "-" + HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String version() {
        return version;
    }

    public ModelFile file() {
        return file;
    }

    public int classCount() {
        return classes.length;
    }

    public TruthLabel classAt(final int k) {
        return classes[k];
    }

    public boolean hasCalibration() {
        return calibration != null;
    }

    public boolean hasForest() {
        return forest != null;
    }

    public IsolationForest forest() {
        return forest;
    }

    /**
     * z = (x - mean) / scale; an absent feature (NaN) becomes 0, the training mean, and so does an excluded one:
     * neither the weights nor the isolation forest can see it, whatever its input value.
     */
    public void standardize(final double[] x, final double[] z) {
        for (int i = 0; i < Feature.COUNT; i++) {
            z[i] = excluded[i] || Double.isNaN(x[i]) ? 0.0 : (x[i] - file.mean[i]) / file.scale[i];
        }
    }

    /** Whether the model file excludes this feature (label-leakage control, see {@link ModelFile#excludedFeatures}). */
    public boolean excludes(final Feature f) {
        return excluded[f.ordinal()];
    }

    /** Softmax of the linear scores: the model's uncalibrated class probabilities. */
    public void rawProbabilities(final double[] z, final double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes.length; k++) {
            final double[] w = file.weights[k];
            double s = file.bias[k];
            for (int i = 0; i < Feature.COUNT; i++) {
                s += w[i] * z[i];
            }
            out[k] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int k = 0; k < classes.length; k++) {
            out[k] = StrictMath.exp(out[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < classes.length; k++) {
            out[k] /= sum;
        }
    }

    /** Per-class isotonic maps, renormalised to sum 1 (raw copied through when the model has no calibration). */
    public void calibrate(final double[] raw, final double[] out) {
        if (calibration == null) {
            System.arraycopy(raw, 0, out, 0, classes.length);
            return;
        }
        double sum = 0;
        for (int k = 0; k < classes.length; k++) {
            out[k] = calibration[k].apply(raw[k]);
            sum += out[k];
        }
        if (sum <= 0) {
            System.arraycopy(raw, 0, out, 0, classes.length);
            return;
        }
        for (int k = 0; k < classes.length; k++) {
            out[k] /= sum;
        }
    }

    /** Isolation-forest score of standardized features; NaN without a forest. */
    public double anomaly(final double[] z, final double[] isolatedBy) {
        return forest == null ? Double.NaN : forest.score(z, isolatedBy);
    }

    /** The JSON form, field for field (public fields: read and written by Jackson). */
    public static final class ModelFile {
        public int format = FORMAT;
        /** Model family and purpose, e.g. "logit": the prefix of the version. */
        public String name = "logit";
        /** What it was trained on (input, counts, split): provenance for a human. */
        public String trainedOn = "";
        public String[] features;
        /**
         * Feature keys the model must not see (standardized to 0, weight 0, never split on): those computed from
         * the fields its training labels were derived from. Absent or empty: all features are used.
         */
        public String[] excludedFeatures = new String[0];
        /** Why they are excluded (the label sources), for a human. */
        public String excludedBecause = "";
        public double[] mean;
        public double[] scale;
        /** {@link TruthLabel} names, in the row order of {@link #weights}. */
        public String[] classes;
        public double[][] weights;
        public double[] bias;
        public double[][] calibrationUpper;
        public double[][] calibrationValue;
        public int[][] forestFeature;
        public double[][] forestThreshold;
        public int[][] forestLeft;
        public int[][] forestRight;
        public int[][] forestSize;
        /** Per internal node, the split feature's training range (absent in older files: no range check). */
        public double[][] forestLow;
        public double[][] forestHigh;
        public int forestSampleSize;
        /** Held-out metrics measured at training (accuracy, brier, ece before and after calibration). */
        public java.util.Map<String, Double> heldOut = new java.util.LinkedHashMap<>();

        public void putCalibration(final Isotonic[] maps) {
            calibrationUpper = new double[maps.length][];
            calibrationValue = new double[maps.length][];
            for (int k = 0; k < maps.length; k++) {
                calibrationUpper[k] = maps[k].upper;
                calibrationValue[k] = maps[k].value;
            }
        }

        public void putForest(final IsolationForest f) {
            forestFeature = f.feature;
            forestThreshold = f.threshold;
            forestLeft = f.left;
            forestRight = f.right;
            forestSize = f.size;
            forestLow = f.low;
            forestHigh = f.high;
            forestSampleSize = f.sampleSize;
        }
    }
}
