package org.skyring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.testsupport.SharedData;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code skyring run --input voevent:DIR --until-idle} on the real notices, plus XML that is not a VOEvent. */
class VoEventRunTest {
    @TempDir
    Path tmp;

    @Test
    void everyNoticeIsArchivedTheStrangerIsDeadLetteredAndTheSummaryReconciles() throws Exception {
        final Path notices = SharedData.require("voevent");
        final Path extra = Files.createDirectories(tmp.resolve("extra/nested"));
        Files.writeString(extra.resolve("quake.xml"), "<?xml version=\"1.0\"?><q:quakeml xmlns:q=\"http://quakeml.org\"/>");
        Files.writeString(extra.resolve("ignored.txt"), "not an .xml file: not read");
        final Path summary = tmp.resolve("s.json");
        final int exit = new CommandLine(new SkyringCli()).execute("run", "--input", "voevent:" + notices,
                "--input", "voevent:" + tmp.resolve("extra"), "--dir", tmp.resolve("data").toString(), "--until-idle",
                "--summary", summary.toString());
        assertEquals(0, exit);
        final JsonNode s = new ObjectMapper().readTree(summary.toFile());
        final JsonNode obs = s.path("observations");
        assertEquals(21, obs.path("received").asLong());
        assertEquals(0, obs.path("duplicates").asLong());
        final long archive = s.path("destinations").path("archive").asLong();
        final long rejected = s.path("destinations").path("rejected").asLong();
        assertEquals(20, archive, "every real notice is kept, with or without a position");
        assertEquals(1, rejected);
        assertEquals(obs.path("received").asLong() - obs.path("duplicates").asLong(), archive + rejected);
        assertEquals(1, s.path("rejected").path("by_reason").path("malformed_field").asLong());
    }
}
