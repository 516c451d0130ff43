package org.skyring.engine.classify;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Isolation forest and isotonic calibration on data whose answer is known. */
class AnomalyAndCalibrationTest {

    @Test
    void isolationForestScoresAnOutlierAboveNormalPointsAndNamesTheFeatureThatIsolatesIt() {
        final SplittableRandom rng = new SplittableRandom(1);
        final double[][] rows = new double[2000][4];
        for (final double[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                r[i] = rng.nextGaussian(); // a dense core: normal observations
            }
        }
        final IsolationForest f = IsolationForest.fit(rows, 100, 256, 7);
        final double[] inlier = new double[rows.length];
        double maxCore = 0; // points within 1.5 sigma in every feature
        for (int i = 0; i < rows.length; i++) {
            inlier[i] = f.score(rows[i], null);
            boolean core = true;
            for (final double v : rows[i]) {
                core &= Math.abs(v) < 1.5;
            }
            maxCore = core ? Math.max(maxCore, inlier[i]) : maxCore;
        }
        java.util.Arrays.sort(inlier);
        final double p95 = inlier[(int) (0.95 * inlier.length)];
        final double[] isolatedBy = new double[4];
        // 8 sigma out on feature 2 only: beyond the training range, isolated by the range check at the first split
        // on feature 2 (the paper's forest would let it follow the most extreme training point and score like it)
        final double outlier = f.score(new double[] {0, 0, 8, 0}, isolatedBy);
        assertTrue(outlier > p95, "outlier " + outlier + " above 95 % of the training points (" + p95 + ")");
        assertTrue(outlier > maxCore + 0.1, "outlier " + outlier + " well above every core point (max " + maxCore + ")");
        int top = 0;
        for (int i = 1; i < 4; i++) {
            top = isolatedBy[i] > isolatedBy[top] ? i : top;
        }
        assertEquals(2, top, "feature 2 isolates it");
        // the path length normaliser c(n) of the paper: c(256) = 2 H(255) - 2 * 255 / 256
        final double h255 = Math.log(255) + 0.5772156649015329;
        assertEquals(2 * h255 - 2 * 255.0 / 256, IsolationForest.averagePathLength(256), 1e-12);
    }

    @Test
    void isotonicFitPoolsViolatorsIntoANonDecreasingStepFunction() {
        // raw scores 0.1..0.6 with outcomes 0,1,0,1,1,1: PAV pools (0.2:1, 0.3:0) into one block of mean 0.5
        final Isotonic iso = Isotonic.fit(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6},
                new boolean[] {false, true, false, true, true, true});
        assertArrayEquals(new double[] {0.1, 0.3, 0.6}, iso.upper, 1e-12);
        assertArrayEquals(new double[] {0.0, 0.5, 1.0}, iso.value, 1e-12);
        assertEquals(0.0, iso.apply(0.05), 0);
        assertEquals(0.5, iso.apply(0.25), 0);
        assertEquals(1.0, iso.apply(0.45), 0);
        assertEquals(1.0, iso.apply(0.99), 0);
    }

    @Test
    void calibrationMeasuresMatchTheirDefinitions() {
        // two rows, two classes: p = (0.8, 0.2) truth 0, p = (0.4, 0.6) truth 0
        final double[][] p = {{0.8, 0.2}, {0.4, 0.6}};
        final int[] truth = {0, 0};
        // Brier: ((0.2^2 + 0.2^2) + (0.6^2 + 0.6^2)) / 2 = 0.4
        assertEquals(0.4, Calibration.multiclassBrier(p, truth), 1e-12);
        // top-label: confidence 0.8 right (bin 8), 0.6 wrong (bin 6): ECE = (|1 - 0.8| + |0 - 0.6|) / 2 = 0.4
        assertEquals(0.4, Calibration.topLabelEce(p, truth), 1e-12);
    }
}
