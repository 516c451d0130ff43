package org.skyring.adapters.voevent;

import org.skyring.adapters.AlertDecoder;
import org.skyring.catalog.SkyMath;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.NoticeRole;
import org.skyring.journal.ObservationRecord;

import javax.xml.stream.XMLStreamException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * GCN / VOEvent notices to {@link MeasurementType#NOTICE} observations (artifacts/event_schema.md): id = IVORN,
 * facility = the IVORN's stream ({@code nasa.gsfc.gcn/SWIFT}), time = the WhereWhen ISOTime (UTC when no
 * offset is given; a TDB time such as Gaia's is taken as UTC, ~69 s off, well inside any trigger window),
 * position = C1/C2 in degrees (FK5 and ICRS both read as J2000 equatorial), error radius = Error2Radius,
 * role = the {@code role} attribute (VOEvent's default is {@code observation}), notice type = Param Packet_Type.
 *
 * <p>GCN's "no position" convention (RA = Dec = 0 with a zero error radius, e.g. a Konus light curve) and a
 * missing WhereWhen give a notice without a position; a real position with a zero radius keeps the position with
 * the radius absent. Either way the notice is kept and matches nothing. Anything that is not a well-formed
 * VOEvent gives one record whose {@code sourceError} says why.
 */
public final class VoEventDecoder implements AlertDecoder {
    public static final String FORMAT = "voevent";
    /** A VOEvent is a few kilobytes; a message this large is a mistake or an attack, and is dead-lettered unread. */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;
    private static final int ID_HASH_HEX = 16;

    private final VoEventReader reader = new VoEventReader();
    private final ObservationRecord out = new ObservationRecord();

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public int decode(final byte[] message, final int length, final String origin, final Sink sink) {
        out.clear();
        out.adapter.set(FORMAT);
        out.measurementType = MeasurementType.NOTICE;
        if (length > MAX_MESSAGE_BYTES) {
            return reject("message: " + length + " bytes exceeds the VOEvent limit of " + MAX_MESSAGE_BYTES, origin, sink);
        }
        final VoEventPacket p = new VoEventPacket();
        try {
            reader.read(message, length, p);
        } catch (XMLStreamException | RuntimeException e) {
            return reject("xml: not well-formed: " + oneLine(e.getMessage()), origin, sink);
        }
        if (!"VOEvent".equals(p.rootElement)) {
            return reject("voevent: root element <" + p.rootElement + "> is not <VOEvent>", origin, sink);
        }
        if (p.ivorn == null || !p.ivorn.startsWith("ivo://")) {
            return reject("ivorn: \"" + p.ivorn + "\" is not an ivo:// identifier", origin, sink);
        }
        map(p, out);
        sink.accept(out);
        return 1;
    }

    private static void map(final VoEventPacket p, final ObservationRecord o) {
        o.observationId.set(boundedId(p.ivorn));
        o.sourceFacility.set(facility(p.ivorn));
        final StringBuilder errors = new StringBuilder();
        final NoticeRole role = p.role == null ? NoticeRole.OBSERVATION : NoticeRole.fromVoEvent(p.role);
        if (role == null) {
            error(errors, "role: \"" + p.role + "\" is not one of observation, prediction, utility, test");
        } else {
            o.noticeRole = role;
        }
        if (p.packetType != null) {
            try {
                o.noticeType = Integer.parseInt(p.packetType.trim());
            } catch (NumberFormatException e) {
                error(errors, "Packet_Type: \"" + p.packetType + "\" is not an integer");
            }
        }
        if (p.isoTime != null) {
            final long t = isoTimeNanos(p.isoTime);
            if (t == ObservationRecord.NO_TIME) {
                error(errors, "ISOTime: \"" + p.isoTime + "\" is not an ISO-8601 time");
            }
            o.observationTimeNanos = t;
        }
        position(p, o, errors);
        if (errors.length() > 0) {
            o.sourceError.set(errors);
        }
    }

    private static void position(final VoEventPacket p, final ObservationRecord o, final StringBuilder errors) {
        if (p.c1 == null && p.c2 == null) {
            return;
        }
        if (p.coordSystem != null) {
            final String cs = p.coordSystem.toUpperCase(Locale.ROOT);
            if (!cs.contains("FK5") && !cs.contains("ICRS")) {
                error(errors, "coord_system_id: \"" + p.coordSystem + "\" is not an FK5 or ICRS equatorial system");
                return;
            }
        }
        if (p.positionUnit != null && !"deg".equals(p.positionUnit)) {
            error(errors, "Position2D unit: \"" + p.positionUnit + "\" is not deg");
            return;
        }
        final double ra = number(p.c1, "C1 (RA)", errors);
        final double dec = number(p.c2, "C2 (Dec)", errors);
        final double radiusDeg = p.errorRadius == null ? Double.NaN : number(p.errorRadius, "Error2Radius", errors);
        if (Double.isNaN(ra) || Double.isNaN(dec)) {
            return;
        }
        final boolean gcnNoPosition = ra == 0.0 && dec == 0.0 && !(radiusDeg > 0.0);
        if (gcnNoPosition) {
            return;
        }
        o.raDeg = ra;
        o.decDeg = dec;
        o.epochYear = 2000.0;
        o.positionUncertaintyArcsec = radiusDeg > 0.0 ? radiusDeg * SkyMath.ARCSEC_PER_DEGREE : Double.NaN;
    }

    private static double number(final String text, final String field, final StringBuilder errors) {
        if (text == null) {
            error(errors, field + " is missing");
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            error(errors, field + ": \"" + text + "\" is not a number");
            return Double.NaN;
        }
    }

    /** ISO-8601 with or without an offset (none = UTC), to epoch nanoseconds; NO_TIME when unreadable. */
    static long isoTimeNanos(final String text) {
        try {
            final OffsetDateTime t;
            final String s = text.trim();
            if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$")) {
                t = OffsetDateTime.parse(s);
            } else {
                t = LocalDateTime.parse(s).atOffset(ZoneOffset.UTC);
            }
            return t.toEpochSecond() * 1_000_000_000L + t.getNano();
        } catch (DateTimeParseException e) {
            return ObservationRecord.NO_TIME;
        }
    }

    /**
     * An IVORN longer than the id field (AMON's run to 84 characters) keeps its first 47 characters and a 16-hex
     * SHA-256 prefix of the whole IVORN: deterministic, so a re-delivered notice is still recognised as a duplicate.
     */
    static String boundedId(final String ivorn) {
        if (ivorn.length() <= ObservationRecord.ID_CAPACITY) {
            return ivorn;
        }
        final int keep = ObservationRecord.ID_CAPACITY - ID_HASH_HEX - 1;
        return ivorn.substring(0, keep) + "~" + sha256Hex(ivorn).substring(0, ID_HASH_HEX);
    }

    /** The IVORN's stream ({@code nasa.gsfc.gcn/SWIFT}); its last path segment when that does not fit. */
    static String facility(final String ivorn) {
        String stream = ivorn.substring("ivo://".length());
        final int hash = stream.indexOf('#');
        if (hash >= 0) {
            stream = stream.substring(0, hash);
        }
        if (stream.length() <= ObservationRecord.NAME_CAPACITY) {
            return stream;
        }
        final String last = stream.substring(stream.lastIndexOf('/') + 1);
        return last.length() <= ObservationRecord.NAME_CAPACITY ? last : last.substring(0, ObservationRecord.NAME_CAPACITY);
    }

    private int reject(final String reason, final String origin, final Sink sink) {
        out.observationId.set(boundedId("voevent:" + origin));
        out.sourceFacility.set(FORMAT);
        out.sourceError.set(reason.length() <= ObservationRecord.ERROR_CAPACITY ? reason
                : reason.substring(0, ObservationRecord.ERROR_CAPACITY));
        sink.accept(out);
        return 1;
    }

    private static void error(final StringBuilder errors, final String message) {
        if (errors.length() > 0) {
            errors.append("; ");
        }
        errors.append(message);
    }

    private static String oneLine(final String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String sha256Hex(final String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
