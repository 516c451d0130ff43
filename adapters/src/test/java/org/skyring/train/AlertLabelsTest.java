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
    void eachDerivedLabelNamesItsRuleAndTheInputsItRestsOnAndTheTallyCollectsThem() {
        final ObservationRecord o = new ObservationRecord();
        o.solarSystemDistanceArcsec = 1.0;
        final AlertLabels.Tally tally = new AlertLabels.Tally();
        final AlertLabels.Derivation asteroid = AlertLabels.derivation(o, 0L, null);
        assertEquals(new AlertLabels.Derivation(TruthLabel.KNOWN_ASTEROID, "ssdistnr",
                java.util.Set.of(org.skyring.engine.classify.Feature.Source.SOLAR_SYSTEM_MATCH)), asteroid);
        tally.record(asteroid);
        assertEquals(java.util.Set.of(org.skyring.engine.classify.Feature.SOLAR_SYSTEM_DISTANCE,
                        org.skyring.engine.classify.Feature.KNOWN_SOLAR_SYSTEM, org.skyring.engine.classify.Feature.SUSPECT_SOLAR_SYSTEM),
                tally.leakingFeatures(), "asteroid labels hide the asteroid features only");
        o.solarSystemDistanceArcsec = Double.NaN;
        o.nearestStarDistanceArcsec = 0.5;
        o.nearestStarScore = 0.95;
        final AlertLabels.Derivation star = AlertLabels.derivation(o, 0L, null);
        assertEquals("ps1_sgscore", star.rule());
        tally.record(star);
        tally.record(AlertLabels.derivation(new ObservationRecord(), 0L, null)); // unlabelled: not counted
        assertEquals(java.util.Map.of("ssdistnr", 1, "ps1_sgscore", 1), tally.byRule());
        assertTrue(tally.leakingFeatures().containsAll(java.util.Set.of(org.skyring.engine.classify.Feature.STAR_SCORE,
                org.skyring.engine.classify.Feature.STAR_DISTANCE, org.skyring.engine.classify.Feature.KNOWN_STAR)));
        o.truthLabel = TruthLabel.CANDIDATE;
        assertTrue(AlertLabels.derivation(o, 0L, null).from().isEmpty(), "a truth label rests on no alert field");
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
