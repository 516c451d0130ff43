package org.skyring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;
import org.skyring.testsupport.SharedData;
import picocli.CommandLine;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proof of issue 4 through the real CLI: {@code skyring run --input ztf-avro:../shared/data/ztf --until-idle
 * --summary s.json} (and the Rubin files through config/examples/rubin-files.yaml) processes every record, the
 * summary reconciles, the corrupt files are dead-lettered with their reason, the run exits 0, and
 * {@code skyring cutout} returns the exact stamp bytes.
 */
class AvroRunTest {
    @TempDir
    Path tmp;

    private static int skyring(final String... args) {
        return new CommandLine(new SkyringCli()).execute(args);
    }

    private static List<String> iterableNames(final JsonNode node) {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Path projectFile(final String relative) {
        return Path.of(System.getProperty("skyring.project.dir", "..")).resolve(relative);
    }

    @Test
    void ztfArchiveRunReconcilesDeadLettersTheCorruptFilesAndKeepsCutouts() throws Exception {
        final Path ztf = SharedData.require("ztf");
        final Path data = tmp.resolve("data");
        final Path summary = tmp.resolve("s.json");
        assertEquals(0, skyring("run", "--config", projectFile("config/examples/ztf-files.yaml").toString(),
                "--input", "ztf-avro:" + ztf, "--dir", data.toString(), "--until-idle", "--summary", summary.toString()));

        final JsonNode s = new ObjectMapper().readTree(summary.toFile());
        final long received = s.at("/observations/received").asLong();
        final long duplicates = s.at("/observations/duplicates").asLong();
        final long archive = s.at("/destinations/archive").asLong();
        final long rejected = s.at("/rejected/total").asLong();
        assertEquals(1033 + 3, received, "every record of MANIFEST.tsv plus one dead letter per corrupt file");
        // Same candid in several files: ZTF17aaajnnn in 4 encodings (3 repeats), two more alerts in 2 (1 each).
        assertEquals(5, duplicates);
        assertEquals(received - duplicates, archive + rejected, "archive + rejected == received - duplicates");
        assertEquals(0, s.at("/observations/unaccounted").asLong());
        assertEquals(3, rejected);
        assertEquals(3, s.at("/rejected/by_reason/malformed_field").asLong());

        final List<String> deadLetters = new ArrayList<>();
        try (ChronicleQueue q = JournalSet.openQueue(data, Destination.REJECTED.queueName(), RollCycles.FAST_HOURLY);
             JournalCursor cursor = new JournalCursor(q)) {
            final DecisionRecord d = new DecisionRecord();
            final ObservationRecord o = new ObservationRecord();
            while (cursor.nextRouted(d, o)) {
                deadLetters.add(o.sourceError + " | " + d.rejectDetail);
            }
        }
        assertEquals(3, deadLetters.size());
        for (final String name : List.of("516401801315010009.avro", "516442330015015017.avro", "516476004815015005.avro")) {
            assertTrue(deadLetters.stream().anyMatch(t -> t.contains("corrupt/" + name + " record 1]")
                    && t.contains("malformed_field: avro block 1")), name + " in " + deadLetters);
        }

        final Path out = tmp.resolve("stamps");
        assertEquals(0, skyring("cutout", "--dir", data.toString(), "--id", "472263571115115000", "--out", out.toString()));
        final Path packet = ztf.resolve("native/ztf-avro-alert/472263571115115000_v3.3.avro");
        try (InputStream in = Files.newInputStream(packet);
             DataFileStream<GenericRecord> alerts = new DataFileStream<>(in, new GenericDatumReader<>())) {
            final GenericRecord alert = alerts.next();
            for (final String kind : List.of("Science", "Template", "Difference")) {
                final ByteBuffer expected = (ByteBuffer) ((GenericRecord) alert.get("cutout" + kind)).get("stampData");
                final byte[] bytes = Arrays.copyOfRange(expected.array(), expected.arrayOffset() + expected.position(),
                        expected.arrayOffset() + expected.limit());
                final Path file = out.resolve("472263571115115000-" + kind.toLowerCase() + ".fits.gz");
                assertArrayEquals(bytes, Files.readAllBytes(file), kind + " stamp, byte for byte");
                assertEquals(0x1f, bytes[0] & 0xff, "gzipped FITS");
            }
        }
        assertEquals(1, skyring("cutout", "--dir", data.toString(), "--id", "no-such-id", "--out", out.toString()));
    }

    @Test
    void rubinFilesRunThroughTheExampleConfigAndReconcile() throws Exception {
        final Path lsst = SharedData.require("lsst");
        final Path data = tmp.resolve("data");
        final Path summary = tmp.resolve("s.json");
        assertEquals(0, skyring("run", "--config", projectFile("config/examples/rubin-files.yaml").toString(),
                "--input", "rubin-avro:" + lsst, "--dir", data.toString(), "--until-idle", "--summary", summary.toString()));
        final JsonNode s = new ObjectMapper().readTree(summary.toFile());
        final long received = s.at("/observations/received").asLong();
        // 100 LSSTCam + 188 HSC + 7 enriched real alerts, and 14 lsst/alert_packet sample containers (one per
        // schema version) holding 16 synthetic alerts.
        assertEquals(295 + 14, received);
        assertEquals(received - s.at("/observations/duplicates").asLong(),
                s.at("/destinations/archive").asLong() + s.at("/rejected/total").asLong());
        assertEquals(0, s.at("/observations/unaccounted").asLong());
        // The only rejections are faint difference sources with a magnitude error >= 1 (validation.
        // max_photometric_error_mag, ALeRCE): nothing is malformed.
        final JsonNode reasons = s.at("/rejected/by_reason");
        assertEquals(List.of("photometric_error_out_of_range"), iterableNames(reasons), s.toString());
        assertTrue(s.at("/destinations/archive").asLong() >= 250, s.toString());

        // Restarted on the same directory with the same files: every record is a duplicate, nothing is routed twice.
        final Path again = tmp.resolve("again.json");
        assertEquals(0, skyring("run", "--config", projectFile("config/examples/rubin-files.yaml").toString(),
                "--input", "rubin-avro:" + lsst, "--dir", data.toString(), "--until-idle", "--summary", again.toString()));
        final JsonNode s2 = new ObjectMapper().readTree(again.toFile());
        assertEquals(received, s2.at("/observations/received").asLong());
        assertEquals(received, s2.at("/observations/duplicates").asLong());
        assertEquals(0, s2.at("/destinations/archive").asLong() + s2.at("/rejected/total").asLong());

        final Path out = tmp.resolve("stamps");
        assertEquals(0, skyring("cutout", "--dir", data.toString(), "--id", "169298432598474793", "--out", out.toString()));
        final byte[] fits = Files.readAllBytes(out.resolve("169298432598474793-difference.fits"));
        assertEquals(34560, fits.length, "Rubin difference stamp as python3-avro reads it");
        assertEquals("SIMPLE", new String(fits, 0, 6, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
