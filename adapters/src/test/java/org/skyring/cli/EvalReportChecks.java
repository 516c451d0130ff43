package org.skyring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.skyring.engine.classify.Evaluation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks that a {@code skyring eval --json} report agrees with itself: accuracy with its category confusion matrix,
 * class accuracy and per-class precision/recall/support with its class confusion matrix, ECE and the top-class hit
 * count with its reliability bins; and that a {@code --plot} SVG draws exactly those bins.
 */
final class EvalReportChecks {
    private EvalReportChecks() {
    }

    static void assertConsistent(final JsonNode e) {
        final JsonNode categories = e.get("category_confusion");
        assertEquals(e.get("decisions").asLong(), total(categories), "every labelled decision is in the category matrix");
        assertEquals((double) trace(categories) / total(categories), e.get("accuracy").asDouble(), 1e-12,
                "accuracy = diagonal / total of the category confusion matrix");

        final JsonNode matrix = e.get("class_confusion");
        long supportSum = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = e.get("per_class").fields(); it.hasNext(); ) {
            final Map.Entry<String, JsonNode> c = it.next();
            final String k = c.getKey();
            final long support = rowSum(matrix.get(k));
            final long predicted = columnSum(matrix, k);
            final long hits = cell(matrix, k, k);
            supportSum += support;
            assertEquals(support, c.getValue().get("support").asLong(), k);
            if (support > 0) {
                assertEquals((double) hits / support, c.getValue().get("recall").asDouble(), 1e-12, k);
            }
            if (predicted > 0) {
                assertEquals((double) hits / predicted, c.getValue().get("precision").asDouble(), 1e-12, k);
            }
            final double brier = c.getValue().get("brier").asDouble();
            assertTrue(brier >= 0 && brier <= 1, k + " one-vs-rest brier " + brier);
        }
        final long modelled = total(matrix);
        assertEquals(modelled, supportSum, "per_class covers every row of the class matrix");
        assertEquals((double) trace(matrix) / modelled, e.get("class_accuracy").asDouble(), 1e-12);

        // reliability bins: counts add up to the modelled decisions, their hits to the class matrix's diagonal,
        // and the ECE is their count-weighted gap
        long binned = 0;
        double hits = 0;
        double gap = 0;
        for (final JsonNode bin : e.get("reliability")) {
            final long n = bin.get("count").asLong();
            if (n == 0) {
                continue;
            }
            binned += n;
            hits += n * bin.get("observed").asDouble();
            gap += n * Math.abs(bin.get("observed").asDouble() - bin.get("mean_probability").asDouble());
            final double mean = bin.get("mean_probability").asDouble();
            assertTrue(mean >= bin.get("from").asDouble() && mean <= bin.get("to").asDouble(), "bin mean inside its bin");
        }
        assertEquals(modelled, binned, "reliability bins hold every modelled decision");
        assertEquals(trace(matrix), hits, 1e-6, "top-class hits in the bins = diagonal of the class matrix");
        assertEquals(gap / binned, e.get("ece").asDouble(), 1e-12, "ece from the bins");
        final double brier = e.get("brier").asDouble();
        assertTrue(brier >= 0 && brier <= 2, "multi-class brier " + brier);
    }

    /** The SVG has one point per non-empty bin of the JSON, at (mean probability, observed accuracy). */
    static void assertPlotMatchesBins(final Path svg, final JsonNode e) throws Exception {
        final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        final Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        final NodeList circles = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle");
        final Map<Integer, Element> points = new java.util.HashMap<>();
        for (int i = 0; i < circles.getLength(); i++) {
            final Element c = (Element) circles.item(i);
            if ("bin".equals(c.getAttribute("class"))) {
                points.put(Integer.parseInt(c.getAttribute("data-bin")), c);
            }
        }
        int nonEmpty = 0;
        int b = 0;
        for (final JsonNode bin : e.get("reliability")) {
            final long n = bin.get("count").asLong();
            if (n > 0) {
                nonEmpty++;
                final Element p = points.get(b);
                assertTrue(p != null, "bin " + b + " (n=" + n + ") is drawn");
                assertEquals(n, Long.parseLong(p.getAttribute("data-count")), "bin " + b + " count");
                assertEquals(Evaluation.SVG_PAD + Evaluation.SVG_PLOT * bin.get("mean_probability").asDouble(),
                        Double.parseDouble(p.getAttribute("cx")), 0.001, "bin " + b + " x = mean probability");
                assertEquals(Evaluation.SVG_PAD + Evaluation.SVG_PLOT * (1 - bin.get("observed").asDouble()),
                        Double.parseDouble(p.getAttribute("cy")), 0.001, "bin " + b + " y = observed accuracy");
            }
            b++;
        }
        assertTrue(nonEmpty > 0, "some bin is non-empty");
        assertEquals(nonEmpty, points.size(), "no point for an empty bin");
    }

    private static long total(final JsonNode matrix) {
        long s = 0;
        for (final JsonNode row : matrix) {
            s += rowSum(row);
        }
        return s;
    }

    private static long trace(final JsonNode matrix) {
        long s = 0;
        for (Iterator<String> it = matrix.fieldNames(); it.hasNext(); ) {
            final String k = it.next();
            s += cell(matrix, k, k);
        }
        return s;
    }

    private static long rowSum(final JsonNode row) {
        long s = 0;
        if (row != null) {
            for (final JsonNode v : row) {
                s += v.asLong();
            }
        }
        return s;
    }

    private static long columnSum(final JsonNode matrix, final String column) {
        long s = 0;
        for (final JsonNode row : matrix) {
            s += row.has(column) ? row.get(column).asLong() : 0;
        }
        return s;
    }

    private static long cell(final JsonNode matrix, final String row, final String column) {
        final JsonNode r = matrix.get(row);
        return r != null && r.has(column) ? r.get(column).asLong() : 0;
    }
}
