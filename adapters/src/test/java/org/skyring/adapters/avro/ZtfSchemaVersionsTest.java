package org.skyring.adapters.avro;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.skyring.journal.Band;
import org.skyring.journal.ObservationRecord;
import org.skyring.testsupport.SharedData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every ZTF schema version of ../shared/data/ztf/schema (1.5 ... 4.02, 12 of them, some without a real sample
 * packet) parses, and a packet written with it decodes to the values written.
 */
class ZtfSchemaVersionsTest {

    @Test
    void aPacketOfEachOfTheTwelveSchemaVersionsDecodes() throws IOException {
        final Path root = SharedData.require("ztf/schema");
        final List<Path> versions;
        try (Stream<Path> s = Files.list(root)) {
            versions = s.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(12, versions.size(), versions.toString());
        final ZtfAlertDecoder decoder = new ZtfAlertDecoder(AlertFiles.NO_LIMIT, null);
        for (final Path v : versions) {
            final Schema alert = AvscDirectory.parse(v, "alert.avsc");
            final byte[] packet = packet(alert);
            final List<ObservationRecord> obs = AlertFiles.decode(decoder, packet, packet.length, v.toString());
            assertEquals(1, obs.size(), v.toString());
            final ObservationRecord o = obs.get(0);
            assertTrue(o.sourceError.isEmpty(), v + ": " + o.sourceError);
            assertEquals("1234567890123456789", o.observationId.toString(), v.toString());
            assertEquals("ZTF26aaaaaaa", o.objectId.toString());
            assertEquals(Band.R, o.band);
            assertEquals(18.5, o.value, 1e-6);
            assertEquals(0.05, o.valueUncertainty, 1e-6);
            assertEquals(150.25, o.raDeg, 0.0);
            assertEquals(2.5, o.decDeg, 0.0);
            assertEquals(0.8, o.realBogus, 1e-6);
            assertTrue(Double.isNaN(o.solarSystemDistanceArcsec), "-999 -> absent");
            assertEquals(1, o.history.count(), v + ": one prior upper limit");
            assertTrue(o.history.isUpperLimit(0));
            assertEquals("", AlertFiles.validationProblems(o), v.toString());
        }
    }

    /**
     * Schema 4.02's forced photometry (fp_hists) joins the history: detections and limits computed from flux, error
     * and zero point as documented, and every point that must be left out is.
     */
    @Test
    void forcedPhotometryOfSchema402BecomesDetectionsAndUpperLimits() throws IOException {
        final Schema alert = AvscDirectory.parse(SharedData.require("ztf/schema/v4.02"), "alert.avsc");
        final GenericRecord a = packetRecord(alert); // candidate jd 2461000.5, one prv upper limit at 2460999.5 (r)
        final Schema fpSchema = SchemaProjection.recordOf(alert.getField("fp_hists").schema());
        final List<GenericRecord> fp = new ArrayList<>();
        // {jd, fid, flux, unc, zero point, procstatus}
        final Object[][] points = {
            {2460990.5, 1, 1000.0f, 50.0f, 26.0f, "0"},      // SNR 20, g: detection at 26 - 2.5 log10(1000) = 18.5
            {2460995.5, 2, 100.0f, 40.0f, 26.2f, "0"},       // SNR 2.5, r: limit 26.2 - 2.5 log10(200) = 20.447
            {2460996.5, 2, 1000.0f, 50.0f, 26.0f, "56"},     // processing warning: left out
            {2460997.5, 2, -99999.0f, 50.0f, 26.0f, "0"},    // failed fit: left out
            {2460998.5, 2, -1000.0f, 50.0f, 26.0f, "0"},     // significant negative (fading): left out
            {2460999.5, 2, 30.0f, 40.0f, 26.0f, "0"},        // the exposure prv_candidates already has: left out
            {2461000.5, 2, 2000.0f, 50.0f, 26.0f, "0"},      // this alert's own exposure: left out
            {2460994.5, 2, 500.0f, 50.0f, null, "0"},        // no zero point: left out
        };
        for (final Object[] v : points) {
            final GenericRecord f = (GenericRecord) fill(fpSchema);
            set(f, "jd", v[0]);
            set(f, "fid", v[1]);
            set(f, "forcediffimflux", v[2]);
            set(f, "forcediffimfluxunc", v[3]);
            set(f, "magzpsci", v[4]);
            set(f, "procstatus", v[5]);
            set(f, "exptime", 30.0f);
            fp.add(f);
        }
        a.put("fp_hists", fp);
        final byte[] packet = container(alert, a);
        final ZtfAlertDecoder decoder = new ZtfAlertDecoder(AlertFiles.NO_LIMIT, null);
        final ObservationRecord o = AlertFiles.decode(decoder, packet, packet.length, "fp").get(0);
        assertTrue(o.sourceError.isEmpty(), o.sourceError.toString());
        assertEquals(3, o.history.count(), "the prv limit, one forced detection, one forced limit: " + o.history);
        // sorted by time: forced g detection, forced r limit, prv r limit
        assertFalse(o.history.isUpperLimit(0));
        assertEquals(Band.G, o.history.band(0));
        assertEquals(18.5, o.history.mag(0), 1e-5);
        assertEquals(1.0857362 * 50.0 / 1000.0, o.history.magError(0), 1e-6);
        assertEquals(ZtfAlertDecoder.midExposureNanos(2460990.5, 30.0), o.history.timeNanos(0));
        assertTrue(o.history.isUpperLimit(1));
        assertEquals(Band.R, o.history.band(1));
        assertEquals(26.2 - 2.5 * Math.log10(200.0), o.history.mag(1), 1e-5);
        assertTrue(o.history.isUpperLimit(2));
        assertEquals(20.1, o.history.mag(2), 1e-5, "the prv_candidates limit");
        assertEquals(20.1, o.lastNonDetectionLimitMag, 1e-5, "the latest non-detection is still prv's");
        assertTrue(Double.isNaN(o.previousMag), "no earlier r detection: the g one is another band");
        assertEquals("", AlertFiles.validationProblems(o));
    }

    /** A container holding one packet: nullable fields null, the rest zero except the fields set below. */
    private static byte[] packet(final Schema alert) throws IOException {
        return container(alert, packetRecord(alert));
    }

    private static byte[] container(final Schema alert, final GenericRecord a) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(alert))) {
            w.create(alert, out);
            w.append(a);
        }
        return out.toByteArray();
    }

    private static GenericRecord packetRecord(final Schema alert) {
        final GenericRecord a = (GenericRecord) fill(alert);
        a.put("objectId", "ZTF26aaaaaaa");
        a.put("candid", 1234567890123456789L);
        final GenericRecord c = (GenericRecord) a.get("candidate");
        set(c, "candid", 1234567890123456789L);
        set(c, "jd", 2461000.5);
        set(c, "fid", 2);
        set(c, "ra", 150.25);
        set(c, "dec", 2.5);
        set(c, "magpsf", 18.5f);
        set(c, "sigmapsf", 0.05f);
        set(c, "rb", 0.8f);
        set(c, "isdiffpos", "t");
        set(c, "ssdistnr", -999.0f);
        final Schema prvArray = SchemaProjection.recordOf(alert.getField("prv_candidates").schema());
        final GenericRecord p = (GenericRecord) fill(prvArray);
        set(p, "jd", 2460999.5);
        set(p, "fid", 2);
        set(p, "diffmaglim", 20.1f);
        final List<GenericRecord> prv = new ArrayList<>();
        prv.add(p);
        a.put("prv_candidates", prv);
        return a;
    }

    private static void set(final GenericRecord r, final String field, final Object value) {
        if (r.getSchema().getField(field) != null) {
            r.put(field, value);
        }
    }

    private static Object fill(final Schema s) {
        switch (s.getType()) {
            case RECORD: {
                final GenericRecord r = new GenericData.Record(s);
                for (final Schema.Field f : s.getFields()) {
                    r.put(f.pos(), fill(f.schema()));
                }
                return r;
            }
            case UNION:
                return s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL) ? null : fill(s.getTypes().get(0));
            case ARRAY: return new ArrayList<>();
            case MAP: return new java.util.HashMap<>();
            case STRING: return "";
            case BYTES: return ByteBuffer.allocate(0);
            case INT: return 0;
            case LONG: return 0L;
            case FLOAT: return 0f;
            case DOUBLE: return 0.0;
            case BOOLEAN: return false;
            default: throw new IllegalArgumentException("unexpected type in a ZTF schema: " + s);
        }
    }
}
