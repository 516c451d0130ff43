package org.skyring.engine.stage;

import org.skyring.journal.Band;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;

/** A valid, good-quality ZTF-like detection that tests then break one field at a time. */
public final class Observations {
    static final long T0 = 1_760_000_000_000_000_000L;

    private Observations() {
    }

    public static ObservationRecord goodZtf(final String id) {
        final ObservationRecord o = new ObservationRecord();
        o.observationId.set(id);
        o.sourceFacility.set("ZTF");
        o.observationTimeNanos = T0;
        o.receivedTimeNanos = T0 + 5_000_000_000L;
        o.raDeg = 150.0;
        o.decDeg = 20.0;
        o.positionUncertaintyArcsec = 0.1;
        o.measurementType = MeasurementType.OPTICAL_PHOTOMETRY;
        o.value = 18.0;
        o.valueUncertainty = 0.05;
        o.band = Band.R;
        o.realBogus = 0.9;
        o.deepRealBogus = 0.99;
        o.badPixelCount = 0;
        o.fwhmPx = 2.5;
        o.elongation = 1.1;
        o.magDiff = 0.02;
        o.detectorId = 7;
        o.detectorX = 1500;
        o.detectorY = 1500;
        o.distanceToEdgePx = 500;
        o.exposureId = 1;
        o.detectionCount = 3;
        return o;
    }
}
