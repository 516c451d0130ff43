package org.skyring.adapters.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.journal.Band;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;
import org.skyring.journal.TruthLabel;

class JsonLinesRoundTripTest {
    @TempDir
    Path dir;

    /** Awkward doubles: shortest-repr edge cases, subnormals, huge, negative zero, infinities. */
    private static final double[] NASTY = {0.1 + 0.2, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -0.0,
        123456789.123456789, 1.0 / 3.0, 2.0e22, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 5e-324, 0.0};

    static ObservationRecord everyField(final SplittableRandom rnd, final int i) {
        final ObservationRecord r = new ObservationRecord();
        r.schemaVersion = 1 + i % 2;
        r.observationId.set("obs-" + i + "-\"quoted\"\\back");
        r.sourceFacility.set("ZTF");
        r.objectId.set("ZTF24aaaa" + i);
        r.observationTimeNanos = 1_709_265_906_123_456_789L + i * 1_000_003L;
        r.raDeg = i < NASTY.length ? NASTY[i] : 360 * rnd.nextDouble();
        r.decDeg = -90 + 180 * rnd.nextDouble();
        r.epochYear = 2000.0 + rnd.nextDouble();
        r.positionUncertaintyArcsec = rnd.nextDouble();
        r.measurementType = MeasurementType.values()[i % MeasurementType.values().length];
        r.value = rnd.nextDouble() * 20;
        r.valueUncertainty = rnd.nextDouble();
        r.band = Band.values()[1 + i % (Band.values().length - 1)];
        r.frequencyGhz = rnd.nextDouble() * 10;
        r.energyLowKev = rnd.nextDouble();
        r.energyHighKev = 10 * rnd.nextDouble();
        r.instrument.set("ZTF-CAM");
        r.detectorId = rnd.nextInt(64);
        r.exposureId = rnd.nextLong() & Long.MAX_VALUE;
        r.exposureTimeSec = 30;
        r.seeingArcsec = rnd.nextDouble() * 3;
        r.airmass = 1 + rnd.nextDouble();
        r.qualityFlags = rnd.nextLong() & ((1L << QualityFlag.values().length) - 1);
        r.realBogus = rnd.nextDouble();
        r.deepRealBogus = rnd.nextDouble();
        r.badPixelCount = rnd.nextInt(5);
        r.fwhmPx = rnd.nextDouble() * 5;
        r.elongation = 1 + rnd.nextDouble();
        r.magDiff = rnd.nextDouble() - 0.5;
        r.detectorX = rnd.nextDouble() * 3072;
        r.detectorY = rnd.nextDouble() * 3080;
        r.distanceToEdgePx = rnd.nextDouble() * 100;
        r.solarSystemDistanceArcsec = rnd.nextDouble() * 5;
        r.solarSystemMag = 18 + rnd.nextDouble();
        r.nearestStarDistanceArcsec = rnd.nextDouble() * 30;
        r.nearestStarScore = rnd.nextDouble();
        r.detectionCount = rnd.nextInt(100);
        r.firstDetectionTimeNanos = r.observationTimeNanos - 86_400_000_000_001L * (1 + i % 3);
        r.previousMag = 19 + rnd.nextDouble();
        r.previousTimeNanos = r.observationTimeNanos - 1;
        r.lastNonDetectionLimitMag = 20.5 + rnd.nextDouble();
        r.lastNonDetectionTimeNanos = -1_000_000_000_000_000_123L; // before 1970: floorDiv/floorMod matter
        r.reliability = rnd.nextDouble();
        r.trailLengthArcsec = rnd.nextDouble() * 10;
        r.truthLabel = TruthLabel.values()[1 + i % (TruthLabel.values().length - 1)];
        return r;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void everyFieldSurvivesWriterThenSource(final boolean isoTimes) throws IOException {
        final SplittableRandom rnd = new SplittableRandom(7);
        final List<ObservationRecord> written = new ArrayList<>();
        final Path file = dir.resolve("all.jsonl");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonLinesWriter w = new JsonLinesWriter(out, isoTimes)) {
            for (int i = 0; i < 500; i++) {
                final ObservationRecord r = everyField(rnd, i);
                written.add(r);
                w.write(r);
            }
        }
        final List<ObservationRecord> read = readAll(JsonLinesSource.open(file.toString()));
        assertEquals(written.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            final ObservationRecord r = read.get(i);
            assertTrue(r.sourceError.isEmpty(), () -> r.sourceError.toString());
            RecordAssertions.assertSameContent(written.get(i), r, RecordAssertions.PROVENANCE);
            assertEquals("jsonl", r.adapter.toString());
            assertEquals(0, r.sourcePartition);
            assertEquals(i + 1, r.sourceOffset);
        }
    }

    @Test
    void generatedNightSurvivesRoundTripIncludingInvalidRecords() throws IOException {
        final NightGenerator gen = new NightGenerator(SyntheticCatalog.generate(20_000, 3), 11, 1_700_000_000_000_000_000L);
        final GeneratedNightSource src = new GeneratedNightSource(gen, 5_000);
        final List<ObservationRecord> written = readAll(src);
        final Path file = dir.resolve("night.jsonl");
        try (JsonLinesWriter w = new JsonLinesWriter(Files.newOutputStream(file))) {
            written.forEach(w::write);
        }
        final List<ObservationRecord> read = readAll(JsonLinesSource.open(file.toString()));
        assertEquals(written.size(), read.size());
        assertTrue(gen.count(TruthLabel.INVALID) > 0);
        for (int i = 0; i < read.size(); i++) {
            assertTrue(read.get(i).sourceError.isEmpty(), read.get(i).sourceError.toString());
            RecordAssertions.assertSameContent(written.get(i), read.get(i), RecordAssertions.PROVENANCE);
        }
    }

    @Test
    void isoTimesKeepNanosecondsAndOffsets() throws IOException {
        final Path file = dir.resolve("t.jsonl");
        Files.writeString(file, "{\"observation_id\":\"a\",\"observation_time\":\"2024-03-01T04:05:06.123456789Z\"}\n"
                + "{\"observation_id\":\"b\",\"observation_time\":\"2024-03-01T05:05:06.5+01:00\"}\n"
                + "{\"observation_id\":\"c\",\"observation_time_ns\":1709265906123456789,"
                + "\"received_time_ns\":5,\"adapter\":\"kafka\"}\n");
        final List<ObservationRecord> read = readAll(JsonLinesSource.open(file.toString()));
        assertEquals(1_709_265_906_123_456_789L, read.get(0).observationTimeNanos);
        assertEquals(1_709_265_906_500_000_000L, read.get(1).observationTimeNanos);
        assertEquals(1_709_265_906_123_456_789L, read.get(2).observationTimeNanos);
        assertEquals(ObservationRecord.NO_TIME, read.get(2).receivedTimeNanos, "received time is the engine's job");
        assertEquals("jsonl", read.get(2).adapter.toString());
        read.forEach(r -> assertTrue(r.sourceError.isEmpty(), r.sourceError.toString()));
    }

    @Test
    void directoriesAndGlobsAreSortedAndNumbered() throws IOException {
        Files.createDirectories(dir.resolve("n/sub"));
        Files.writeString(dir.resolve("n/b.jsonl"), "{\"observation_id\":\"b1\"}\n\n{\"observation_id\":\"b3\"}");
        Files.writeString(dir.resolve("n/a.json"), "{\"observation_id\":\"a1\"}\r\n");
        Files.writeString(dir.resolve("n/sub/c.jsonl"), "{\"observation_id\":\"c1\"}\n");
        Files.writeString(dir.resolve("n/notes.txt"), "not json\n");

        final List<ObservationRecord> all = readAll(JsonLinesSource.open(dir.resolve("n").toString()));
        assertEquals(List.of("a1", "b1", "b3", "c1"), all.stream().map(r -> r.observationId.toString()).toList());
        assertEquals(List.of(0, 1, 1, 2), all.stream().map(r -> r.sourcePartition).toList());
        assertEquals(List.of(1L, 1L, 3L, 1L), all.stream().map(r -> r.sourceOffset).toList(), "blank lines count");

        final JsonLinesSource glob = JsonLinesSource.open(dir.resolve("n").toString() + "/*.jsonl");
        assertEquals(1, glob.files().size());
        assertEquals(2, readAll(glob).size());
        assertEquals(2, JsonLinesSource.open(dir.resolve("n").toString() + "/**.jsonl").files().size());
    }

    static List<ObservationRecord> readAll(final org.skyring.engine.port.ObservationSource src) {
        final List<ObservationRecord> out = new ArrayList<>();
        src.open();
        try {
            final ObservationRecord r = new ObservationRecord();
            while (!src.isExhausted()) {
                if (src.poll(r)) {
                    final ObservationRecord copy = new ObservationRecord();
                    copy.copyFrom(r);
                    out.add(copy);
                    r.clear();
                }
            }
            assertFalse(src.poll(r));
        } finally {
            src.close();
        }
        return out;
    }
}
