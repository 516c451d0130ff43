package org.skyring.adapters.voevent;

import org.junit.jupiter.api.Test;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.NoticeRole;
import org.skyring.journal.ObservationRecord;
import org.skyring.testsupport.SharedData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 20 real notices of ../shared/data/voevent, and XML that is not a VOEvent. */
class VoEventDecoderTest {
    private final VoEventDecoder decoder = new VoEventDecoder();

    private List<ObservationRecord> decode(final byte[] bytes, final String origin) {
        final List<ObservationRecord> out = new ArrayList<>();
        final int n = decoder.decode(bytes, bytes.length, origin, o -> {
            final ObservationRecord copy = new ObservationRecord();
            copy.copyFrom(o);
            out.add(copy);
        });
        assertEquals(n, out.size(), "returned count matches the records passed to the sink");
        return out;
    }

    private ObservationRecord file(final String name) throws IOException {
        final Path p = SharedData.require("voevent/" + name);
        final List<ObservationRecord> out = decode(Files.readAllBytes(p), p.toString());
        assertEquals(1, out.size());
        return out.get(0);
    }

    private static long nanos(final String instant) {
        final Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    @Test
    void everyRealNoticeDecodesToOneCleanNoticeRecord() throws IOException {
        final Path dir = SharedData.require("voevent");
        final List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertEquals(20, files.size());
        for (final Path f : files) {
            final List<ObservationRecord> out = decode(Files.readAllBytes(f), f.toString());
            assertEquals(1, out.size(), f.toString());
            final ObservationRecord o = out.get(0);
            assertEquals("", o.sourceError.toString(), f + " decodes without error");
            assertEquals(MeasurementType.NOTICE, o.measurementType, f.toString());
            assertTrue(o.observationId.toString().startsWith("ivo://"), f + ": id is the IVORN");
            assertFalse(o.observationId.wasTruncated() || o.sourceFacility.wasTruncated(), f + ": fits the fixed fields");
            assertFalse(o.sourceFacility.isEmpty(), f.toString());
            assertTrue(o.noticeRole == NoticeRole.OBSERVATION || o.noticeRole == NoticeRole.TEST, f.toString());
            assertEquals("voevent", o.adapter.toString());
        }
    }

    @Test
    void swiftBatPositionNotice() throws IOException {
        final ObservationRecord o = file("BAT_GRB_Pos_655721-214.xml");
        assertEquals("ivo://nasa.gsfc.gcn/SWIFT#BAT_GRB_Pos_655721-214", o.observationId.toString());
        assertEquals("nasa.gsfc.gcn/SWIFT", o.sourceFacility.toString());
        assertEquals(NoticeRole.OBSERVATION, o.noticeRole);
        assertEquals(61, o.noticeType);
        assertEquals(319.7309, o.raDeg, 0);
        assertEquals(-34.8537, o.decDeg, 0);
        assertEquals(180.0, o.positionUncertaintyArcsec, 1e-9, "Error2Radius 0.05 deg");
        assertEquals(nanos("2015-09-15T21:18:24.860Z"), o.observationTimeNanos);
    }

    @Test
    void fermiGbmFlightPositionWithStcDefaultNamespace() throws IOException {
        final ObservationRecord o = file("gbm_flt_pos.xml");
        assertEquals(111, o.noticeType);
        assertEquals(193.0, o.raDeg, 0);
        assertEquals(-31.75, o.decDeg, 0);
        assertEquals(17.4333 * 3600, o.positionUncertaintyArcsec, 1e-6);
        assertEquals(nanos("2011-09-04T03:54:36.020Z"), o.observationTimeNanos);
    }

    @Test
    void longAmonIvornKeepsAPrefixAndAStableHash() throws IOException {
        final ObservationRecord o = file("AMON.xml");
        final String id = o.observationId.toString();
        assertEquals(ObservationRecord.ID_CAPACITY, id.length());
        assertTrue(id.startsWith("ivo://nasa.gsfc.gcn/AMON#ICECUBE_BRONZE_Event20"), id);
        assertTrue(id.matches(".*~[0-9a-f]{16}$"), id);
        assertEquals(id, file("AMON.xml").observationId.toString(), "the same notice gets the same id");
        assertEquals(174, o.noticeType);
        assertEquals(1.2755 * 3600, o.positionUncertaintyArcsec, 1e-6);
    }

    @Test
    void killSocketAdministrativePacketHasNoPositionAndNoTime() throws IOException {
        final ObservationRecord o = file("kill_socket.xml");
        assertEquals("ivo://nasa.gsfc.gcn/gcn", o.observationId.toString());
        assertEquals(NoticeRole.OBSERVATION, o.noticeRole);
        assertEquals(4, o.noticeType);
        assertTrue(Double.isNaN(o.raDeg) && Double.isNaN(o.decDeg) && Double.isNaN(o.positionUncertaintyArcsec));
        assertEquals(ObservationRecord.NO_TIME, o.observationTimeNanos);
    }

    @Test
    void packetWithoutNamespaceIsATestNoticeWithGcnsNoPositionConvention() throws IOException {
        final ObservationRecord o = file("no_namespace_packet.xml");
        assertEquals(NoticeRole.TEST, o.noticeRole);
        assertEquals("ivo://com.dc3/dc3.broker#BrokerTest-2014-02-24T15:55:27.72", o.observationId.toString());
        assertTrue(Double.isNaN(o.raDeg), "0,0 with radius 0 means no position");
        assertEquals(nanos("2014-02-24T15:55:27.720Z"), o.observationTimeNanos);
    }

    @Test
    void gravitationalWaveNoticeCarriesOnlyASkymapSoHasNoPosition() throws IOException {
        final ObservationRecord o = file("GW190425_initial.xml");
        assertEquals("ivo://gwnet/LVC#S190425z-1-Initial", o.observationId.toString());
        assertEquals("gwnet/LVC", o.sourceFacility.toString());
        assertEquals(151, o.noticeType);
        assertTrue(Double.isNaN(o.raDeg));
        assertEquals(nanos("2019-04-25T08:18:05.017147Z"), o.observationTimeNanos);
    }

    @Test
    void realPositionWithZeroRadiusKeepsThePositionWithoutARadius() throws IOException {
        final ObservationRecord moa = file("MOA_Lensing_Event_2015-07-10T14_50_54.00.xml");
        assertEquals(268.686, moa.raDeg, 0);
        assertTrue(Double.isNaN(moa.positionUncertaintyArcsec));
        final ObservationRecord konus = file("Konus_Lightcurve_2015-07-10T00-28-01.68.xml");
        assertTrue(Double.isNaN(konus.raDeg), "Konus light curve: GCN's 0,0,0 = no position");
        assertEquals(59, konus.noticeType);
    }

    @Test
    void isoTimeWithOffsetAndIcrsBarycentricCoordinates() throws IOException {
        final ObservationRecord asassn = file("ASASSN_2016-09-25.47_2016fvf_PTSS-16nqb_PS16ejf.xml");
        assertEquals(nanos("2016-09-25T11:16:48Z"), asassn.observationTimeNanos);
        assertEquals("voevent.4pisky.org/ASASSN".length() > ObservationRecord.NAME_CAPACITY ? "ASASSN"
                : "voevent.4pisky.org/ASASSN", asassn.sourceFacility.toString());
        final ObservationRecord gaia = file("Gaia16aac.xml");
        assertEquals(73.29423, gaia.raDeg, 0);
        assertEquals(0.00002 * 3600, gaia.positionUncertaintyArcsec, 1e-12);
        assertEquals(-1, gaia.noticeType, "no Packet_Type param");
    }

    @Test
    void xmlThatIsNotAVoEventIsOneDeadLetterNamingTheRootElement() {
        final List<ObservationRecord> out = decode(
                "<?xml version=\"1.0\"?><quakeml><event/></quakeml>".getBytes(StandardCharsets.UTF_8), "q.xml");
        assertEquals(1, out.size());
        assertEquals("voevent: root element <quakeml> is not <VOEvent>", out.get(0).sourceError.toString());
        assertEquals("voevent:q.xml", out.get(0).observationId.toString());
    }

    @Test
    void malformedXmlAndMissingIvornAreDeadLetters() {
        final ObservationRecord broken = decode("<voe:VOEvent ivorn=\"ivo://x/y#1\"><What>".getBytes(StandardCharsets.UTF_8),
                "t/0@7").get(0);
        assertTrue(broken.sourceError.toString().startsWith("xml: not well-formed"), broken.sourceError.toString());
        final ObservationRecord noIvorn = decode("<VOEvent role=\"observation\"/>".getBytes(StandardCharsets.UTF_8), "t/0@8").get(0);
        assertEquals("ivorn: \"null\" is not an ivo:// identifier", noIvorn.sourceError.toString());
        final ObservationRecord badRole = decode("<VOEvent ivorn=\"ivo://a/b#c\" role=\"drill\"/>".getBytes(StandardCharsets.UTF_8),
                "t/0@9").get(0);
        assertEquals("role: \"drill\" is not one of observation, prediction, utility, test", badRole.sourceError.toString());
    }

    @Test
    void externalEntitiesAreNeverResolved() throws IOException {
        final Path secret = Files.createTempFile("skyring-secret", ".txt");
        Files.writeString(secret, "TOP-SECRET");
        final String xml = "<?xml version=\"1.0\"?><!DOCTYPE VOEvent [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<VOEvent ivorn=\"ivo://a/b#c\" role=\"observation\"><What><Param name=\"Packet_Type\" value=\"&x;\"/></What></VOEvent>";
        final ObservationRecord o = decode(xml.getBytes(StandardCharsets.UTF_8), "xxe").get(0);
        assertFalse(o.sourceError.isEmpty(), "an entity reference is an error, not a file read");
        assertFalse(o.sourceError.toString().contains("TOP-SECRET"));
        Files.delete(secret);
    }

    @Test
    void oversizeMessageIsRejectedUnread() {
        final byte[] big = new byte[VoEventDecoder.MAX_MESSAGE_BYTES + 1];
        final ObservationRecord o = decode(big, "t/1@2").get(0);
        assertEquals("message: 1048577 bytes exceeds the VOEvent limit of 1048576", o.sourceError.toString());
    }
}
