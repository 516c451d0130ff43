package org.skyring.engine.classify;

import org.skyring.engine.stage.GroundTruth;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.TruthLabel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scores decisions against labels (cold path): a confusion matrix over the six categories (expected category of
 * the label x decided category), a confusion matrix over the model's classes (label x most probable class),
 * per-class precision, recall and support, and the calibration of the class probabilities (multi-class Brier
 * score, top-label ECE, per-class one-vs-rest Brier and ECE, reliability bins).
 */
public final class Evaluation {
    private static final Category[] CATEGORIES = Category.values();
    private static final TruthLabel[] LABELS = TruthLabel.values();

    private final long[][] categoryMatrix = new long[CATEGORIES.length][CATEGORIES.length];
    private final long[][] classMatrix = new long[LABELS.length][LABELS.length];
    private long decisions;
    private long correct;
    private final List<double[]> probabilities = new ArrayList<>();
    private final List<Integer> truths = new ArrayList<>();
    private final java.util.Set<String> objects = new java.util.HashSet<>();

    /** Adds one labelled decision. Decisions with {@link TruthLabel#NONE} are not scored. */
    public void add(final TruthLabel truth, final DecisionRecord d) {
        add(truth, d, null);
    }

    /** The same, remembering the object key ({@link ObjectHistory#keyOf}) of a scored decision. */
    public void add(final TruthLabel truth, final DecisionRecord d, final String objectKey) {
        if (truth == TruthLabel.NONE) {
            return;
        }
        if (objectKey != null) {
            objects.add(objectKey);
        }
        decisions++;
        correct += GroundTruth.isCorrect(truth, d) ? 1 : 0;
        categoryMatrix[GroundTruth.expectedCategory(truth).ordinal()][d.category.ordinal()]++;
        if (d.modelClass != DecisionRecord.NO_CLASS) {
            classMatrix[truth.ordinal()][d.modelClass]++;
            final double[] p = d.classProbabilities.clone();
            for (int k = 0; k < p.length; k++) {
                p[k] = Double.isNaN(p[k]) ? 0.0 : p[k];
            }
            probabilities.add(p);
            truths.add(truth.ordinal());
        }
    }

    /** Object keys of the scored decisions (those added with one). */
    public java.util.Set<String> objects() {
        return objects;
    }

    public long decisions() {
        return decisions;
    }

    /**
     * Six-category accuracy: share of decisions whose category is the label's expected one, i.e. the diagonal of
     * {@link #categoryMatrix()} over its total (so the JSON's accuracy can be checked against its own matrix).
     */
    public double accuracy() {
        long diagonal = 0;
        for (int i = 0; i < CATEGORIES.length; i++) {
            diagonal += categoryMatrix[i][i];
        }
        return decisions == 0 ? Double.NaN : (double) diagonal / decisions;
    }

    /**
     * The stricter score of {@code skyring demo}: the right category for the right reason
     * ({@link GroundTruth#isCorrect}: a star must be routine with a star rule in its evidence, an asteroid with the
     * solar-system rule; a candidate may also be significant).
     */
    public double accuracyWithEvidence() {
        return decisions == 0 ? Double.NaN : (double) correct / decisions;
    }

    public long[][] categoryMatrix() {
        return categoryMatrix;
    }

    public long[][] classMatrix() {
        return classMatrix;
    }

    /** Model-class accuracy over decisions the model scored. */
    public double classAccuracy() {
        long ok = 0;
        long n = 0;
        for (int t = 0; t < LABELS.length; t++) {
            for (int p = 0; p < LABELS.length; p++) {
                n += classMatrix[t][p];
                ok += t == p ? classMatrix[t][p] : 0;
            }
        }
        return n == 0 ? Double.NaN : (double) ok / n;
    }

    private double[][] probabilityRows() {
        return probabilities.toArray(new double[0][]);
    }

    private int[] truthArray() {
        final int[] t = new int[truths.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = truths.get(i);
        }
        return t;
    }

    public double brier() {
        return Calibration.multiclassBrier(probabilityRows(), truthArray());
    }

    public double ece() {
        return Calibration.topLabelEce(probabilityRows(), truthArray());
    }

    public Calibration.Reliability reliability() {
        final double[][] p = probabilityRows();
        return Calibration.reliability(Calibration.topConfidence(p), Calibration.topCorrect(p, truthArray()));
    }

    /** The summary as nested maps (written as JSON by the CLI): accuracy, per_class, brier, ece and the matrices. */
    public Map<String, Object> toMap() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("decisions", decisions);
        m.put("accuracy", accuracy());
        m.put("accuracy_with_evidence", accuracyWithEvidence());
        m.put("class_accuracy", classAccuracy());
        m.put("brier", brier());
        m.put("ece", ece());
        final double[][] p = probabilityRows();
        final int[] t = truthArray();
        final Map<String, Object> perClass = new LinkedHashMap<>();
        for (int k = 0; k < LABELS.length; k++) {
            final Map<String, Object> c = precisionRecall(classMatrix, k);
            if (c != null) {
                c.put("brier", Calibration.brier(Calibration.column(p, k), Calibration.isClass(t, k)));
                c.put("ece", Calibration.ece(Calibration.column(p, k), Calibration.isClass(t, k)));
                perClass.put(key(LABELS[k]), c);
            }
        }
        m.put("per_class", perClass);
        final Map<String, Object> perCategory = new LinkedHashMap<>();
        for (int k = 0; k < CATEGORIES.length; k++) {
            final Map<String, Object> c = precisionRecall(categoryMatrix, k);
            if (c != null) {
                perCategory.put(CATEGORIES[k].key(), c);
            }
        }
        m.put("per_category", perCategory);
        m.put("category_confusion", matrix(categoryMatrix, categoryKeys()));
        m.put("class_confusion", matrix(classMatrix, labelKeys()));
        final Calibration.Reliability r = reliability();
        final List<Map<String, Object>> bins = new ArrayList<>();
        for (int b = 0; b < Calibration.BINS; b++) {
            final Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("from", (double) b / Calibration.BINS);
            bin.put("to", (double) (b + 1) / Calibration.BINS);
            bin.put("count", r.count[b]);
            bin.put("mean_probability", r.meanProbability(b));
            bin.put("observed", r.observed(b));
            bins.add(bin);
        }
        m.put("reliability", bins);
        return m;
    }

    /** Precision, recall and support of row/column {@code k} of a confusion matrix; null when both are empty. */
    private static Map<String, Object> precisionRecall(final long[][] cells, final int k) {
        long support = 0;
        long predicted = 0;
        for (int j = 0; j < cells.length; j++) {
            support += cells[k][j];
            predicted += cells[j][k];
        }
        if (support == 0 && predicted == 0) {
            return null;
        }
        final Map<String, Object> c = new LinkedHashMap<>();
        c.put("precision", predicted == 0 ? Double.NaN : (double) cells[k][k] / predicted);
        c.put("recall", support == 0 ? Double.NaN : (double) cells[k][k] / support);
        c.put("support", support);
        return c;
    }

    /** {"labels": [...], "rows": {truth: {decided: n}}}, zero cells and empty rows left out. */
    private static Map<String, Object> matrix(final long[][] cells, final String[] keys) {
        final Map<String, Object> rows = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            final Map<String, Long> row = new LinkedHashMap<>();
            for (int j = 0; j < cells.length; j++) {
                if (cells[i][j] != 0) {
                    row.put(keys[j], cells[i][j]);
                }
            }
            if (!row.isEmpty()) {
                rows.put(keys[i], row);
            }
        }
        return rows;
    }

    /** The confusion matrix as a text table (rows: expected/true, columns: decided/predicted). */
    public static String table(final long[][] cells, final String[] keys) {
        final boolean[] used = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            for (int j = 0; j < keys.length; j++) {
                if (cells[i][j] != 0) {
                    used[i] = true;
                    used[j] = true;
                }
            }
        }
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-16s", "true \\ decided"));
        for (int j = 0; j < keys.length; j++) {
            if (used[j]) {
                sb.append(String.format(Locale.ROOT, " %14s", keys[j]));
            }
        }
        sb.append('\n');
        for (int i = 0; i < keys.length; i++) {
            if (!used[i]) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-16s", keys[i]));
            for (int j = 0; j < keys.length; j++) {
                if (used[j]) {
                    sb.append(String.format(Locale.ROOT, " %14d", cells[i][j]));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String[] categoryKeys() {
        final String[] k = new String[CATEGORIES.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = CATEGORIES[i].key();
        }
        return k;
    }

    public static String[] labelKeys() {
        final String[] k = new String[LABELS.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = key(LABELS[i]);
        }
        return k;
    }

    private static String key(final TruthLabel l) {
        return l.name().toLowerCase(Locale.ROOT);
    }

    /** Margin of the reliability diagram's plot area, in SVG pixels. */
    public static final int SVG_PAD = 50;
    /** Side of the plot area: probability 0..1 maps to x = PAD .. PAD + PLOT, observed 0..1 to y = PAD + PLOT .. PAD. */
    public static final int SVG_PLOT = 320;

    /**
     * Reliability diagram as SVG: per non-empty confidence bin, a bar of its observed accuracy and a point
     * (class "bin", data-bin = bin index) at (mean top-class probability, observed accuracy), against the diagonal.
     */
    public String reliabilitySvg(final String title) {
        final Calibration.Reliability r = reliability();
        final int pad = SVG_PAD;
        final double plot = SVG_PLOT;
        final int w = 2 * pad + SVG_PLOT;
        final int h = w;
        final StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n", w, h));
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"25\" font-family=\"sans-serif\" font-size=\"14\">%s</text>%n",
                pad, escape(title)));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"black\"/>%n",
                pad, pad, plot, plot));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%d\" stroke=\"gray\" stroke-dasharray=\"4\"/>%n",
                pad, pad + plot, pad + plot, pad));
        final double bw = plot / Calibration.BINS;
        for (int b = 0; b < Calibration.BINS; b++) {
            if (r.count[b] == 0) {
                continue;
            }
            final double obs = r.observed(b);
            final double x = pad + b * bw;
            sb.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"steelblue\" opacity=\"0.8\">"
                            + "<title>%.1f-%.1f: n=%d observed %.3f mean p %.3f</title></rect>%n",
                    x + 1, pad + plot * (1 - obs), bw - 2, plot * obs, (double) b / Calibration.BINS,
                    (double) (b + 1) / Calibration.BINS, r.count[b], obs, r.meanProbability(b)));
            sb.append(String.format(Locale.ROOT,
                    "<circle class=\"bin\" data-bin=\"%d\" data-count=\"%d\" cx=\"%.3f\" cy=\"%.3f\" r=\"3\" fill=\"darkred\"/>%n",
                    b, r.count[b], pad + plot * r.meanProbability(b), pad + plot * (1 - obs)));
        }
        sb.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"12\">confidence (top class probability)</text>%n",
                pad, h - 15));
        sb.append(String.format(Locale.ROOT,
                "<text x=\"15\" y=\"%d\" font-family=\"sans-serif\" font-size=\"12\" transform=\"rotate(-90 15 %d)\">observed accuracy</text>%n",
                h - pad, h - pad));
        sb.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"12\">ECE %.4f  Brier %.4f  n=%d</text>%n",
                pad + 5, pad + 15, ece(), brier(), probabilities.size()));
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static String escape(final String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
