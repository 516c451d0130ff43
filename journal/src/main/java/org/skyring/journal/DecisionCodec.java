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
        out.writeShort((short) version);
        out.writeLong(d.inputIndex);
        BinaryFields.writeAscii(out, d.observationId);
        out.writeByte(d.category.code());
        out.writeInt(d.destinations);
        out.writeLong(d.rejectReasons);
        BinaryFields.writeAscii(out, d.rejectDetail);
        out.writeLong(d.rulesFired);
        out.writeInt(d.flags);
        out.writeDouble(d.urgency);
        out.writeDouble(d.significance);
        out.writeDouble(d.knownTypeMatch);
        out.writeDouble(d.confidence);
        out.writeDouble(d.riseRateMagPerDay);
        BinaryFields.writeAscii(out, d.matchSourceId);
        out.writeByte(d.matchType);
        out.writeDouble(d.matchSeparationArcsec);
        BinaryFields.writeAscii(out, d.hostId);
        out.writeDouble(d.hostSeparationArcsec);
        BinaryFields.writeAscii(out, d.configVersion);
        BinaryFields.writeAscii(out, d.catalogVersion);
        BinaryFields.writeAscii(out, d.modelVersion);
        BinaryFields.writeAscii(out, d.engineVersion);
        if (version >= 2) {
            out.writeInt(d.skyRegion);
            out.writeByte(d.priority);
        }
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
    }
}
