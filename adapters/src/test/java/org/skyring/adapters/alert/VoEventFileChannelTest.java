package org.skyring.adapters.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.engine.alert.Alert;
import org.skyring.engine.alert.AlertDelivery;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** VOEvent files: well-formed XML with the alert's identity, position, time and parameters; repeats replace. */
class VoEventFileChannelTest {
    @TempDir
    Path dir;

    @Test
    void writesOneWellFormedVoEventPerAlertRoundAndARepeatReplacesIt() throws Exception {
        final Alert alert = new Alert("al-0123456789abcdef", "critical", "critical ZTF26x <fast> & bright",
                150.25, -12.5, 0.97, 1_760_000_000_000_000_000L, 1_760_000_060_000_000_000L, true, "ZTF26x", "ZTF",
                42, 0, 1234);
        final VoEventFileChannel channel = new VoEventFileChannel(dir, "observatory.example");
        channel.deliver(new AlertDelivery(alert, 0, "voevent"));
        channel.deliver(new AlertDelivery(alert, 0, "voevent")); // a retry after a lost acknowledgement
        channel.deliver(new AlertDelivery(alert, 1, "voevent")); // an escalation round
        final List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertEquals(List.of(dir.resolve("al-0123456789abcdef-r0.xml"), dir.resolve("al-0123456789abcdef-r1.xml")), files);

        final DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        final File r0 = files.get(0).toFile();
        final Document doc = f.newDocumentBuilder().parse(r0);
        final Element root = doc.getDocumentElement();
        assertEquals("VOEvent", root.getLocalName());
        assertEquals("http://www.ivoa.net/xml/VOEvent/v2.0", root.getNamespaceURI());
        assertEquals("ivo://observatory.example/skyring#al-0123456789abcdef-r0", root.getAttribute("ivorn"));
        assertEquals("150.250000", doc.getElementsByTagName("C1").item(0).getTextContent());
        assertEquals("-12.500000", doc.getElementsByTagName("C2").item(0).getTextContent());
        assertEquals("2025-10-09T08:53:20Z", doc.getElementsByTagName("ISOTime").item(0).getTextContent());
        final Map<String, String> params = new HashMap<>();
        final NodeList p = doc.getElementsByTagName("Param");
        for (int i = 0; i < p.getLength(); i++) {
            final Element e = (Element) p.item(i);
            params.put(e.getAttribute("name"), e.getAttribute("value"));
        }
        assertEquals("al-0123456789abcdef", params.get("alert_id"));
        assertEquals("0", params.get("priority"));
        assertEquals("1234", params.get("sky_region"));
        assertEquals("critical ZTF26x <fast> & bright",
                doc.getElementsByTagName("Description").item(0).getTextContent(), "escaped and read back");
        assertTrue(Files.readString(files.get(1)).contains("name=\"round\" value=\"1\""));
    }
}
