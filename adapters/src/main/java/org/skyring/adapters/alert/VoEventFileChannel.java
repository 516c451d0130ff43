package org.skyring.adapters.alert;

import org.skyring.engine.alert.Alert;
import org.skyring.engine.alert.AlertDelivery;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.port.AlertChannel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The VOEvent channel: one VOEvent 2.0 XML file per delivery ({@code ALERT_ID-rROUND.xml}) in a directory,
 * written to a temporary name and renamed, so a reader never sees half a file and a repeated delivery
 * replaces the same file (idempotent). A minimal packet: identity, Who (author, date), WhereWhen (ICRS position,
 * event time), What (urgency, category, priority, sky region), Why (the summary).
 */
public final class VoEventFileChannel implements AlertChannel {
    public static final String NAME = "voevent";
    private final Path dir;
    private final String authority;

    public VoEventFileChannel(final Path dir, final String authority) {
        this.dir = dir;
        this.authority = authority;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(final AlertDelivery delivery) throws IOException {
        Files.createDirectories(dir);
        final Path target = dir.resolve(delivery.alert().id() + "-r" + delivery.round() + ".xml");
        final Path tmp = dir.resolve(target.getFileName() + ".tmp");
        Files.writeString(tmp, xml(delivery), StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    String xml(final AlertDelivery d) {
        final Alert a = d.alert();
        final StringBuilder x = new StringBuilder(1024);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
         .append("<voe:VOEvent xmlns:voe=\"http://www.ivoa.net/xml/VOEvent/v2.0\" version=\"2.0\" role=\"observation\"")
         .append(" ivorn=\"ivo://").append(esc(authority)).append("/skyring#").append(esc(a.id())).append("-r")
         .append(d.round()).append("\">\n")
         .append("  <Who>\n    <AuthorIVORN>ivo://").append(esc(authority)).append("/skyring</AuthorIVORN>\n")
         .append("    <Date>").append(AlertJson.time(a.raisedTimeNanos())).append("</Date>\n  </Who>\n");
        if (!Double.isNaN(a.raDeg())) {
            x.append("  <WhereWhen>\n    <ObsDataLocation>\n      <ObservatoryLocation id=\"GEOLUN\"/>\n")
             .append("      <ObservationLocation>\n        <AstroCoordSystem id=\"UTC-ICRS-GEO\"/>\n")
             .append("        <AstroCoords coord_system_id=\"UTC-ICRS-GEO\">\n")
             .append("          <Time unit=\"s\"><TimeInstant><ISOTime>").append(AlertJson.time(a.eventTimeNanos()))
             .append("</ISOTime></TimeInstant></Time>\n")
             .append("          <Position2D unit=\"deg\"><Name1>RA</Name1><Name2>Dec</Name2><Value2>")
             .append(String.format(Locale.ROOT, "<C1>%.6f</C1><C2>%.6f</C2>", a.raDeg(), a.decDeg()))
             .append("</Value2></Position2D>\n        </AstroCoords>\n      </ObservationLocation>\n")
             .append("    </ObsDataLocation>\n  </WhereWhen>\n");
        }
        x.append("  <What>\n")
         .append(param("alert_id", a.id())).append(param("category", a.category()))
         .append(param("urgency", String.format(Locale.ROOT, "%.4f", a.urgency())))
         .append(param("priority", Integer.toString(a.priority())))
         .append(param("sky_region", Integer.toString(a.skyRegion())))
         .append(param("observation_id", a.observationId()))
         .append(param("round", Integer.toString(d.round())))
         .append(param("requires_ack", Boolean.toString(a.requiresAck())))
         .append("  </What>\n  <Why importance=\"").append(String.format(Locale.ROOT, "%.2f", a.urgency()))
         .append("\">\n    <Description>").append(esc(a.summary())).append("</Description>\n  </Why>\n")
         .append("</voe:VOEvent>\n");
        return x.toString();
    }

    private static String param(final String name, final String value) {
        return "    <Param name=\"" + esc(name) + "\" value=\"" + esc(value) + "\"/>\n";
    }

    private static String esc(final String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
