package org.skyring.journal;

/** Fully populated records for codec and journal tests. */
final class SampleRecords {
    private SampleRecords() {
    }

    static ObservationRecord observation(final int n) {
        final ObservationRecord r = new ObservationRecord();
        r.observationId.set("ZTF-" + n);
        r.sourceFacility.set("ZTF");
        r.objectId.set("ZTF21abcdefg");
        r.observationTimeNanos = 1_700_000_000_000_000_000L + n;
        r.receivedTimeNanos = 1_700_000_000_500_000_000L + n;
        r.raDeg = 359.9999;
        r.decDeg = -89.5;
        r.epochYear = 2000.0;
        r.positionUncertaintyArcsec = 0.1;
        r.measurementType = MeasurementType.OPTICAL_PHOTOMETRY;
        r.value = 18.25;
        r.valueUncertainty = 0.05;
        r.band = Band.R;
        r.instrument.set("ZTF-CAM");
        r.detectorId = 42;
        r.exposureId = 123456789L;
        r.exposureTimeSec = 30;
        r.seeingArcsec = 1.9;
        r.airmass = 1.2;
        r.qualityFlags = QualityFlag.PIXEL_EDGE.mask() | QualityFlag.DIPOLE.mask();
        r.realBogus = 0.81;
        r.deepRealBogus = 0.99;
        r.badPixelCount = 0;
        r.fwhmPx = 2.5;
        r.elongation = 1.1;
        r.magDiff = -0.05;
        r.detectorX = 1024.5;
        r.detectorY = 2048.25;
        r.distanceToEdgePx = 100;
        r.solarSystemDistanceArcsec = 12.0;
        r.solarSystemMag = 19.5;
        r.nearestStarDistanceArcsec = 1.5;
        r.nearestStarScore = 0.9;
        r.detectionCount = 3;
        r.firstDetectionTimeNanos = 1_699_000_000_000_000_000L;
        r.previousMag = 18.9;
        r.previousTimeNanos = 1_699_900_000_000_000_000L;
        r.lastNonDetectionLimitMag = 20.5;
        r.lastNonDetectionTimeNanos = 1_699_800_000_000_000_000L;
        r.adapter.set("jsonl");
        r.sourcePartition = 2;
        r.sourceOffset = 77;
        r.ingestHost.set("head-node-1");
        r.truthLabel = TruthLabel.FAST_TRANSIENT;
        r.reliability = 0.7;
        r.trailLengthArcsec = 0.3;
        r.engineVersion.set("0.1.0");
        return r;
    }

    static DecisionRecord decision(final long inputIndex) {
        final DecisionRecord d = new DecisionRecord();
        d.inputIndex = inputIndex;
        d.observationId.set("ZTF-" + inputIndex);
        d.category = Category.CRITICAL;
        d.destinations = Destination.ALERT.mask() | Destination.PRIORITY_REVIEW.mask() | Destination.ARCHIVE.mask();
        d.rulesFired = Rule.CLASS_FAST_RISER.mask() | Rule.HOST_GALAXY.mask();
        d.urgency = 0.95;
        d.significance = 0.93;
        d.knownTypeMatch = 0.1;
        d.confidence = 0.9;
        d.riseRateMagPerDay = 1.2;
        d.hostId.set("NGC 224");
        d.hostSeparationArcsec = 4.5;
        d.configVersion.set("cfg-1234");
        d.catalogVersion.set("synthetic-100-1");
        d.modelVersion.set("rules-1");
        d.engineVersion.set("0.1.0");
        return d;
    }
}
