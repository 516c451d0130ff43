package org.skyring.adapters.voevent;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;

/**
 * Reads a VOEvent 2.0 (or 1.1) packet with the JDK's StAX parser. Elements are matched by local name, so packets
 * with the {@code voe:} prefix, a default namespace, an STC namespace on {@code ObsDataLocation}, or no namespace
 * at all read the same. DTDs and external entities are disabled (a notice from the network must not make the
 * parser open files or URLs). Not thread-safe; one per source.
 */
final class VoEventReader {
    private final XMLInputFactory factory = XMLInputFactory.newFactory();

    VoEventReader() {
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /**
     * Fills {@code into} from {@code xml[0..length)}.
     *
     * @throws XMLStreamException when the bytes are not well-formed XML (the caller turns it into a dead letter)
     */
    void read(final byte[] xml, final int length, final VoEventPacket into) throws XMLStreamException {
        final XMLStreamReader r = factory.createXMLStreamReader(new ByteArrayInputStream(xml, 0, length));
        try {
            boolean inWhereWhen = false;
            boolean inWhat = false;
            while (r.hasNext()) {
                final int ev = r.next();
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    final String name = r.getLocalName();
                    if ("WhereWhen".equals(name)) {
                        inWhereWhen = false;
                    } else if ("What".equals(name)) {
                        inWhat = false;
                    }
                    continue;
                }
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                final String name = r.getLocalName();
                if (into.rootElement == null) {
                    into.rootElement = name;
                    if (!"VOEvent".equals(name)) {
                        return;
                    }
                    into.ivorn = r.getAttributeValue(null, "ivorn");
                    into.role = r.getAttributeValue(null, "role");
                    into.version = r.getAttributeValue(null, "version");
                    continue;
                }
                switch (name) {
                    case "What" -> inWhat = true;
                    case "WhereWhen" -> inWhereWhen = true;
                    case "Param" -> {
                        if (inWhat) {
                            param(r, into);
                        }
                    }
                    case "AstroCoords" -> {
                        if (inWhereWhen && into.coordSystem == null) {
                            into.coordSystem = r.getAttributeValue(null, "coord_system_id");
                        }
                    }
                    case "Position2D" -> {
                        if (inWhereWhen && into.positionUnit == null) {
                            into.positionUnit = r.getAttributeValue(null, "unit");
                        }
                    }
                    case "ISOTime" -> into.isoTime = firstText(r, inWhereWhen, into.isoTime);
                    case "C1" -> into.c1 = firstText(r, inWhereWhen, into.c1);
                    case "C2" -> into.c2 = firstText(r, inWhereWhen, into.c2);
                    case "Error2Radius" -> into.errorRadius = firstText(r, inWhereWhen, into.errorRadius);
                    default -> {
                    }
                }
            }
        } finally {
            r.close();
        }
    }

    /** The element's text when it is the first of its kind inside WhereWhen; otherwise what was already read. */
    private static String firstText(final XMLStreamReader r, final boolean inWhereWhen, final String already)
            throws XMLStreamException {
        return inWhereWhen && already == null ? r.getElementText().trim() : already;
    }

    private static void param(final XMLStreamReader r, final VoEventPacket into) {
        final String name = r.getAttributeValue(null, "name");
        if ("Packet_Type".equals(name) && into.packetType == null) {
            into.packetType = r.getAttributeValue(null, "value");
        } else if ("skymap_fits".equals(name) && into.skymapUrl == null) {
            into.skymapUrl = r.getAttributeValue(null, "value");
        }
    }
}
