package org.skyring.engine.stage;

import org.junit.jupiter.api.Test;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.Category;
import org.skyring.journal.Destination;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;
import org.skyring.journal.Rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QualityAndRoutingTest {
    private final QualityFilter quality = new QualityFilter(SkyringConfig.loadDefault().quality());

    @Test
    void passesAGoodDetection() {
        assertEquals(0, quality.failedCuts(Observations.goodZtf("a")));
    }

    @Test
    void cutsEachPublishedThresholdAtItsEdge() {
        final ObservationRecord o = Observations.goodZtf("a");
        o.realBogus = 0.55;
        assertEquals(0, quality.failedCuts(o), "rb >= 0.55 passes");
        o.realBogus = 0.549;
        assertEquals(Rule.QUALITY_REAL_BOGUS.mask(), quality.failedCuts(o));
        o.realBogus = 0.9;
        o.deepRealBogus = 0.49;
        assertEquals(Rule.QUALITY_DEEP_REAL_BOGUS.mask(), quality.failedCuts(o));
        o.deepRealBogus = Double.NaN;
        assertEquals(0, quality.failedCuts(o), "absent drb (schema < 3.2) is not cut");
        o.badPixelCount = 1;
        assertEquals(Rule.QUALITY_BAD_PIXELS.mask(), quality.failedCuts(o));
        o.badPixelCount = 0;
        o.fwhmPx = 5.51;
        assertEquals(Rule.QUALITY_FWHM.mask(), quality.failedCuts(o));
        o.fwhmPx = 5.5;
        o.elongation = 1.41;
        assertEquals(Rule.QUALITY_ELONGATION.mask(), quality.failedCuts(o));
        o.elongation = 1.4;
        o.magDiff = -1.01;
        assertEquals(Rule.QUALITY_MAGDIFF.mask(), quality.failedCuts(o));
        o.magDiff = 1.0;
        assertEquals(0, quality.failedCuts(o));
    }

    @Test
    void cutsNegativeSubtractionsDipolesAndBadPixelFlags() {
        final ObservationRecord o = Observations.goodZtf("a");
        o.qualityFlags = QualityFlag.NEGATIVE_SUBTRACTION.mask();
        assertEquals(Rule.QUALITY_NEGATIVE_SUBTRACTION.mask(), quality.failedCuts(o));
        o.qualityFlags = QualityFlag.DIPOLE.mask();
        assertEquals(Rule.QUALITY_DIPOLE.mask(), quality.failedCuts(o));
        o.qualityFlags = QualityFlag.PIXEL_SATURATED_CENTER.mask();
        assertEquals(Rule.QUALITY_PIXEL_FLAGS.mask(), quality.failedCuts(o));
        o.qualityFlags = QualityFlag.PIXEL_SATURATED.mask();
        assertEquals(0, quality.failedCuts(o), "saturation off-centre is not in the default rejected flags");
        o.qualityFlags = 0;
        o.realBogus = Double.NaN;
        o.deepRealBogus = Double.NaN;
        o.reliability = 0.49;
        assertEquals(Rule.QUALITY_RELIABILITY.mask(), quality.failedCuts(o), "Rubin reliability cut");
    }

    @Test
    void routesEachCategoryAsTheDesignsTable() {
        assertEquals(Destination.ALERT.mask() | Destination.PRIORITY_REVIEW.mask() | Destination.ARCHIVE.mask(),
                RoutingTable.destinationsFor(Category.CRITICAL));
        assertEquals(Destination.PRIORITY_REVIEW.mask() | Destination.ARCHIVE.mask(),
                RoutingTable.destinationsFor(Category.SIGNIFICANT));
        assertEquals(Destination.STANDARD_REVIEW.mask() | Destination.ARCHIVE.mask(),
                RoutingTable.destinationsFor(Category.INTERESTING));
        assertEquals(Destination.MANUAL_TRIAGE.mask() | Destination.ARCHIVE.mask(),
                RoutingTable.destinationsFor(Category.UNKNOWN));
        assertEquals(Destination.ARCHIVE.mask(), RoutingTable.destinationsFor(Category.KNOWN_TYPE));
        assertEquals(Destination.ARCHIVE.mask(), RoutingTable.destinationsFor(Category.ROUTINE));
        assertEquals(Destination.REJECTED.mask(), RoutingTable.destinationsFor(Category.REJECTED));
    }
}
