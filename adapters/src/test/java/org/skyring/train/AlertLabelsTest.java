package org.skyring.train;

import org.junit.jupiter.api.Test;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.TruthLabel;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
