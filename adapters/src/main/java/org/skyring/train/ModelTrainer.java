package org.skyring.train;

import org.skyring.engine.classify.Calibration;
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.classify.Feature;
import org.skyring.engine.classify.FeatureTable;
import org.skyring.engine.classify.IsolationForest;
import org.skyring.engine.classify.Isotonic;
import org.skyring.journal.TruthLabel;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Trains the classification model with Tribuo (multinomial logistic regression, SGD with AdaGrad) and exports it
 * into the compact {@link ClassModel} the engine scores without allocation; fits per-class isotonic calibration
 * on a held-out calibration split and an isolation forest on the training split; measures accuracy, Brier score
 * and ECE (before and after calibration) on a test split that neither training nor calibration saw.
 *
 * <p>Splits are by a hash (FNV-1a) of the object key ({@link FeatureTable.Row#objectKey()}: survey object id, else
 * sky cell): 60 % train, 20 % calibration, 20 % test. Every observation of an object lands in the same split
 * whatever else is in the table, so no object straddles training and test, and {@code skyring eval --held-out}
 * scores exactly the objects this training never saw.
 */
public final class ModelTrainer {
    /** A class needs at least this many training rows to be modelled; rarer labels are dropped (reported). */
    public static final int MIN_CLASS_ROWS = 20;

    /**
     * @param excluded features the model must not see (label leakage: computed from the fields the labels came
     *                 from); recorded in the model file, standardized to 0, never weighted nor split on
     * @param excludedBecause why, for the model file and the reports (e.g. the label sources)
     */
    public record Settings(int epochs, double learningRate, long seed, int forestTrees, int forestSampleSize,
                           Set<Feature> excluded, String excludedBecause) {
        public Settings(final int epochs, final double learningRate, final long seed, final int forestTrees,
                        final int forestSampleSize) {
            this(epochs, learningRate, seed, forestTrees, forestSampleSize, Set.of(), "");
        }

        public Settings {
            excluded = excluded.isEmpty() ? Set.of() : Set.copyOf(java.util.EnumSet.copyOf(excluded));
        }

        public static Settings defaults() {
            return new Settings(8, 0.5, 2026L, 50, 256);
        }

        public Settings excluding(final Set<Feature> features, final String because) {
            return new Settings(epochs, learningRate, seed, forestTrees, forestSampleSize, features, because);
        }
    }

    /** The trained model, the Tribuo model it was exported from, and the held-out measurements. */
    public record Result(ClassModel model, LinearSGDModel tribuo, List<FeatureTable.Row> test,
                         Map<String, Double> heldOut, Map<String, Integer> splitCounts, Set<String> fittedObjects) {
    }

    public static final int TRAIN_SPLIT = 0;
    public static final int CALIBRATION_SPLIT = 1;
    public static final int TEST_SPLIT = 2;

    private ModelTrainer() {
    }

    /** {@link #TRAIN_SPLIT}, {@link #CALIBRATION_SPLIT} or {@link #TEST_SPLIT} of an object key. */
    public static int split(final CharSequence objectKey) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < objectKey.length(); i++) {
            h ^= objectKey.charAt(i);
            h *= 0x100000001b3L;
        }
        final int bucket = (int) Math.floorMod(h, 10L);
        return bucket < 6 ? TRAIN_SPLIT : bucket < 8 ? CALIBRATION_SPLIT : TEST_SPLIT;
    }

    public static Result train(final List<FeatureTable.Row> rows, final Settings settings, final String trainedOn) {
        final List<FeatureTable.Row> train = new ArrayList<>();
        final List<FeatureTable.Row> calibrate = new ArrayList<>();
        final List<FeatureTable.Row> test = new ArrayList<>();
        for (final FeatureTable.Row r : rows) {
            switch (split(r.objectKey())) {
                case TRAIN_SPLIT -> train.add(r);
                case CALIBRATION_SPLIT -> calibrate.add(r);
                default -> test.add(r);
            }
        }
        // classes: labels with enough training rows, in TruthLabel order
        final Map<TruthLabel, Integer> counts = new LinkedHashMap<>();
        for (final FeatureTable.Row r : train) {
            counts.merge(r.label(), 1, Integer::sum);
        }
        final TreeSet<TruthLabel> classSet = new TreeSet<>();
        counts.forEach((l, n) -> {
            if (n >= MIN_CLASS_ROWS) {
                classSet.add(l);
            }
        });
        if (classSet.size() < 2) {
            throw new IllegalArgumentException("training needs at least two labels with " + MIN_CLASS_ROWS
                    + " rows each; got " + counts);
        }
        final TruthLabel[] classes = classSet.toArray(new TruthLabel[0]);
        final List<FeatureTable.Row> trainKept = keep(train, classSet);
        final List<FeatureTable.Row> calKept = keep(calibrate, classSet);
        final List<FeatureTable.Row> testKept = keep(test, classSet);

        final ClassModel.ModelFile file = new ClassModel.ModelFile();
        file.features = new String[Feature.COUNT];
        for (int i = 0; i < Feature.COUNT; i++) {
            file.features[i] = Feature.of(i).key();
        }
        // in vector order, so the same exclusion always writes the same file (the model version is its hash)
        file.excludedFeatures = Arrays.stream(Feature.values()).filter(settings.excluded()::contains)
                .map(Feature::key).toArray(String[]::new);
        file.excludedBecause = settings.excluded().isEmpty() ? "" : settings.excludedBecause();
        standardization(trainKept, file, settings.excluded());
        file.classes = new String[classes.length];
        for (int k = 0; k < classes.length; k++) {
            file.classes[k] = classes[k].name();
        }

        // Tribuo trains on the standardized features (so the exported weights apply to them directly).
        final LabelFactory labels = new LabelFactory();
        final MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance(trainedOn, labels), labels);
        for (final FeatureTable.Row r : trainKept) {
            dataset.add(example(r.label().name(), standardize(r.features(), file, settings.excluded())));
        }
        final LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new AdaGrad(settings.learningRate(), 0.1), settings.epochs(), Integer.MAX_VALUE, 1, settings.seed());
        final LinearSGDModel tribuo = trainer.train(dataset);
        exportWeights(tribuo, file, settings.excluded());

        // calibration on the held-out calibration split
        final ClassModel uncalibrated = ClassModel.of(file);
        final double[][] calRaw = rawProbabilities(uncalibrated, calKept);
        final int[] calTruth = truth(calKept, classes);
        final Isotonic[] maps = new Isotonic[classes.length];
        for (int k = 0; k < classes.length; k++) {
            maps[k] = Isotonic.fit(Calibration.column(calRaw, k), Calibration.isClass(calTruth, k));
        }
        file.putCalibration(maps);

        // anomaly detector: isolation forest over the standardized training features
        final double[][] z = new double[trainKept.size()][];
        for (int i = 0; i < z.length; i++) {
            z[i] = standardize(trainKept.get(i).features(), file, settings.excluded());
        }
        file.putForest(IsolationForest.fit(z, settings.forestTrees(), settings.forestSampleSize(), settings.seed()));

        // held-out test measurements, before and after calibration
        final ClassModel calibrated = ClassModel.of(file);
        final double[][] testRaw = rawProbabilities(calibrated, testKept);
        final double[][] testCal = calibrate(calibrated, testRaw);
        final int[] testTruth = truth(testKept, classes);
        final Map<String, Double> heldOut = new LinkedHashMap<>();
        heldOut.put("test_rows", (double) testKept.size());
        heldOut.put("accuracy", accuracy(testCal, testTruth));
        heldOut.put("brier_raw", Calibration.multiclassBrier(testRaw, testTruth));
        heldOut.put("brier", Calibration.multiclassBrier(testCal, testTruth));
        heldOut.put("ece_raw", Calibration.topLabelEce(testRaw, testTruth));
        heldOut.put("ece", Calibration.topLabelEce(testCal, testTruth));
        file.heldOut = heldOut;
        file.trainedOn = trainedOn + "; rows train/calibration/test " + trainKept.size() + "/" + calKept.size() + "/"
                + testKept.size() + "; classes " + String.join(",", file.classes) + "; tribuo LinearSGDTrainer"
                + " LogMulticlass AdaGrad(" + settings.learningRate() + ") epochs " + settings.epochs()
                + " seed " + settings.seed() + "; split by FNV-1a(object key) mod 10: 0-5 train, 6-7 calibration,"
                + " 8-9 test" + (settings.excluded().isEmpty() ? "" : "; excluded features "
                + String.join(",", file.excludedFeatures) + " (" + file.excludedBecause + ")");
        final Map<String, Integer> splitCounts = new LinkedHashMap<>();
        splitCounts.put("train", trainKept.size());
        splitCounts.put("calibration", calKept.size());
        splitCounts.put("test", testKept.size());
        splitCounts.put("dropped_rare_labels", rows.size() - trainKept.size() - calKept.size() - testKept.size());
        final Set<String> fitted = new HashSet<>();
        trainKept.forEach(r -> fitted.add(r.objectKey()));
        calKept.forEach(r -> fitted.add(r.objectKey()));
        return new Result(ClassModel.of(file), tribuo, testKept, heldOut, splitCounts, fitted);
    }

    private static List<FeatureTable.Row> keep(final List<FeatureTable.Row> rows, final TreeSet<TruthLabel> classes) {
        final List<FeatureTable.Row> kept = new ArrayList<>();
        for (final FeatureTable.Row r : rows) {
            if (classes.contains(r.label())) {
                kept.add(r);
            }
        }
        return kept;
    }

    /** Mean and standard deviation of each feature over the rows where it is present (scale 1 when constant). */
    private static void standardization(final List<FeatureTable.Row> rows, final ClassModel.ModelFile file,
                                        final Set<Feature> excluded) {
        file.mean = new double[Feature.COUNT];
        file.scale = new double[Feature.COUNT];
        for (int i = 0; i < Feature.COUNT; i++) {
            if (excluded.contains(Feature.of(i))) {
                file.mean[i] = 0.0;
                file.scale[i] = 1.0;
                continue;
            }
            double sum = 0;
            double sumSq = 0;
            long n = 0;
            for (final FeatureTable.Row r : rows) {
                final double v = r.features()[i];
                if (!Double.isNaN(v)) {
                    sum += v;
                    sumSq += v * v;
                    n++;
                }
            }
            final double mean = n == 0 ? 0 : sum / n;
            final double var = n == 0 ? 0 : Math.max(0, sumSq / n - mean * mean);
            file.mean[i] = mean;
            file.scale[i] = var > 1e-12 ? Math.sqrt(var) : 1.0;
        }
    }

    /** As {@link ClassModel#standardize}: an excluded feature is 0 (so Tribuo never fits a weight to it). */
    static double[] standardize(final double[] x, final ClassModel.ModelFile file, final Set<Feature> excluded) {
        final double[] z = new double[Feature.COUNT];
        for (int i = 0; i < Feature.COUNT; i++) {
            z[i] = excluded.contains(Feature.of(i)) || Double.isNaN(x[i]) ? 0.0 : (x[i] - file.mean[i]) / file.scale[i];
        }
        return z;
    }

    /** A Tribuo example over the standardized features, named by {@link Feature#key()}. */
    public static Example<Label> example(final String label, final double[] z) {
        final String[] names = new String[Feature.COUNT];
        for (int i = 0; i < Feature.COUNT; i++) {
            names[i] = Feature.of(i).key();
        }
        return new ArrayExample<>(new Label(label), names, z);
    }

    /**
     * Copies Tribuo's weight matrix (one row per label id, one column per feature id, the bias in the last column)
     * into the model file in our class and feature order.
     */
    private static void exportWeights(final LinearSGDModel tribuo, final ClassModel.ModelFile file,
                                      final Set<Feature> excluded) {
        final DenseMatrix w = tribuo.getWeightsCopy();
        final ImmutableFeatureMap features = tribuo.getFeatureIDMap();
        final ImmutableOutputInfo<Label> outputs = tribuo.getOutputIDInfo();
        final int biasColumn = features.size();
        if (w.getDimension2Size() != biasColumn + 1) {
            throw new IllegalStateException("Tribuo weight matrix has " + w.getDimension2Size() + " columns for "
                    + biasColumn + " features: expected one bias column");
        }
        file.weights = new double[file.classes.length][Feature.COUNT];
        file.bias = new double[file.classes.length];
        for (int k = 0; k < file.classes.length; k++) {
            final int row = outputs.getID(new Label(file.classes[k]));
            if (row < 0) {
                throw new IllegalStateException("class " + file.classes[k] + " missing from the Tribuo model");
            }
            file.bias[k] = w.get(row, biasColumn);
            for (int i = 0; i < Feature.COUNT; i++) {
                final int col = excluded.contains(Feature.of(i)) ? -1 : features.getID(Feature.of(i).key());
                // a feature Tribuo never saw non-zero has no id: its weight is 0; an excluded one is always 0
                file.weights[k][i] = col < 0 ? 0.0 : w.get(row, col);
            }
        }
    }

    public static double[][] rawProbabilities(final ClassModel model, final List<FeatureTable.Row> rows) {
        final double[][] p = new double[rows.size()][model.classCount()];
        final double[] z = new double[Feature.COUNT];
        for (int i = 0; i < p.length; i++) {
            model.standardize(rows.get(i).features(), z);
            model.rawProbabilities(z, p[i]);
        }
        return p;
    }

    public static double[][] calibrate(final ClassModel model, final double[][] raw) {
        final double[][] p = new double[raw.length][model.classCount()];
        for (int i = 0; i < raw.length; i++) {
            model.calibrate(raw[i], p[i]);
        }
        return p;
    }

    public static int[] truth(final List<FeatureTable.Row> rows, final TruthLabel[] classes) {
        final int[] t = new int[rows.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = -1;
            for (int k = 0; k < classes.length; k++) {
                if (classes[k] == rows.get(i).label()) {
                    t[i] = k;
                }
            }
        }
        return t;
    }

    public static TruthLabel[] classes(final ClassModel model) {
        final TruthLabel[] c = new TruthLabel[model.classCount()];
        for (int k = 0; k < c.length; k++) {
            c[k] = model.classAt(k);
        }
        return c;
    }

    static double accuracy(final double[][] p, final int[] truth) {
        long ok = 0;
        for (int i = 0; i < p.length; i++) {
            ok += Calibration.argmax(p[i]) == truth[i] ? 1 : 0;
        }
        return p.length == 0 ? Double.NaN : (double) ok / p.length;
    }

    /** Tribuo's own probabilities for one row, in the model's class order (the export check uses it). */
    public static double[] tribuoProbabilities(final LinearSGDModel tribuo, final ClassModel model, final double[] z) {
        final Prediction<Label> p = tribuo.predict(example(model.classAt(0).name(), z));
        final double[] out = new double[model.classCount()];
        final Map<String, Label> scores = p.getOutputScores();
        for (int k = 0; k < out.length; k++) {
            final Label l = scores.get(model.classAt(k).name());
            out[k] = l == null ? 0.0 : l.getScore();
        }
        return out;
    }
}
