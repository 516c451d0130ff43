package org.skyring.engine.stage;

import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;
import org.skyring.journal.Rule;

/**
 * Instrument artifacts: chip edges, hot pixels, cosmic rays, satellite trails (Fink tracklets, Rubin flags,
 * BTS). Runs beside the cross-match on the same entry; writes only {@code event.artifactRules}.
 */
public final class ArtifactFilter implements Stage {
    private final SkyringConfig.Artifacts config;
    private final HotPixelTracker hotPixels;
    private final SatelliteTrailDetector trails;

    public ArtifactFilter(final SkyringConfig.Artifacts config) {
        this.config = config;
        this.hotPixels = new HotPixelTracker(18, config.hotPixelTolerancePx(), config.hotPixelMinSeparationArcsec());
        this.trails = new SatelliteTrailDetector(config.satelliteTrailMaxPerExposure(),
                config.satelliteTrailMinDetections(), config.satelliteTrailMaxOffsetArcsec());
    }

    @Override
    public String name() {
        return "artifacts";
    }

    @Override
    public void onEvent(final ObservationEvent e) {
        if (!e.isRejected() && e.qualityRules == 0) {
            e.artifactRules = artifacts(e.obs);
        }
    }

    public long artifacts(final ObservationRecord o) {
        if (o.measurementType != MeasurementType.OPTICAL_PHOTOMETRY) {
            return 0; // pixel-level artifacts are an imaging-detector matter
        }
        long rules = 0;
        if (o.distanceToEdgePx < config.chipEdgeMinDistancePx() || o.hasFlag(QualityFlag.PIXEL_EDGE)) {
            rules |= Rule.ARTIFACT_CHIP_EDGE.mask();
        }
        if ((o.trailLengthArcsec > config.rubinTrailMinLengthArcsec() && o.elongation > config.rubinTrailMinElongation())
                || o.hasFlag(QualityFlag.PIXEL_STREAK_CENTER) || o.hasFlag(QualityFlag.GLINT_TRAIL)) {
            rules |= Rule.ARTIFACT_RUBIN_TRAIL.mask();
        }
        final boolean firstDetection = o.detectionCount <= 1 && Double.isNaN(o.previousMag);
        if (o.hasFlag(QualityFlag.PIXEL_COSMIC_RAY_CENTER)
                || (firstDetection && o.fwhmPx < config.cosmicRayMaxFwhmPx())) {
            rules |= Rule.ARTIFACT_COSMIC_RAY.mask();
        }
        if (o.detectorId >= 0 && Double.isFinite(o.detectorX) && Double.isFinite(o.detectorY)) {
            final long detectorKey = o.sourceFacility.hash64() * 31 + o.detectorId;
            if (hotPixels.observe(detectorKey, o.detectorX, o.detectorY, o.raDeg, o.decDeg) >= config.hotPixelMinPositions()) {
                rules |= Rule.ARTIFACT_HOT_PIXEL.mask();
            }
        }
        if (firstDetection && o.exposureId >= 0) {
            final long exposureKey = o.sourceFacility.hash64() * 31 + o.exposureId;
            if (trails.observe(exposureKey, o.raDeg, o.decDeg)) {
                rules |= Rule.ARTIFACT_SATELLITE_TRAIL.mask();
            }
        }
        return rules;
    }
}
