package org.skyring.train;

import org.skyring.journal.ObservationRecord;
import org.skyring.journal.TruthLabel;

/**
 * Labels a real alert from its own fields when no truth label and no label file exist (issue 5): a known
 * solar-system object within 5 arcsec (ZTF ssdistnr, with ssnamenr) is {@link TruthLabel#KNOWN_ASTEROID}; a PS1
 * point source (sgscore1 > 0.76) within 2 arcsec is {@link TruthLabel#KNOWN_STAR} (the BTS/Fink thresholds of
 * broker-rules.md); anything else stays unlabelled ({@link TruthLabel#NONE}) and is left out.
 *
 * <p>These labels come from fields the model also sees, so a model trained on them learns those rules back:
 * they test the pipeline on real packets, not the model's insight. Labels from brokers' classifications (Fink
 * {@code finkclass}) need a label file.
 */
public final class AlertLabels {
    static final double ASTEROID_MAX_ARCSEC = 5.0;
    static final double STAR_MAX_ARCSEC = 2.0;
    static final double STAR_MIN_SCORE = 0.76;

    private AlertLabels() {
    }

    public static TruthLabel derive(final ObservationRecord o) {
        if (o.truthLabel != TruthLabel.NONE) {
            return o.truthLabel;
        }
        if (o.solarSystemDistanceArcsec >= 0 && o.solarSystemDistanceArcsec < ASTEROID_MAX_ARCSEC) {
            return TruthLabel.KNOWN_ASTEROID;
        }
        if (o.nearestStarDistanceArcsec >= 0 && o.nearestStarDistanceArcsec <= STAR_MAX_ARCSEC
                && o.nearestStarScore > STAR_MIN_SCORE) {
            return TruthLabel.KNOWN_STAR;
        }
        return TruthLabel.NONE;
    }
}
