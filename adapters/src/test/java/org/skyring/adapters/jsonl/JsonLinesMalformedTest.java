package org.skyring.adapters.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.journal.Band;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;

class JsonLinesMalformedTest {
    @TempDir
    Path dir;

    private List<ObservationRecord> read(final String... lines) throws IOException {
        final Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return JsonLinesRoundTripTest.readAll(JsonLinesSource.open(file.toString()));
    }

    private static void assertError(final ObservationRecord r, final String id, final long line, final String error) {
        assertEquals(id, r.observationId.toString(), "id of line " + line);
        assertEquals(line, r.sourceOffset);
        assertTrue(r.sourceError.toString().contains(error),
                () -> "line " + line + ": expected error containing <" + error + "> but was <" + r.sourceError + ">");
    }

    @Test
    void badLinesAreReportedWithFieldAndValueAndReadingGoesOn() throws IOException {
        final List<ObservationRecord> out = read(
                "{\"observation_id\":\"ok1\",\"dec_deg\":95.0}",
                "{\"observation_id\":\"a2\",\"dec_deg\":\"abc\"}",
                "{\"observation_id\":\"a3\",\"isdiffpos\":\"x\"}",
                "{\"observation_id\":\"a4\",\"fid\":4}",
                "{\"observation_id\":\"a5\",\"band\":\"q\"}",
                "{\"observation_id\":\"a6\",\"measurement_type\":\"gamma\"}",
                "{\"observation_id\":\"a7\",\"colour\":\"red\"}",
                "{\"ra_deg\": 1.0, \"dec_deg\": ",
                "not json at all",
                "",
                "{\"quality_flags\":[\"DIPOLE\",\"NOPE\"],\"observation_id\":\"a11\"}",
                "{\"detector_id\": 3.5, \"observation_id\":\"a12\"}",
                "{\"observation_time\": \"yesterday\", \"observation_id\":\"a13\"}",
                "{\"observation_id\":\"a14\",\"value\":{\"nested\":[1,2]},\"ra_deg\":true}",
                "[1,2,3]",
                "{\"observation_id\":\"a16\"} {\"observation_id\":\"again\"}",
                "{\"observation_id\":\"ok17\",\"isdiffpos\":\"t\",\"fid\":2}");
        assertEquals(16, out.size(), "blank line skipped, nothing else lost");

        assertTrue(out.get(0).sourceError.isEmpty(), "dec 95 is the validation stage's business");
        assertEquals(95.0, out.get(0).decDeg);
        assertError(out.get(1), "a2", 2, "dec_deg: expected a number, got \"abc\"");
        assertError(out.get(2), "a3", 3, "isdiffpos: \"x\" is not one of t,f,1,0");
        assertError(out.get(3), "a4", 4, "fid: 4 is not one of 1,2,3");
        assertError(out.get(4), "a5", 5, "band: \"q\" is not one of");
        assertError(out.get(5), "a6", 6, "measurement_type: \"gamma\" is not one of optical_photometry,radio,xray,archival");
        assertError(out.get(6), "a7", 7, "colour: unknown field (value \"red\")");
        assertError(out.get(7), "bad.jsonl:8", 8, "dec_deg: malformed JSON");
        assertError(out.get(8), "bad.jsonl:9", 9, "line: malformed JSON");
        // line 10 is blank
        assertError(out.get(9), "a11", 11, "quality_flags: \"NOPE\" is not one of");
        assertTrue(out.get(9).hasFlag(QualityFlag.DIPOLE), "the valid flag before the bad one is kept");
        assertError(out.get(10), "a12", 12, "detector_id: expected a 32-bit integer, got 3.5");
        assertError(out.get(11), "a13", 13, "observation_time: expected an ISO-8601 UTC time");
        assertError(out.get(11), "a13", 13, "\"yesterday\"");
        assertError(out.get(12), "a14", 14, "value: expected a number, got an object");
        assertError(out.get(12), "a14", 14, "ra_deg: expected a number, got true");
        assertError(out.get(13), "bad.jsonl:15", 15, "line: expected a JSON object, got an array");
        assertError(out.get(14), "a16", 16, "unexpected content after the JSON object");

        final ObservationRecord last = out.get(15);
        assertTrue(last.sourceError.isEmpty(), last.sourceError.toString());
        assertEquals("ok17", last.observationId.toString());
        assertEquals(Band.R, last.band);
        for (final ObservationRecord r : out) {
            assertEquals("jsonl", r.adapter.toString());
        }
    }

    @Test
    void ztfAliasesMapToBandAndNegativeSubtraction() throws IOException {
        final List<ObservationRecord> out = read(
                "{\"observation_id\":\"1\",\"isdiffpos\":\"t\",\"fid\":1}",
                "{\"observation_id\":\"2\",\"isdiffpos\":\"f\",\"fid\":2}",
                "{\"observation_id\":\"3\",\"isdiffpos\":\"1\",\"fid\":3}",
                "{\"observation_id\":\"4\",\"isdiffpos\":\"0\",\"fid\":1}",
                "{\"observation_id\":5,\"isdiffpos\":\"T\"}",
                "{\"observation_id\":\"6\",\"fid\":\"1\"}",
                "{\"observation_id\":\"7\",\"fid\":0}");
        assertEquals(List.of(Band.G, Band.R, Band.I, Band.G), out.subList(0, 4).stream().map(r -> r.band).toList());
        assertEquals(List.of(false, true, false, true), out.subList(0, 4).stream()
                .map(r -> r.hasFlag(QualityFlag.NEGATIVE_SUBTRACTION)).toList());
        out.subList(0, 4).forEach(r -> assertTrue(r.sourceError.isEmpty(), r.sourceError.toString()));
        assertError(out.get(4), "5", 5, "isdiffpos: \"T\" is not one of t,f,1,0");
        assertError(out.get(5), "6", 6, "fid: \"1\" is not one of 1,2,3");
        assertError(out.get(6), "7", 7, "fid: 0 is not one of 1,2,3");
    }

    @Test
    void longLinesAndMissingFinalNewlineAreRead() throws IOException {
        final Path file = dir.resolve("long.jsonl");
        final String id = "x".repeat(50);
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            sb.append("{\"observation_id\":\"").append(id).append("\",\"instrument\":\"").append("i".repeat(i % 40))
              .append("\",\"epoch_year\":2000.5}\n");
        }
        sb.append("{\"observation_id\":\"last\"}"); // no trailing newline
        Files.writeString(file, sb);
        final List<ObservationRecord> out = JsonLinesRoundTripTest.readAll(JsonLinesSource.open(file.toString()));
        assertEquals(3001, out.size());
        assertEquals("last", out.get(3000).observationId.toString());
        out.forEach(r -> assertTrue(r.sourceError.isEmpty()));
    }

    @Test
    void noMatchingInputIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> JsonLinesSource.open(dir.resolve("none/*.jsonl").toString()));
        assertThrows(IllegalArgumentException.class, () -> JsonLinesSource.open(dir.resolve("missing.jsonl").toString()));
        assertFalse(new JsonLinesSource("empty", List.of()).poll(new ObservationRecord()));
    }
}
