package org.skyring.adapters.generator;

import org.skyring.journal.Band;
import org.skyring.journal.MeasurementType;

/**
 * The facilities of a generated night and the numbers that shape their detections. Every 30 s cycle of the
 * night each facility delivers one exposure of {@link #detectionsPerCycle} detections, so the stream shares are
 * exact: ZTF 66 %, Rubin 20 %, VLASS 8 %, Swift-XRT 6 %.
 */
public enum Facility {
    /** Optical, g/r/i, 64 readout quadrants of 3072 x 3080 px, field ~6.9 deg wide; north of dec -30. */
    ZTF("ZTF", "ztf", "ZTF-CAM", MeasurementType.OPTICAL_PHOTOMETRY, 660, 3.45, -26.5, 88.0, 30.0,
            0.10, 0.30, 64, 3072, 3080, new Band[] {Band.G, Band.G, Band.R, Band.R, Band.R, Band.I}),
    /** Optical, ugrizy, 189 CCDs of 4072 x 4000 px, 3.5 deg field; south of dec +30. */
    RUBIN("Rubin", "rubin", "LSSTCam", MeasurementType.OPTICAL_PHOTOMETRY, 200, 1.75, -88.0, 28.0, 30.0,
            0.03, 0.10, 189, 4072, 4000, new Band[] {Band.U, Band.G, Band.R, Band.I, Band.Z, Band.Y}),
    /** Radio continuum at 3 GHz, flux density in mJy; VLASS covers dec > -40. */
    VLASS("VLASS", "vlass", "VLA", MeasurementType.RADIO, 80, 0.25, -40.0, 89.0, 5.0,
            0.30, 1.00, -1, 0, 0, new Band[] {Band.NONE}),
    /** X-ray count rate in 0.3-10 keV; pointed, anywhere on the sky. */
    SWIFT_XRT("Swift-XRT", "xrt", "XRT", MeasurementType.XRAY, 60, 0.20, -89.0, 89.0, 1000.0,
            2.0, 6.0, -1, 0, 0, new Band[] {Band.NONE});

    static final Facility[] VALUES = values();
    /** Detections per 30 s cycle, all facilities together. */
    static final int DETECTIONS_PER_CYCLE;

    static {
        int n = 0;
        for (final Facility f : VALUES) {
            n += f.detectionsPerCycle;
        }
        DETECTIONS_PER_CYCLE = n;
    }

    /** Value written to {@code sourceFacility}. */
    public final String facilityName;
    /** Id prefix, lower case, so ids say where they come from. */
    final String idPrefix;
    final String instrument;
    public final MeasurementType measurementType;
    public final int detectionsPerCycle;
    /** Radius of the field within which detections are placed, degrees. */
    final double fieldRadiusDeg;
    /** Declination range of field centres; with the radius this keeps ZTF above -30 and Rubin below +30. */
    final double centreDecMin;
    final double centreDecMax;
    final double exposureSec;
    final double positionUncertaintyMin;
    final double positionUncertaintyMax;
    /** Number of detectors (readout channels / CCDs); -1 for instruments without a CCD mosaic here. */
    final int detectors;
    final int detectorWidthPx;
    final int detectorHeightPx;
    /** Filter of an exposure drawn uniformly from this list (repeats give ZTF its g/r-heavy mix). */
    final Band[] bands;

    Facility(final String facilityName, final String idPrefix, final String instrument, final MeasurementType type,
             final int detectionsPerCycle, final double fieldRadiusDeg, final double centreDecMin,
             final double centreDecMax, final double exposureSec, final double posUncMin, final double posUncMax,
             final int detectors, final int widthPx, final int heightPx, final Band[] bands) {
        this.facilityName = facilityName;
        this.idPrefix = idPrefix;
        this.instrument = instrument;
        this.measurementType = type;
        this.detectionsPerCycle = detectionsPerCycle;
        this.fieldRadiusDeg = fieldRadiusDeg;
        this.centreDecMin = centreDecMin;
        this.centreDecMax = centreDecMax;
        this.exposureSec = exposureSec;
        this.positionUncertaintyMin = posUncMin;
        this.positionUncertaintyMax = posUncMax;
        this.detectors = detectors;
        this.detectorWidthPx = widthPx;
        this.detectorHeightPx = heightPx;
        this.bands = bands;
    }

    public boolean isOptical() {
        return measurementType == MeasurementType.OPTICAL_PHOTOMETRY;
    }
}
