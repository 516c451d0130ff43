package org.skyring.adapters.voevent;

import org.skyring.catalog.SkyMath;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a Skyring alert (a routed decision and its observation) as a VOEvent 2.0 packet, so that it can go
 * out over the same channels as GCN notices. IVORN = {@code <prefix>#<observation id>} (characters outside the
 * URI fragment set percent-encoded); role {@code observation}; Who/Date = the journaled received time and
 * WhereWhen time = the observation time (both UTC), so the packet is the same every time it is written from the
 * journal; position ICRS degrees with the position uncertainty as Error2Radius; What holds the decision (category,
 * scores, rules) and the measurement; Why/@importance = urgency, Inference/@probability = confidence.
 */
public final class VoEventWriter {
    public static final String NAMESPACE = "http://www.ivoa.net/xml/VOEvent/v2.0";
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String COORD_SYSTEM = "UTC-ICRS-TOPO";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private final String ivornPrefix;
    private final String author;
    private final XMLOutputFactory factory = XMLOutputFactory.newFactory();

    /** @param ivornPrefix {@code ivo://authority/stream}, without a fragment */
    public VoEventWriter(final String ivornPrefix, final String author) {
        if (!ivornPrefix.startsWith("ivo://") || ivornPrefix.indexOf('#') >= 0) {
            throw new IllegalArgumentException("IVORN prefix \"" + ivornPrefix + "\" must start with ivo:// and have no #");
        }
        this.ivornPrefix = ivornPrefix;
        this.author = author;
    }

    public String ivorn(final ObservationRecord o) {
        return ivornPrefix + "#" + fragment(o.observationId.toString());
    }

    public String write(final DecisionRecord d, final ObservationRecord o) {
        final StringWriter out = new StringWriter(2048);
        try {
            final XMLStreamWriter w = factory.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("voe", "VOEvent", NAMESPACE);
            w.writeNamespace("voe", NAMESPACE);
            w.writeNamespace("xsi", XSI);
            w.writeAttribute(XSI, "schemaLocation", NAMESPACE + " http://www.ivoa.net/xml/VOEvent/VOEvent-v2.0.xsd");
            w.writeAttribute("version", "2.0");
            w.writeAttribute("role", "observation");
            w.writeAttribute("ivorn", ivorn(o));
            who(w, o);
            what(w, d, o);
            whereWhen(w, o);
            w.writeStartElement("How");
            text(w, "Description", "Skyring engine " + d.engineVersion + ", config " + d.configVersion + ", catalog "
                    + d.catalogVersion + ", model " + d.modelVersion);
            w.writeEndElement();
            w.writeStartElement("Why");
            w.writeAttribute("importance", number(d.urgency));
            w.writeStartElement("Inference");
            w.writeAttribute("probability", number(Math.max(0.0, Math.min(1.0, d.confidence))));
            text(w, "Name", d.category.key());
            text(w, "Concept", "process.variation");
            text(w, "Description", Rule.describe(d.rulesFired));
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing VOEvent for " + o.observationId, e);
        }
        return out.toString();
    }

    private void who(final XMLStreamWriter w, final ObservationRecord o) throws XMLStreamException {
        w.writeStartElement("Who");
        text(w, "AuthorIVORN", ivornPrefix);
        if (o.receivedTimeNanos != ObservationRecord.NO_TIME) {
            text(w, "Date", iso(o.receivedTimeNanos));
        }
        w.writeStartElement("Author");
        text(w, "shortName", author);
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void what(final XMLStreamWriter w, final DecisionRecord d, final ObservationRecord o)
            throws XMLStreamException {
        w.writeStartElement("What");
        param(w, "observation_id", o.observationId.toString(), "string", "meta.id", null);
        param(w, "object_id", o.objectId.toString(), "string", "meta.id", null);
        param(w, "source_facility", o.sourceFacility.toString(), "string", "meta.id;instr.obsty", null);
        param(w, "category", d.category.key(), "string", "meta.code.class", null);
        param(w, "urgency", number(d.urgency), "float", "stat.value", null);
        param(w, "significance", number(d.significance), "float", "stat.value", null);
        param(w, "confidence", number(d.confidence), "float", "stat.probability", null);
        param(w, "rules", Rule.describe(d.rulesFired), "string", "meta.code", null);
        param(w, "measurement_type", o.measurementType.name().toLowerCase(Locale.ROOT), "string", "meta.code", null);
        if (Double.isFinite(o.value)) {
            param(w, "value", number(o.value), "float", o.measurementType.isMagnitude() ? "phot.mag" : "phot.flux",
                    o.measurementType.unit());
        }
        param(w, "band", o.band.name().toLowerCase(Locale.ROOT), "string", "instr.bandpass", null);
        if (Double.isFinite(d.riseRateMagPerDay)) {
            param(w, "rise_rate", number(d.riseRateMagPerDay), "float", "phot.mag;arith.rate", "mag/d");
        }
        param(w, "input_index", Long.toString(d.inputIndex), "string", "meta.id", null);
        w.writeEndElement();
    }

    private static void whereWhen(final XMLStreamWriter w, final ObservationRecord o) throws XMLStreamException {
        w.writeStartElement("WhereWhen");
        w.writeStartElement("ObsDataLocation");
        w.writeEmptyElement("ObservatoryLocation");
        w.writeAttribute("id", "GEOSURFACE");
        w.writeStartElement("ObservationLocation");
        w.writeEmptyElement("AstroCoordSystem");
        w.writeAttribute("id", COORD_SYSTEM);
        w.writeStartElement("AstroCoords");
        w.writeAttribute("coord_system_id", COORD_SYSTEM);
        if (o.observationTimeNanos != ObservationRecord.NO_TIME) {
            w.writeStartElement("Time");
            w.writeAttribute("unit", "s");
            w.writeStartElement("TimeInstant");
            text(w, "ISOTime", iso(o.observationTimeNanos));
            w.writeEndElement();
            w.writeEndElement();
        }
        if (Double.isFinite(o.raDeg) && Double.isFinite(o.decDeg)) {
            w.writeStartElement("Position2D");
            w.writeAttribute("unit", "deg");
            text(w, "Name1", "RA");
            text(w, "Name2", "Dec");
            w.writeStartElement("Value2");
            text(w, "C1", number(o.raDeg));
            text(w, "C2", number(o.decDeg));
            w.writeEndElement();
            final double radius = Double.isFinite(o.positionUncertaintyArcsec) ? o.positionUncertaintyArcsec : 0.0;
            text(w, "Error2Radius", number(radius * SkyMath.DEGREES_PER_ARCSEC));
            w.writeEndElement();
        }
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void param(final XMLStreamWriter w, final String name, final String value, final String type,
                              final String ucd, final String unit) throws XMLStreamException {
        w.writeEmptyElement("Param");
        w.writeAttribute("name", name);
        w.writeAttribute("value", value);
        w.writeAttribute("dataType", type);
        w.writeAttribute("ucd", ucd);
        if (unit != null) {
            w.writeAttribute("unit", unit);
        }
    }

    private static void text(final XMLStreamWriter w, final String element, final String value) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static String number(final double v) {
        return Double.toString(v);
    }

    private static String iso(final long epochNanos) {
        return ISO.format(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)));
    }

    /** Percent-encodes what an IVORN fragment (URI fragment) may not hold. */
    static String fragment(final String id) {
        final StringBuilder sb = new StringBuilder(id.length());
        for (final char c : id.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~:@!$&'()*+,;=/?".indexOf(c) >= 0) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format(Locale.ROOT, "%02X", (int) c & 0xFF));
            }
        }
        return sb.toString();
    }
}
