package org.skyring.adapters.voevent;

import org.junit.jupiter.api.Test;
import org.skyring.journal.Band;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Skyring alerts written as VOEvent 2.0. The IVOA XSD is not available from a Maven artifact here, so the packet
 * is checked against the schema's rules one by one (root element, namespace, required attributes and their
 * enumerations, at most one of each top-level element, the STC coordinate-system enumeration, the required
 * Value2/Error2Radius of Position2D, typed values) and read back with {@link VoEventDecoder}.
 */
class VoEventWriterTest {
    private static final Set<String> TOP_LEVEL = Set.of("Who", "What", "WhereWhen", "How", "Why", "Citations",
            "Description", "Reference");
    private static final Set<String> COORD_SYSTEMS = Set.of("TT-ICRS-TOPO", "UTC-ICRS-TOPO", "TT-FK5-TOPO",
            "UTC-FK5-TOPO", "GPS-ICRS-TOPO", "GPS-FK5-TOPO", "TT-ICRS-GEO", "UTC-ICRS-GEO", "TT-FK5-GEO", "UTC-FK5-GEO",
            "GPS-ICRS-GEO", "TDB-ICRS-BARY", "TDB-FK5-BARY", "UTC-GEOD-TOPO");

    private static ObservationRecord alertObservation() {
        final ObservationRecord o = new ObservationRecord();
        o.observationId.set("ZTF24abc <1>");
        o.sourceFacility.set("ZTF");
        o.observationTimeNanos = 1_760_000_000_123_456_000L;
        o.receivedTimeNanos = 1_760_000_005_000_000_000L;
        o.raDeg = 150.25;
        o.decDeg = -20.5;
        o.positionUncertaintyArcsec = 0.36;
        o.value = 17.2;
        o.valueUncertainty = 0.03;
        o.band = Band.G;
        return o;
    }

    private static DecisionRecord criticalDecision() {
        final DecisionRecord d = new DecisionRecord();
        d.inputIndex = 42;
        d.category = Category.CRITICAL;
        d.urgency = 1.0;
        d.significance = 0.95;
        d.confidence = 1.0;
        d.riseRateMagPerDay = 1.3;
        d.rulesFired = Rule.CLASS_FAST_RISER.mask() | Rule.TRIGGER_COINCIDENCE.mask();
        d.engineVersion.set("0.1.0");
        d.configVersion.set("cfg-1");
        return d;
    }

    @Test
    void alertPacketFollowsTheVoEvent20SchemaRules() throws Exception {
        final String xml = new VoEventWriter("ivo://org.example/skyring", "Skyring").write(criticalDecision(), alertObservation());
        final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        final Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        final Element root = doc.getDocumentElement();
        assertEquals("VOEvent", root.getLocalName());
        assertEquals(VoEventWriter.NAMESPACE, root.getNamespaceURI());
        assertEquals("2.0", root.getAttribute("version"));
        assertEquals("observation", root.getAttribute("role"));
        assertEquals("ivo://org.example/skyring#ZTF24abc%20%3C1%3E", root.getAttribute("ivorn"));
        new java.net.URI(root.getAttribute("ivorn")); // xs:anyURI
        final Set<String> seen = new HashSet<>();
        for (final Element child : children(root)) {
            assertTrue(TOP_LEVEL.contains(child.getLocalName()), "allowed top-level element " + child.getLocalName());
            assertTrue(seen.add(child.getLocalName()), "at most one " + child.getLocalName());
            assertEquals(null, child.getNamespaceURI(), "elementFormDefault=unqualified");
        }
        LocalDateTime.parse(text(root, "Date")); // xs:dateTime
        for (final Element p : all(root, "Param")) {
            assertTrue(List.of("string", "float", "int").contains(p.getAttribute("dataType")), p.getAttribute("name"));
            if ("float".equals(p.getAttribute("dataType"))) {
                Float.parseFloat(p.getAttribute("value"));
            }
        }
        assertEquals("UTC-ICRS-TOPO", all(root, "AstroCoordSystem").get(0).getAttribute("id"));
        assertTrue(COORD_SYSTEMS.contains(all(root, "AstroCoords").get(0).getAttribute("coord_system_id")));
        assertEquals(1, all(root, "ObservatoryLocation").size());
        assertEquals(150.25, Float.parseFloat(text(root, "C1")), 1e-4);
        assertEquals(-20.5, Float.parseFloat(text(root, "C2")), 1e-4);
        assertEquals(0.0001, Float.parseFloat(text(root, "Error2Radius")), 1e-9, "0.36 arcsec in degrees");
        assertEquals("1.0", all(root, "Why").get(0).getAttribute("importance"));
        final float probability = Float.parseFloat(all(root, "Inference").get(0).getAttribute("probability"));
        assertTrue(probability >= 0 && probability <= 1, "smallFloat");
    }

    @Test
    void alertPacketReadsBackWithTheNoticeReader() {
        final ObservationRecord o = alertObservation();
        final String xml = new VoEventWriter("ivo://org.example/skyring", "Skyring").write(criticalDecision(), o);
        final byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        final ObservationRecord[] back = new ObservationRecord[1];
        new VoEventDecoder().decode(bytes, bytes.length, "alert", r -> {
            back[0] = new ObservationRecord();
            back[0].copyFrom(r);
        });
        assertEquals("", back[0].sourceError.toString());
        assertEquals("ivo://org.example/skyring#ZTF24abc%20%3C1%3E", back[0].observationId.toString());
        assertEquals(o.observationTimeNanos, back[0].observationTimeNanos);
        assertEquals(o.raDeg, back[0].raDeg, 0);
        assertEquals(o.decDeg, back[0].decDeg, 0);
        assertEquals(o.positionUncertaintyArcsec, back[0].positionUncertaintyArcsec, 1e-9);
    }

    @Test
    void prefixMustBeAnIvornWithoutFragment() {
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new VoEventWriter("http://example.org#x", "S"));
        assertEquals("IVORN prefix \"http://example.org#x\" must start with ivo:// and have no #", e.getMessage());
    }

    private static List<Element> children(final Element e) {
        final List<Element> out = new java.util.ArrayList<>();
        final NodeList nl = e.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            if (nl.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nl.item(i));
            }
        }
        return out;
    }

    private static List<Element> all(final Element root, final String localName) {
        final List<Element> out = new java.util.ArrayList<>();
        final NodeList nl = root.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    private static String text(final Element root, final String localName) {
        final List<Element> found = all(root, localName);
        assertEquals(1, found.size(), localName);
        return found.get(0).getTextContent();
    }
}
