package org.skyring.engine.stage;

import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;
import org.skyring.journal.Rule;

/**
 * Real/bogus, bad-pixel, PSF-shape and survey-flag cuts (IPAC, Fink, AMPEL). A failing observation is valid
 * data, so it is archived as routine with the failed cuts named, not dead-lettered. Cuts apply only to fields
 * the observation has: a radio detection has no real/bogus score and is not cut on one.
 */
public final class QualityFilter implements Stage {
    private final SkyringConfig.Quality config;
    private final long rejectedPixelFlags;

    public QualityFilter(final SkyringConfig.Quality config) {
        this.config = config;
        long mask = 0;
        for (final QualityFlag f : config.rejectedPixelFlags()) {
            mask |= f.mask();
        }
        this.rejectedPixelFlags = mask;
    }

    @Override
    public String name() {
        return "quality";
    }

    @Override
    public void onEvent(final ObservationEvent e) {
        if (!e.isRejected()) {
            e.qualityRules = failedCuts(e.obs);
        }
    }

    /** Bit set of the quality {@link Rule}s this observation fails (0 = passes). */
    public long failedCuts(final ObservationRecord o) {
        long failed = 0;
        if (config.requirePositiveSubtraction() && o.hasFlag(QualityFlag.NEGATIVE_SUBTRACTION)) {
            failed |= Rule.QUALITY_NEGATIVE_SUBTRACTION.mask();
        }
        if (o.realBogus < config.minRealBogus()) { // NaN (absent) compares false: no cut
            failed |= Rule.QUALITY_REAL_BOGUS.mask();
        }
        if (o.deepRealBogus < config.minDeepRealBogus()) {
            failed |= Rule.QUALITY_DEEP_REAL_BOGUS.mask();
        }
        if (o.reliability < config.minReliability()) {
            failed |= Rule.QUALITY_RELIABILITY.mask();
        }
        if (o.badPixelCount > config.maxBadPixels()) {
            failed |= Rule.QUALITY_BAD_PIXELS.mask();
        }
        if (o.measurementType == MeasurementType.OPTICAL_PHOTOMETRY) {
            if (o.fwhmPx > config.maxFwhmPx()) {
                failed |= Rule.QUALITY_FWHM.mask();
            }
            if (o.elongation > config.maxElongation()) {
                failed |= Rule.QUALITY_ELONGATION.mask();
            }
            if (Math.abs(o.magDiff) > config.maxAbsMagDiff()) {
                failed |= Rule.QUALITY_MAGDIFF.mask();
            }
        }
        if (config.rejectDipole() && o.hasFlag(QualityFlag.DIPOLE)) {
            failed |= Rule.QUALITY_DIPOLE.mask();
        }
        if ((o.qualityFlags & rejectedPixelFlags) != 0) {
            failed |= Rule.QUALITY_PIXEL_FLAGS.mask();
        }
        return failed;
    }
}
