package org.skyring.adapters.avro;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.skyring.journal.Band;
import org.skyring.journal.ObservationRecord;
import org.skyring.testsupport.SharedData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RubinAlertDecoderTest {

    @Test
    void everyRealRubinFileDecodesWithSensibleMagnitudesAndPassesValidation() {
        final Path root = SharedData.require("lsst");
        final RubinAlertDecoder decoder = new RubinAlertDecoder(AlertFiles.NO_LIMIT, null, null);
        final Map<String, Integer> manifest = AlertFiles.manifestRecords("lsst/");
        final List<String> problems = new ArrayList<>();
        int records = 0;
        final List<Double> mags = new ArrayList<>();
        for (final Map.Entry<String, Integer> e : manifest.entrySet()) {
            if (e.getKey().contains("/schema/")) {
                continue;
            }
            final List<ObservationRecord> obs = AlertFiles.decode(decoder, root.getParent().resolve(e.getKey()));
            records += obs.size();
            assertEquals(e.getValue().intValue(), obs.size(), e.getKey());
            for (final ObservationRecord o : obs) {
                // Difference-image PSF magnitudes: bright to very faint low-SNR HSC differences (~35 AB).
                if (!(o.value > 12 && o.value < 36)) {
                    problems.add(e.getKey() + ": mag " + o.value);
                }
                mags.add(o.value);
                if (o.band == Band.NONE || Double.isNaN(o.reliability) || o.exposureId <= 0) {
                    problems.add(e.getKey() + ": band " + o.band + " reliability " + o.reliability + " visit " + o.exposureId);
                }
                final String invalid = AlertFiles.validationProblems(o);
                if (!invalid.isEmpty() && !invalid.contains("photometric_error_out_of_range")) {
                    problems.add(e.getKey() + " " + o.observationId + ": " + invalid);
                }
            }
        }
        assertEquals(100 + 188 + 7, records);
        mags.sort(null);
        final double median = mags.get(mags.size() / 2);
        assertTrue(median > 20 && median < 26, "median difference magnitude " + median);
        assertTrue(problems.isEmpty(), problems.size() + " problem(s): " + problems.subList(0, Math.min(10, problems.size())));
    }

    @Test
    void realLsstCamAlertMapsFluxToMagnitudeTimeFromTaiAndTheFlags() {
        final Path f = SharedData.require("lsst/fink_rubin_lsstcam_v9_0/169298432598474793.avro");
        final ObservationRecord o = AlertFiles.decode(new RubinAlertDecoder(AlertFiles.NO_LIMIT, null, null), f).get(0);
        // Values read with Debian's python3-avro: psfFlux 3028.18701171875 +- 572.7883911132812 nJy, band i,
        // midpointMjdTai 60924.33041372549, visit 2025090500225, detector 2, reliability 0.5048688054084778.
        assertEquals(-2.5 * Math.log10(3028.18701171875) + 31.4, o.value, 1e-12);
        assertEquals(2.5 / Math.log(10) * 572.7883911132812 / 3028.18701171875, o.valueUncertainty, 1e-12);
        assertEquals(Band.I, o.band);
        assertEquals(2025090500225L, o.exposureId);
        assertEquals(2, o.detectorId);
        assertEquals(0.5048688054084778, o.reliability, 1e-15);
        assertEquals(2.6878137588500977, o.trailLengthArcsec, 1e-12);
        final long utcNanos = Math.round((60924.33041372549 - 40587) * 86_400e9) - 37_000_000_000L;
        assertEquals(utcNanos, o.observationTimeNanos, "TAI minus 37 leap seconds");
        assertEquals("169298432598474793", o.observationId.toString());
        assertEquals("169298432598474793", o.objectId.toString());
        assertEquals(o.decDeg, -45.24411476554913, 1e-12);
    }

    /**
     * The Confluent wire format Rubin sends on Kafka: each lsst/alert_packet sample (one per schema version,
     * 3.0-11.0) is re-encoded as magic byte 0 + schema id (major*100+minor) + Avro body, and must decode through
     * the schema directory to the same observation as the container it came from.
     */
    @Test
    void confluentWireFormatResolvesEverySchemaVersionOfTheDirectory() throws IOException {
        final Path schemas = SharedData.require("lsst/schema");
        final RubinSchemaRegistry registry = RubinSchemaRegistry.of(schemas, null);
        assertEquals(List.of(300, 400, 500, 600, 601, 700, 701, 702, 703, 704, 800, 900, 1000, 1100),
                new ArrayList<>(registry.directoryIds()));
        final RubinAlertDecoder decoder = new RubinAlertDecoder(AlertFiles.NO_LIMIT, registry, null);
        for (final int id : registry.directoryIds()) {
            final Path sample = schemas.resolve(id / 100 + "/" + id % 100 + "/sample_data/fakeAlert.avro");
            final List<ObservationRecord> fromContainer = AlertFiles.decode(decoder, sample);
            final List<byte[]> framed = confluentMessages(sample, id);
            assertEquals(fromContainer.size(), framed.size());
            for (int i = 0; i < framed.size(); i++) {
                final List<ObservationRecord> fromWire = AlertFiles.decode(decoder, framed.get(i), framed.get(i).length,
                        "test/" + id + "@" + i);
                assertEquals(1, fromWire.size());
                assertEquals(org.skyring.journal.RecordText.observation(fromContainer.get(i)),
                        org.skyring.journal.RecordText.observation(fromWire.get(0)), "schema id " + id);
                assertTrue(fromWire.get(0).sourceError.isEmpty() || fromWire.get(0).sourceError.toString()
                        .startsWith("diaSource."), "schema id " + id + ": " + fromWire.get(0).sourceError);
            }
        }
    }

    /**
     * The production option: ids the directory lacks are asked of a Confluent Schema Registry. A registry
     * endpoint on 127.0.0.1 answers {@code GET /schemas/ids/900} with the lsst v9.0 schema, as Confluent does.
     */
    @Test
    void schemaIdsResolveThroughASchemaRegistryUrl() throws Exception {
        final Path schemas = SharedData.require("lsst/schema");
        final String schemaJson = AvscDirectory.parse(schemas.resolve("9/0"), "lsst.v9_0.alert.avsc").toString();
        final List<String> asked = new ArrayList<>();
        final com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/schemas/ids/", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            final boolean known = exchange.getRequestURI().getPath().endsWith("/900");
            final byte[] body = (known
                    ? new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("schema", schemaJson))
                    : "{\"error_code\":40403,\"message\":\"Schema not found\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(known ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            final String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            final RubinAlertDecoder decoder = new RubinAlertDecoder(AlertFiles.NO_LIMIT, RubinSchemaRegistry.of(null, url), null);
            final Path sample = schemas.resolve("9/0/sample_data/fakeAlert.avro");
            final byte[] message = confluentMessages(sample, 900).get(0);
            final ObservationRecord fromRegistry = AlertFiles.decode(decoder, message, message.length, "t/0@0").get(0);
            assertEquals(org.skyring.journal.RecordText.observation(AlertFiles.decode(decoder, sample).get(0)),
                    org.skyring.journal.RecordText.observation(fromRegistry));
            AlertFiles.decode(decoder, message, message.length, "t/0@1");
            assertEquals(List.of("/schemas/ids/900"), asked, "asked once, then cached");
            message[4] = 0x04; // id 772: the registry answers 404
            final ObservationRecord unknown = AlertFiles.decode(decoder, message, message.length, "t/0@2").get(0);
            assertTrue(unknown.sourceError.toString().startsWith("schema id 772 is unknown: " + url.replaceAll("/$", "")
                    + "/schemas/ids/772 answered HTTP 404"), unknown.sourceError.toString());
        } finally {
            server.stop(0);
        }
    }

    /** Writes each record of an lsst/alert_packet container as a Confluent-framed message. */
    static List<byte[]> confluentMessages(final Path container, final int schemaId) throws IOException {
        final List<byte[]> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(container);
             DataFileStream<GenericRecord> s = new DataFileStream<>(in, new GenericDatumReader<>())) {
            final Schema schema = s.getSchema();
            for (final GenericRecord r : s) {
                out.add(confluent(schema, r, schemaId));
            }
        }
        return out;
    }

    static byte[] confluent(final Schema schema, final GenericRecord r, final int schemaId) throws IOException {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0);
        bytes.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        final BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(r, enc);
        enc.flush();
        return bytes.toByteArray();
    }

    @Test
    void historyHoldsPriorSourcesAndForcedPhotometryLimits() {
        final Path f = SharedData.require("lsst/fink_enriched/part-2-918301.avro");
        final List<ObservationRecord> obs = AlertFiles.decode(new RubinAlertDecoder(AlertFiles.NO_LIMIT, null, null), f);
        assertEquals(7, obs.size());
        int withHistory = 0;
        int limits = 0;
        int dropped = 0;
        int solarSystem = 0;
        for (final ObservationRecord o : obs) {
            if (o.history.count() > 0) {
                withHistory++;
            }
            for (int i = 0; i < o.history.count(); i++) {
                assertTrue(o.history.timeNanos(i) < o.observationTimeNanos + 1, "history is prior");
                assertFalse(Double.isNaN(o.history.mag(i)));
                if (o.history.isUpperLimit(i)) {
                    limits++;
                }
            }
            dropped += o.history.dropped();
            if (o.solarSystemDistanceArcsec == 0.0) {
                solarSystem++;
            }
        }
        assertEquals(5, withHistory, "5 of the 7 carry 300-400 prvDiaSources and prvDiaForcedSources (python3-avro)");
        assertTrue(limits > 0, "forced photometry below 5 sigma gives upper limits");
        assertTrue(dropped > 0, "histories longer than 64 points keep the newest and count the rest");
        assertEquals(2, solarSystem, "2 of the 7 have a non-zero diaSource.ssObjectId (python3-avro)");
    }
}
