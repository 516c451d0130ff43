package org.skyring.adapters.avro;

import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.skyring.journal.Band;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;
import org.skyring.testsupport.SharedData;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZtfAlertDecoderTest {
    private final ZtfAlertDecoder decoder = new ZtfAlertDecoder(AlertFiles.NO_LIMIT, null);

    @Test
    void everyRealZtfFileDecodesToTheManifestRecordCountAndPassesValidation() {
        final Path root = SharedData.require("ztf");
        final Map<String, Integer> manifest = AlertFiles.manifestRecords("ztf/");
        final List<String> problems = new ArrayList<>();
        int files = 0;
        int records = 0;
        for (final Map.Entry<String, Integer> e : manifest.entrySet()) {
            if (e.getKey().startsWith("ztf/corrupt/")) {
                continue;
            }
            final List<ObservationRecord> obs = AlertFiles.decode(decoder, root.getParent().resolve(e.getKey()));
            files++;
            records += obs.size();
            if (obs.size() != e.getValue()) {
                problems.add(e.getKey() + ": " + obs.size() + " observations, manifest says " + e.getValue());
            }
            for (final ObservationRecord o : obs) {
                final String invalid = AlertFiles.validationProblems(o);
                if (!invalid.isEmpty()) {
                    problems.add(e.getKey() + " " + o.observationId + ": " + invalid);
                }
            }
        }
        assertEquals(130 + 745 + 8, files, "ZTF files in MANIFEST.tsv (native, fink re-encoded, fink enriched)");
        assertEquals(132 + 745 + 156, records);
        assertTrue(problems.isEmpty(), problems.size() + " problem(s): " + problems.subList(0, Math.min(10, problems.size())));
    }

    @Test
    void sameRecordsAsAvrosDataFileStreamForEveryFile() throws Exception {
        final Path root = SharedData.require("ztf");
        for (final Path f : AlertFiles.avroFiles(root)) {
            if (f.toString().contains("/corrupt/")) {
                continue;
            }
            final byte[] bytes = Files.readAllBytes(f);
            final List<Long> expected = new ArrayList<>();
            try (DataFileStream<GenericRecord> s = new DataFileStream<>(new ByteArrayInputStream(bytes),
                    new GenericDatumReader<>())) {
                for (final GenericRecord r : s) {
                    expected.add(((Number) r.get("candid")).longValue());
                }
            }
            final List<Long> actual = AlertFiles.decode(decoder, f).stream()
                    .map(o -> Long.parseLong(o.observationId.toString())).toList();
            assertEquals(expected, actual, f.toString());
        }
    }

    @Test
    void ztf17aaajnnnDecodesToTheSameObservationFromSchemaVersions30To33() {
        final Path dir = SharedData.require("ztf/native/ztf-avro-alert");
        final List<ObservationRecord> versions = new ArrayList<>();
        for (final String v : List.of("3.0", "3.1", "3.2", "3.3")) {
            final List<ObservationRecord> obs = AlertFiles.decode(decoder, dir.resolve("472263571115115000_v" + v + ".avro"));
            assertEquals(1, obs.size(), v);
            versions.add(obs.get(0));
        }
        final ObservationRecord v30 = versions.get(0);
        assertEquals("472263571115115000", v30.observationId.toString());
        assertEquals("ZTF17aaajnnn", v30.objectId.toString());
        assertEquals(Band.R, v30.band);
        assertEquals(11, v30.detectorId);
        assertEquals(472263571115L, v30.exposureId);
        assertTrue(v30.history.count() > 0);
        for (int i = 1; i < versions.size(); i++) {
            final ObservationRecord v = versions.get(i);
            final ObservationRecord expected = new ObservationRecord();
            expected.copyFrom(v30);
            // The only documented differences: exptime exists from schema 3.1, drb is filled from 3.3.
            expected.exposureTimeSec = v.exposureTimeSec;
            expected.deepRealBogus = v.deepRealBogus;
            assertEquals(org.skyring.journal.RecordText.observation(expected), org.skyring.journal.RecordText.observation(v),
                    "schema 3." + i + " vs 3.0");
            assertTrue(expected.history.contentEquals(v.history), "history 3." + i);
            assertEquals(v30.observationTimeNanos, v.observationTimeNanos);
            assertEquals(v30.previousMag, v.previousMag);
            assertEquals(v30.lastNonDetectionTimeNanos, v.lastNonDetectionTimeNanos);
        }
        assertTrue(Double.isNaN(v30.exposureTimeSec), "3.0 has no exptime");
        assertEquals(30.0, versions.get(1).exposureTimeSec);
        assertTrue(Double.isNaN(versions.get(2).deepRealBogus), "3.2 declares drb but this packet leaves it null");
        assertEquals(0.9876449704170227, versions.get(3).deepRealBogus, 1e-12);
    }

    @Test
    void snappyContainersDecodeEveryRecord() {
        final Path dir = SharedData.require("ztf/fink_enriched");
        int total = 0;
        for (final Path f : AlertFiles.avroFiles(dir)) {
            if (f.getFileName().toString().startsWith("sample_snappy")) {
                final List<ObservationRecord> obs = AlertFiles.decode(decoder, f);
                obs.forEach(o -> assertTrue(o.sourceError.isEmpty(), o.sourceError.toString()));
                total += obs.size();
            }
        }
        assertEquals(110, total, "110 alerts in the two snappy containers (PROVENANCE.md)");
    }

    @Test
    void multiRecordContainerGivesOneObservationPerAlert() {
        final Path f = SharedData.require("ztf/native/fink_client/avro_multi_alerts_other.avro");
        final List<ObservationRecord> obs = AlertFiles.decode(decoder, f);
        assertEquals(3, obs.size());
        assertEquals(3, obs.stream().map(o -> o.observationId.toString()).distinct().count());
    }

    @Test
    void sentinelsAndNullsReadAsAbsentAndNegativeSubtractionIsFlagged() {
        final Path root = SharedData.require("ztf/native");
        int negative = 0;
        int noSolarSystem = 0;
        for (final Path f : AlertFiles.avroFiles(root)) {
            for (final ObservationRecord o : AlertFiles.decode(decoder, f)) {
                assertFalse(o.solarSystemDistanceArcsec == -999.0 || o.nearestStarScore == -999.0
                        || o.nearestStarDistanceArcsec == -999.0 || o.solarSystemMag == -999.0, o.observationId.toString());
                if (o.hasFlag(QualityFlag.NEGATIVE_SUBTRACTION)) {
                    negative++;
                }
                if (Double.isNaN(o.solarSystemDistanceArcsec)) {
                    noSolarSystem++;
                }
            }
        }
        assertTrue(negative > 0, "some real alerts are negative subtractions (isdiffpos f/0)");
        assertTrue(noSolarSystem > 0, "ssdistnr -999 reads as absent");
    }
}
