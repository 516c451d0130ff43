package org.skyring.journal;

import net.openhft.chronicle.bytes.Bytes;

/**
 * Versioned binary codec of {@link ObservationRecord}. Allocation-free: it reads and writes primitives and the
 * records' own byte buffers.
 *
 * <p>Versioning rules (see artifacts/event_schema.md): every record starts with its version; fields are only
 * ever appended, in a new version's block at the end; a reader of version N reads every version up to N and
 * leaves fields newer than the record at their "absent" defaults; a version newer than the reader is refused
 * with an error naming both versions.
 */
public final class ObservationCodec {
    private ObservationCodec() {
    }

    public static void write(final ObservationRecord r, final Bytes<?> out) {
        write(r, out, ObservationRecord.CURRENT_SCHEMA_VERSION);
    }

    /** Writes {@code r} in the layout of {@code version}; older layouts exist so upgrades can be tested. */
    public static void write(final ObservationRecord r, final Bytes<?> out, final int version) {
        if (version < 1 || version > ObservationRecord.CURRENT_SCHEMA_VERSION) {
            throw new IllegalArgumentException("cannot write observation schema version " + version);
        }
        // Encoded in a per-thread array, then copied into `out` in one write (see RecordScratch for why).
        final RecordScratch buf = RecordScratch.forThisThread().clear();
        buf.writeShort(version);
        buf.writeInt(r.schemaVersion);
        buf.writeAscii(r.observationId);
        buf.writeAscii(r.sourceFacility);
        buf.writeAscii(r.objectId);
        buf.writeLong(r.observationTimeNanos);
        buf.writeLong(r.receivedTimeNanos);
        buf.writeDouble(r.raDeg);
        buf.writeDouble(r.decDeg);
        buf.writeDouble(r.epochYear);
        buf.writeDouble(r.positionUncertaintyArcsec);
        buf.writeByte(r.measurementType.code());
        buf.writeDouble(r.value);
        buf.writeDouble(r.valueUncertainty);
        buf.writeByte(r.band.code());
        buf.writeDouble(r.frequencyGhz);
        buf.writeDouble(r.energyLowKev);
        buf.writeDouble(r.energyHighKev);
        buf.writeAscii(r.instrument);
        buf.writeInt(r.detectorId);
        buf.writeLong(r.exposureId);
        buf.writeDouble(r.exposureTimeSec);
        buf.writeDouble(r.seeingArcsec);
        buf.writeDouble(r.airmass);
        buf.writeLong(r.qualityFlags);
        buf.writeDouble(r.realBogus);
        buf.writeDouble(r.deepRealBogus);
        buf.writeInt(r.badPixelCount);
        buf.writeDouble(r.fwhmPx);
        buf.writeDouble(r.elongation);
        buf.writeDouble(r.magDiff);
        buf.writeDouble(r.detectorX);
        buf.writeDouble(r.detectorY);
        buf.writeDouble(r.distanceToEdgePx);
        buf.writeDouble(r.solarSystemDistanceArcsec);
        buf.writeDouble(r.solarSystemMag);
        buf.writeDouble(r.nearestStarDistanceArcsec);
        buf.writeDouble(r.nearestStarScore);
        buf.writeInt(r.detectionCount);
        buf.writeLong(r.firstDetectionTimeNanos);
        buf.writeDouble(r.previousMag);
        buf.writeLong(r.previousTimeNanos);
        buf.writeDouble(r.lastNonDetectionLimitMag);
        buf.writeLong(r.lastNonDetectionTimeNanos);
        buf.writeAscii(r.adapter);
        buf.writeInt(r.sourcePartition);
        buf.writeLong(r.sourceOffset);
        buf.writeAscii(r.ingestHost);
        buf.writeAscii(r.sourceError);
        buf.writeByte(r.truthLabel.code());
        if (version >= 2) {
            buf.writeDouble(r.reliability);
            buf.writeDouble(r.trailLengthArcsec);
            buf.writeAscii(r.engineVersion);
        }
        if (version >= 3) {
            writeHistory(r.history, buf);
            buf.writeByte(r.noticeRole.code());
            buf.writeInt(r.noticeType);
        }
        buf.copyTo(out);
    }

    private static void writeHistory(final PriorPhotometry h, final RecordScratch out) {
        out.writeStopBit(h.count());
        out.writeStopBit(h.dropped());
        for (int i = 0; i < h.count(); i++) {
            out.writeLong(h.timeNanos(i));
            out.writeByte(h.bandCode(i));
            out.writeDouble(h.mag(i));
            out.writeDouble(h.magError(i));
            out.writeBoolean(h.isUpperLimit(i));
        }
    }

    private static void readHistory(final Bytes<?> in, final PriorPhotometry h) {
        final long count = in.readStopBit();
        final long dropped = in.readStopBit();
        if (count < 0 || count > PriorPhotometry.CAPACITY || dropped < 0) {
            throw new IllegalStateException("corrupt record: history count " + count + " (capacity "
                    + PriorPhotometry.CAPACITY + "), dropped " + dropped);
        }
        for (int i = 0; i < count; i++) {
            h.setRaw(i, in.readLong(), in.readByte(), in.readDouble(), in.readDouble(), in.readBoolean());
        }
        h.setCounts((int) count, (int) dropped);
    }

    /** Reads a record of any version up to the current one into {@code r} (cleared first). */
    public static void read(final Bytes<?> in, final ObservationRecord r) {
        final int version = in.readShort();
        if (version < 1 || version > ObservationRecord.CURRENT_SCHEMA_VERSION) {
            throw new IllegalStateException("observation record version " + version
                    + " is not readable by this build (reads 1.." + ObservationRecord.CURRENT_SCHEMA_VERSION + ")");
        }
        r.clear();
        r.schemaVersion = in.readInt();
        BinaryFields.readAscii(in, r.observationId);
        BinaryFields.readAscii(in, r.sourceFacility);
        BinaryFields.readAscii(in, r.objectId);
        r.observationTimeNanos = in.readLong();
        r.receivedTimeNanos = in.readLong();
        r.raDeg = in.readDouble();
        r.decDeg = in.readDouble();
        r.epochYear = in.readDouble();
        r.positionUncertaintyArcsec = in.readDouble();
        final int typeCode = in.readByte();
        final MeasurementType type = MeasurementType.fromCode(typeCode);
        if (type == null) {
            throw new IllegalStateException("corrupt record: measurement type code " + typeCode);
        }
        r.measurementType = type;
        r.value = in.readDouble();
        r.valueUncertainty = in.readDouble();
        final Band band = Band.fromCode(in.readByte());
        r.band = band == null ? Band.NONE : band;
        r.frequencyGhz = in.readDouble();
        r.energyLowKev = in.readDouble();
        r.energyHighKev = in.readDouble();
        BinaryFields.readAscii(in, r.instrument);
        r.detectorId = in.readInt();
        r.exposureId = in.readLong();
        r.exposureTimeSec = in.readDouble();
        r.seeingArcsec = in.readDouble();
        r.airmass = in.readDouble();
        r.qualityFlags = in.readLong();
        r.realBogus = in.readDouble();
        r.deepRealBogus = in.readDouble();
        r.badPixelCount = in.readInt();
        r.fwhmPx = in.readDouble();
        r.elongation = in.readDouble();
        r.magDiff = in.readDouble();
        r.detectorX = in.readDouble();
        r.detectorY = in.readDouble();
        r.distanceToEdgePx = in.readDouble();
        r.solarSystemDistanceArcsec = in.readDouble();
        r.solarSystemMag = in.readDouble();
        r.nearestStarDistanceArcsec = in.readDouble();
        r.nearestStarScore = in.readDouble();
        r.detectionCount = in.readInt();
        r.firstDetectionTimeNanos = in.readLong();
        r.previousMag = in.readDouble();
        r.previousTimeNanos = in.readLong();
        r.lastNonDetectionLimitMag = in.readDouble();
        r.lastNonDetectionTimeNanos = in.readLong();
        BinaryFields.readAscii(in, r.adapter);
        r.sourcePartition = in.readInt();
        r.sourceOffset = in.readLong();
        BinaryFields.readAscii(in, r.ingestHost);
        BinaryFields.readAscii(in, r.sourceError);
        r.truthLabel = TruthLabel.fromCode(in.readByte());
        if (version >= 2) {
            r.reliability = in.readDouble();
            r.trailLengthArcsec = in.readDouble();
            BinaryFields.readAscii(in, r.engineVersion);
        }
        if (version >= 3) {
            readHistory(in, r.history);
            final int roleCode = in.readByte();
            final NoticeRole role = NoticeRole.fromCode(roleCode);
            if (role == null) {
                throw new IllegalStateException("corrupt record: notice role code " + roleCode);
            }
            r.noticeRole = role;
            r.noticeType = in.readInt();
        }
    }
}
