package org.skyring.adapters.avro;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.adapters.AlertDecoder;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.ObservationRecord;
import org.skyring.testsupport.SharedData;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad input becomes exactly one dead-letter observation naming the step, the value and the place. */
class BadInputTest {
    private static final int LIMIT = SkyringConfig.loadDefault().avro().maxMessageBytes();
    private final ZtfAlertDecoder ztf = new ZtfAlertDecoder(LIMIT, null);

    @TempDir
    Path tmp;

    private static ObservationRecord single(final List<ObservationRecord> obs) {
        assertEquals(1, obs.size(), "exactly one observation");
        final ObservationRecord o = obs.get(0);
        assertFalse(o.sourceError.isEmpty(), "dead letter carries a source error");
        assertTrue(AlertFiles.validationProblems(o).startsWith("malformed_field: "), AlertFiles.validationProblems(o));
        assertTrue(o.sourceError.length() <= ObservationRecord.ERROR_CAPACITY && !o.sourceError.wasTruncated());
        return o;
    }

    @Test
    void eachCorruptZtfFileIsOneDeadLetterNamingTheBlockAndTheFile() {
        final Path dir = SharedData.require("ztf/corrupt");
        final List<Path> files = AlertFiles.avroFiles(dir);
        assertEquals(3, files.size());
        for (final Path f : files) {
            final ObservationRecord o = single(AlertFiles.decode(ztf, f));
            final String error = o.sourceError.toString();
            assertTrue(error.startsWith("avro block 1 (count=1, size="), error);
            assertTrue(error.contains(f.getFileName().toString() + " record 1]"), error);
            assertTrue(o.observationId.toString().startsWith("bad-"), o.observationId.toString());
        }
    }

    @Test
    void truncatedMessagesAreOneDeadLetterEach() throws IOException {
        final byte[] alert = Files.readAllBytes(SharedData.require(
                "ztf/native/ztf-avro-alert/472263571115115000_v3.3.avro"));
        for (final int cut : new int[] {2, 10, 300, alert.length / 2, alert.length - 20, alert.length - 1}) {
            final ObservationRecord o = single(AlertFiles.decode(ztf, alert, cut, "truncated-" + cut));
            assertTrue(o.sourceError.toString().contains("truncated-" + cut + " record 1]"), o.sourceError.toString());
        }
    }

    @Test
    void confluentFramingErrorsNameTheMagicByteAndTheSchemaId() throws IOException {
        final Path schemas = SharedData.require("lsst/schema");
        final RubinAlertDecoder rubin = new RubinAlertDecoder(LIMIT, RubinSchemaRegistry.of(schemas, null), null);
        final byte[] good = RubinAlertDecoderTest.confluentMessages(
                schemas.resolve("9/0/sample_data/fakeAlert.avro"), 900).get(0);
        assertTrue(AlertFiles.decode(rubin, good, good.length, "ok").get(0).sourceError.isEmpty());

        final byte[] unknownId = good.clone();
        unknownId[4] = 0x04; // 900 = 0x0384 -> 0x0304 = 772
        assertTrue(single(AlertFiles.decode(rubin, unknownId, unknownId.length, "topic/0@1")).sourceError.toString()
                .startsWith("schema id 772 is unknown: not in "));

        final byte[] wrongMagic = good.clone();
        wrongMagic[0] = 0x07;
        assertTrue(single(AlertFiles.decode(rubin, wrongMagic, wrongMagic.length, "topic/0@2")).sourceError.toString()
                .startsWith("confluent framing: magic byte 0x7 is not 0x00"));

        assertTrue(single(AlertFiles.decode(rubin, good, 3, "topic/0@3")).sourceError.toString()
                .startsWith("confluent framing: 3-byte message is shorter than the 5-byte header"));
        final String truncated = single(AlertFiles.decode(rubin, good, good.length - 100, "topic/0@4"))
                .sourceError.toString();
        assertTrue(truncated.startsWith("avro body (schema id 900): "), truncated);

        final RubinAlertDecoder noRegistry = new RubinAlertDecoder(LIMIT, RubinSchemaRegistry.of(null, ""), null);
        assertTrue(single(AlertFiles.decode(noRegistry, good, good.length, "topic/0@5")).sourceError.toString()
                .contains("no avro.rubin_schema_registry_url"));
        // A ZTF decoder fed a Rubin message says what it expected.
        assertTrue(single(AlertFiles.decode(ztf, good, good.length, "topic/0@6")).sourceError.toString()
                .startsWith("avro container: first bytes 00 00 00 03 is not the container magic"));
    }

    @Test
    void aFiftyMegabyteMessageIsDeadLetteredUnreadByDecoderAndFileSource() throws IOException {
        final byte[] huge = new byte[50 << 20];
        System.arraycopy(new byte[] {'O', 'b', 'j', 1}, 0, huge, 0, 4);
        for (final AlertDecoder d : List.of(ztf, new RubinAlertDecoder(LIMIT, null, null))) {
            final String error = single(AlertFiles.decode(d, huge, huge.length, "topic/1@7")).sourceError.toString();
            assertTrue(error.startsWith("message: 52428800 bytes exceeds avro.max_message_bytes=" + LIMIT), error);
        }
        final Path file = tmp.resolve("huge.avro");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(50L << 20); // sparse: the source must not read it
        }
        final AlertFileSource source = AlertFileSource.open(ztf, file.toString(), LIMIT, null);
        final ObservationRecord o = new ObservationRecord();
        assertTrue(source.poll(o));
        assertTrue(o.sourceError.toString().contains("(file not read)"), o.sourceError.toString());
        assertEquals(0, o.sourcePartition);
        assertEquals(1, o.sourceOffset);
        assertFalse(source.poll(o));
        assertTrue(source.isExhausted());
    }

    /** Random corruption of a real packet: the decoder never throws and always emits at least one record. */
    @Test
    void randomlyCorruptedPacketsNeverThrow() throws IOException {
        final byte[] alert = Files.readAllBytes(SharedData.require(
                "ztf/native/ztf-avro-alert/472263571115115000_v3.3.avro"));
        final Random random = new Random(42);
        int deadLetters = 0;
        for (int i = 0; i < 300; i++) {
            final byte[] bad = Arrays.copyOf(alert, alert.length);
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            final List<ObservationRecord> obs = AlertFiles.decode(ztf, bad, bad.length, "fuzz-" + i);
            assertTrue(obs.size() >= 1);
            if (!obs.get(obs.size() - 1).sourceError.isEmpty()) {
                deadLetters++;
            }
        }
        assertTrue(deadLetters > 0, "some corruptions are detected");
    }
}
