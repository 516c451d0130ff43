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

    /** A container holding one packet: nullable fields null, the rest zero except the fields set below. */
    private static byte[] packet(final Schema alert) throws IOException {
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
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<>(alert))) {
            w.create(alert, out);
            w.append(a);
        }
        return out.toByteArray();
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
