package org.skyring.train;

import org.junit.jupiter.api.Test;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.TruthLabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Labels derived from a real alert's own fields, at the broker-rules thresholds and just past them. */
class AlertLabelsTest {
    @Test
    void asteroidWithinFiveArcsecStarWithinTwoOtherwiseUnlabelled() {
        final ObservationRecord o = new ObservationRecord();
        assertEquals(TruthLabel.NONE, AlertLabels.derive(o), "no fields: no label");
        o.solarSystemDistanceArcsec = 4.9;
        assertEquals(TruthLabel.KNOWN_ASTEROID, AlertLabels.derive(o));
        o.solarSystemDistanceArcsec = 5.0;
        assertEquals(TruthLabel.NONE, AlertLabels.derive(o), "5 arcsec is only a suspect");
        o.nearestStarDistanceArcsec = 1.9;
        o.nearestStarScore = 0.77;
        assertEquals(TruthLabel.KNOWN_STAR, AlertLabels.derive(o));
        o.nearestStarScore = 0.76;
        assertEquals(TruthLabel.NONE, AlertLabels.derive(o), "sgscore must exceed 0.76");
        o.truthLabel = TruthLabel.CANDIDATE;
        assertEquals(TruthLabel.CANDIDATE, AlertLabels.derive(o), "a journaled truth label wins");
    }

    @Test
    void finkAnnotationsAndRealCatalogRulesLabelInOrderOfTrust() {
        final ObservationRecord o = new ObservationRecord();
        final long none = 0L;
        assertEquals(TruthLabel.KNOWN_ASTEROID, AlertLabels.derive(o, none, new FinkAnnotations.Annotation("Unknown", "Unknown", 3)),
                "roid 3: a known solar-system object");
        assertEquals(TruthLabel.NONE, AlertLabels.derive(o, none, new FinkAnnotations.Annotation("Unknown", "Unknown", 2)),
                "roid 2 is only a candidate");
        assertEquals(TruthLabel.SUPERNOVA_LIKE, AlertLabels.derive(o, none, new FinkAnnotations.Annotation("SN candidate", null, 0)));
        assertEquals(TruthLabel.FAST_TRANSIENT, AlertLabels.derive(o, none, new FinkAnnotations.Annotation("Kilonova candidate", null, 0)));
        assertEquals(TruthLabel.ARTIFACT, AlertLabels.derive(o, none, new FinkAnnotations.Annotation("Tracklet", null, 0)));
        assertEquals(TruthLabel.KNOWN_STAR, AlertLabels.derive(o, none, new FinkAnnotations.Annotation("RRLyr", "RRLyr", 0)));
        assertEquals(TruthLabel.KNOWN_STAR, AlertLabels.derive(o, none, new FinkAnnotations.Annotation("Unknown", "Candidate_EB*", 0)));
        assertEquals(TruthLabel.NONE, AlertLabels.derive(o, none, new FinkAnnotations.Annotation("QSO", "QSO", 0)),
                "galaxies and AGN have no class of their own");
        assertEquals(TruthLabel.KNOWN_STAR, AlertLabels.derive(o, org.skyring.journal.Rule.KNOWN_CATALOG_VARIABLE.mask(), null));
        assertEquals(TruthLabel.SUPERNOVA_LIKE, AlertLabels.derive(o, org.skyring.journal.Rule.HOST_GALAXY.mask(), null));
        o.solarSystemDistanceArcsec = 1.0;
        assertEquals(TruthLabel.KNOWN_ASTEROID, AlertLabels.derive(o, org.skyring.journal.Rule.HOST_GALAXY.mask(),
                new FinkAnnotations.Annotation("SN candidate", null, 0)), "ssdistnr beats the weaker labels");
    }

    @Test
    void readsFinkAnnotationsOfTheRealEnrichedAlerts() {
        final java.util.Map<String, FinkAnnotations.Annotation> a = FinkAnnotations.read(java.util.List.of(
                "ztf-avro:" + org.skyring.testsupport.SharedData.require("ztf/fink_enriched")));
        assertTrue(a.size() >= 100, "annotated alerts: " + a.size());
        assertTrue(a.values().stream().anyMatch(x -> x.cdsxmatch() != null && !x.cdsxmatch().isBlank()), "cdsxmatch read");
        assertTrue(a.keySet().stream().allMatch(k -> k.chars().allMatch(Character::isDigit)), "keyed by candid");
        assertTrue(FinkAnnotations.read(java.util.List.of("ztf-avro:" + org.skyring.testsupport.SharedData.require("ztf/native")))
                .isEmpty(), "plain ZTF packets carry no broker annotations");
    }
}
