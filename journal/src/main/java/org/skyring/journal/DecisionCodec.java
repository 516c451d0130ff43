package org.skyring.journal;

import net.openhft.chronicle.bytes.Bytes;

/** Versioned binary codec of {@link DecisionRecord}; same versioning rules as {@link ObservationCodec}. */
public final class DecisionCodec {
    private DecisionCodec() {
    }

    public static void write(final DecisionRecord d, final Bytes<?> out) {
        write(d, out, DecisionRecord.CURRENT_VERSION);
    }

    /** Writes {@code d} in the layout of {@code version}; older layouts exist so upgrades can be tested. */
    public static void write(final DecisionRecord d, final Bytes<?> out, final int version) {
        if (version < 1 || version > DecisionRecord.CURRENT_VERSION) {
            throw new IllegalArgumentException("cannot write decision record version " + version);
        }
        // Encoded in a per-thread array, then copied into `out` in one write (see RecordScratch for why).
        final RecordScratch buf = RecordScratch.forThisThread().clear();
        buf.writeShort(version);
        buf.writeLong(d.inputIndex);
        buf.writeAscii(d.observationId);
        buf.writeByte(d.category.code());
        buf.writeInt(d.destinations);
        buf.writeLong(d.rejectReasons);
        buf.writeAscii(d.rejectDetail);
        buf.writeLong(d.rulesFired);
        buf.writeInt(d.flags);
        buf.writeDouble(d.urgency);
        buf.writeDouble(d.significance);
        buf.writeDouble(d.knownTypeMatch);
        buf.writeDouble(d.confidence);
        buf.writeDouble(d.riseRateMagPerDay);
        buf.writeAscii(d.matchSourceId);
        buf.writeByte(d.matchType);
        buf.writeDouble(d.matchSeparationArcsec);
        buf.writeAscii(d.hostId);
        buf.writeDouble(d.hostSeparationArcsec);
        buf.writeAscii(d.configVersion);
        buf.writeAscii(d.catalogVersion);
        buf.writeAscii(d.modelVersion);
        buf.writeAscii(d.engineVersion);
        if (version >= 2) {
            buf.writeInt(d.skyRegion);
            buf.writeByte(d.priority);
        }
        if (version >= 3) {
            buf.writeAscii(d.rulesVersion);
            buf.writeByte(d.modelClass);
            buf.writeDouble(d.modelRawProbability);
            buf.writeByte(DecisionRecord.CLASS_SLOTS);
            for (int i = 0; i < DecisionRecord.CLASS_SLOTS; i++) {
                buf.writeDouble(d.classProbabilities[i]);
            }
            buf.writeDouble(d.anomalyScore);
            buf.writeAscii(d.explanation);
        }
        if (version >= 4) {
            // Four bytes on every decision; the slots only on the deferred ones that carry a light curve.
            buf.writeInt(d.historyDetections);
            if (d.hasHistoryLightCurve()) {
                buf.writeByte(DecisionRecord.LIGHT_CURVE_SLOTS);
                for (int i = 0; i < DecisionRecord.LIGHT_CURVE_SLOTS; i++) {
                    buf.writeDouble(d.historyLightCurve[i]);
                }
            }
        }
        buf.copyTo(out);
    }

    public static void read(final Bytes<?> in, final DecisionRecord d) {
        final int version = in.readShort();
        if (version < 1 || version > DecisionRecord.CURRENT_VERSION) {
            throw new IllegalStateException("decision record version " + version
                    + " is not readable by this build (reads 1.." + DecisionRecord.CURRENT_VERSION + ")");
        }
        d.clear();
        d.inputIndex = in.readLong();
        BinaryFields.readAscii(in, d.observationId);
        d.category = Category.fromCode(in.readByte());
        d.destinations = in.readInt();
        d.rejectReasons = in.readLong();
        BinaryFields.readAscii(in, d.rejectDetail);
        d.rulesFired = in.readLong();
        d.flags = in.readInt();
        d.urgency = in.readDouble();
        d.significance = in.readDouble();
        d.knownTypeMatch = in.readDouble();
        d.confidence = in.readDouble();
        d.riseRateMagPerDay = in.readDouble();
        BinaryFields.readAscii(in, d.matchSourceId);
        d.matchType = in.readByte();
        d.matchSeparationArcsec = in.readDouble();
        BinaryFields.readAscii(in, d.hostId);
        d.hostSeparationArcsec = in.readDouble();
        BinaryFields.readAscii(in, d.configVersion);
        BinaryFields.readAscii(in, d.catalogVersion);
        BinaryFields.readAscii(in, d.modelVersion);
        BinaryFields.readAscii(in, d.engineVersion);
        if (version >= 2) {
            d.skyRegion = in.readInt();
            d.priority = in.readByte();
        }
        if (version >= 3) {
            BinaryFields.readAscii(in, d.rulesVersion);
            d.modelClass = in.readByte();
            d.modelRawProbability = in.readDouble();
            final int slots = in.readByte();
            for (int i = 0; i < slots; i++) {
                final double p = in.readDouble();
                if (i < DecisionRecord.CLASS_SLOTS) { // a later build's extra classes are skipped
                    d.classProbabilities[i] = p;
                }
            }
            d.anomalyScore = in.readDouble();
            BinaryFields.readAscii(in, d.explanation);
        }
        if (version >= 4) {
            d.historyDetections = in.readInt();
            if (d.hasHistoryLightCurve()) {
                final int slots = in.readByte();
                for (int i = 0; i < slots; i++) {
                    final double v = in.readDouble();
                    if (i < DecisionRecord.LIGHT_CURVE_SLOTS) { // a later build's extra features are skipped
                        d.historyLightCurve[i] = v;
                    }
                }
            }
        }
    }
}
