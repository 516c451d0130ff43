package org.skyring.journal;

/**
 * One raw observation, as journaled and as carried in a ring entry. Mutable and reused: ring entries are
 * preallocated, sources write into them, codecs read and write them; nothing here allocates after construction.
 *
 * <p>Absent values: doubles are {@code NaN}, counts are {@code -1}, times are {@link #NO_TIME}. Survey sentinels
 * such as ZTF's -999 are turned into "absent" by the adapter that reads them, never stored as values.
 *
 * <p>Field meanings, units and the version that introduced each field are in {@code artifacts/event_schema.md}.
 */
public final class ObservationRecord {
    /** Schema version written by this build. Bump it, and teach {@link ObservationCodec} to read the old one. */
    public static final int CURRENT_SCHEMA_VERSION = 3;
    public static final long NO_TIME = Long.MIN_VALUE;

    public static final int ID_CAPACITY = 64;
    public static final int NAME_CAPACITY = 24;
    public static final int HOST_CAPACITY = 48;
    public static final int ERROR_CAPACITY = 200;

    // ---- identity (v1)
    /** Schema version the source declared (or the codec read); validation rejects unknown versions. */
    public int schemaVersion = CURRENT_SCHEMA_VERSION;
    public final FixedAscii observationId = new FixedAscii(ID_CAPACITY);
    public final FixedAscii sourceFacility = new FixedAscii(NAME_CAPACITY);
    /** Survey object id (ZTF objectId, Rubin diaObjectId) or empty. */
    public final FixedAscii objectId = new FixedAscii(ID_CAPACITY);
    /** Mid-exposure time, nanoseconds since the Unix epoch (UTC). */
    public long observationTimeNanos = NO_TIME;
    /** Stamped once, at journal-in, from the engine clock; replay reads it back from the journal. */
    public long receivedTimeNanos = NO_TIME;

    // ---- position (v1)
    public double raDeg = Double.NaN;
    public double decDeg = Double.NaN;
    /** Julian epoch of the coordinates; 2000.0 (J2000) unless the source says otherwise. */
    public double epochYear = 2000.0;
    public double positionUncertaintyArcsec = Double.NaN;

    // ---- typed measurement (v1)
    public MeasurementType measurementType = MeasurementType.OPTICAL_PHOTOMETRY;
    /** In the unit of {@link #measurementType}: mag, mJy or count/s. */
    public double value = Double.NaN;
    public double valueUncertainty = Double.NaN;
    public Band band = Band.NONE;
    public double frequencyGhz = Double.NaN;
    public double energyLowKev = Double.NaN;
    public double energyHighKev = Double.NaN;

    // ---- instrument configuration and conditions (v1)
    public final FixedAscii instrument = new FixedAscii(NAME_CAPACITY);
    /** CCD / readout channel / detector number; -1 when unknown. */
    public int detectorId = -1;
    /** Exposure (ZTF pid, Rubin visit); -1 when unknown. */
    public long exposureId = -1;
    public double exposureTimeSec = Double.NaN;
    public double seeingArcsec = Double.NaN;
    public double airmass = Double.NaN;
    /** Bit set of {@link QualityFlag}. */
    public long qualityFlags;

    // ---- survey fields brokers cut on (v1)
    /** ZTF rb. */
    public double realBogus = Double.NaN;
    /** ZTF drb (schema >= 3.2). */
    public double deepRealBogus = Double.NaN;
    /** ZTF nbad; -1 when unknown. */
    public int badPixelCount = -1;
    public double fwhmPx = Double.NaN;
    public double elongation = Double.NaN;
    /** magap - magpsf. */
    public double magDiff = Double.NaN;
    public double detectorX = Double.NaN;
    public double detectorY = Double.NaN;
    /** ZTF mindtoedge, pixels. */
    public double distanceToEdgePx = Double.NaN;
    /** ZTF ssdistnr; NaN when there is no known solar-system object nearby. */
    public double solarSystemDistanceArcsec = Double.NaN;
    public double solarSystemMag = Double.NaN;
    /** ZTF distpsnr1: nearest catalogue (PS1) source. */
    public double nearestStarDistanceArcsec = Double.NaN;
    /** ZTF sgscore1: 1 = point source (star), 0 = extended. */
    public double nearestStarScore = Double.NaN;
    /** ZTF ndethist; -1 when unknown. */
    public int detectionCount = -1;
    /** ZTF jdstarthist as epoch nanoseconds. */
    public long firstDetectionTimeNanos = NO_TIME;

    // ---- history summary from the packet (v1): previous detection in the same band, last non-detection
    public double previousMag = Double.NaN;
    public long previousTimeNanos = NO_TIME;
    public double lastNonDetectionLimitMag = Double.NaN;
    public long lastNonDetectionTimeNanos = NO_TIME;

    // ---- provenance (v1)
    /** Which adapter produced this record ("jsonl", "generator", "ztf-avro", ...). */
    public final FixedAscii adapter = new FixedAscii(NAME_CAPACITY);
    /** Kafka partition or file number; -1 when not applicable. */
    public int sourcePartition = -1;
    /** Kafka offset or line/record number within the source. */
    public long sourceOffset = -1;
    public final FixedAscii ingestHost = new FixedAscii(HOST_CAPACITY);
    /** Non-empty when the adapter could not map a field: names the field and the value. Always rejected. */
    public final FixedAscii sourceError = new FixedAscii(ERROR_CAPACITY);
    /** Ground truth for generated data; never read by a decision. */
    public TruthLabel truthLabel = TruthLabel.NONE;

    // ---- added in v2
    /** Rubin reliability (0-1). */
    public double reliability = Double.NaN;
    /** Rubin trailLength, arcsec. */
    public double trailLengthArcsec = Double.NaN;
    /** Version of the engine build that journaled this record. Empty when read from v1. */
    public final FixedAscii engineVersion = new FixedAscii(NAME_CAPACITY);

    // ---- added in v3
    /** Prior detections and upper limits of the same object carried by the packet (ZTF prv_candidates). */
    public final PriorPhotometry history = new PriorPhotometry();
    /** VOEvent role of a {@link MeasurementType#NOTICE}; {@link NoticeRole#NONE} for every other record. */
    public NoticeRole noticeRole = NoticeRole.NONE;
    /** GCN notice (packet) type, e.g. 61 = Swift BAT GRB position; -1 when unknown or not a notice. */
    public int noticeType = -1;

    /** Resets every field to "absent" so a reused ring entry never leaks values from its previous use. */
    public void clear() {
        schemaVersion = CURRENT_SCHEMA_VERSION;
        observationId.clear();
        sourceFacility.clear();
        objectId.clear();
        observationTimeNanos = NO_TIME;
        receivedTimeNanos = NO_TIME;
        raDeg = Double.NaN;
        decDeg = Double.NaN;
        epochYear = 2000.0;
        positionUncertaintyArcsec = Double.NaN;
        measurementType = MeasurementType.OPTICAL_PHOTOMETRY;
        value = Double.NaN;
        valueUncertainty = Double.NaN;
        band = Band.NONE;
        frequencyGhz = Double.NaN;
        energyLowKev = Double.NaN;
        energyHighKev = Double.NaN;
        instrument.clear();
        detectorId = -1;
        exposureId = -1;
        exposureTimeSec = Double.NaN;
        seeingArcsec = Double.NaN;
        airmass = Double.NaN;
        qualityFlags = 0;
        realBogus = Double.NaN;
        deepRealBogus = Double.NaN;
        badPixelCount = -1;
        fwhmPx = Double.NaN;
        elongation = Double.NaN;
        magDiff = Double.NaN;
        detectorX = Double.NaN;
        detectorY = Double.NaN;
        distanceToEdgePx = Double.NaN;
        solarSystemDistanceArcsec = Double.NaN;
        solarSystemMag = Double.NaN;
        nearestStarDistanceArcsec = Double.NaN;
        nearestStarScore = Double.NaN;
        detectionCount = -1;
        firstDetectionTimeNanos = NO_TIME;
        previousMag = Double.NaN;
        previousTimeNanos = NO_TIME;
        lastNonDetectionLimitMag = Double.NaN;
        lastNonDetectionTimeNanos = NO_TIME;
        adapter.clear();
        sourcePartition = -1;
        sourceOffset = -1;
        ingestHost.clear();
        sourceError.clear();
        truthLabel = TruthLabel.NONE;
        reliability = Double.NaN;
        trailLengthArcsec = Double.NaN;
        engineVersion.clear();
        history.clear();
        noticeRole = NoticeRole.NONE;
        noticeType = -1;
    }

    public boolean hasFlag(final QualityFlag flag) {
        return flag.isSet(qualityFlags);
    }

    /** Copies every field of {@code other} into this record (no allocation). */
    public void copyFrom(final ObservationRecord other) {
        schemaVersion = other.schemaVersion;
        observationId.set(other.observationId);
        sourceFacility.set(other.sourceFacility);
        objectId.set(other.objectId);
        observationTimeNanos = other.observationTimeNanos;
        receivedTimeNanos = other.receivedTimeNanos;
        raDeg = other.raDeg;
        decDeg = other.decDeg;
        epochYear = other.epochYear;
        positionUncertaintyArcsec = other.positionUncertaintyArcsec;
        measurementType = other.measurementType;
        value = other.value;
        valueUncertainty = other.valueUncertainty;
        band = other.band;
        frequencyGhz = other.frequencyGhz;
        energyLowKev = other.energyLowKev;
        energyHighKev = other.energyHighKev;
        instrument.set(other.instrument);
        detectorId = other.detectorId;
        exposureId = other.exposureId;
        exposureTimeSec = other.exposureTimeSec;
        seeingArcsec = other.seeingArcsec;
        airmass = other.airmass;
        qualityFlags = other.qualityFlags;
        realBogus = other.realBogus;
        deepRealBogus = other.deepRealBogus;
        badPixelCount = other.badPixelCount;
        fwhmPx = other.fwhmPx;
        elongation = other.elongation;
        magDiff = other.magDiff;
        detectorX = other.detectorX;
        detectorY = other.detectorY;
        distanceToEdgePx = other.distanceToEdgePx;
        solarSystemDistanceArcsec = other.solarSystemDistanceArcsec;
        solarSystemMag = other.solarSystemMag;
        nearestStarDistanceArcsec = other.nearestStarDistanceArcsec;
        nearestStarScore = other.nearestStarScore;
        detectionCount = other.detectionCount;
        firstDetectionTimeNanos = other.firstDetectionTimeNanos;
        previousMag = other.previousMag;
        previousTimeNanos = other.previousTimeNanos;
        lastNonDetectionLimitMag = other.lastNonDetectionLimitMag;
        lastNonDetectionTimeNanos = other.lastNonDetectionTimeNanos;
        adapter.set(other.adapter);
        sourcePartition = other.sourcePartition;
        sourceOffset = other.sourceOffset;
        ingestHost.set(other.ingestHost);
        sourceError.set(other.sourceError);
        truthLabel = other.truthLabel;
        reliability = other.reliability;
        trailLengthArcsec = other.trailLengthArcsec;
        engineVersion.set(other.engineVersion);
        history.copyFrom(other.history);
        noticeRole = other.noticeRole;
        noticeType = other.noticeType;
    }
}
