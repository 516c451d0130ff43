package org.skyring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.engine.metrics.CountersView;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine process runs a JSON-lines night while this process reads its counters file live, then
 * {@code skyring stat --once --json}, a third process, reads the final counters: both equal the engine's own
 * run summary.
 */
class StatCommandTest {
    private static final int COUNT = 100_000;
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anotherProcessReadsLiveCountersThatEndEqualToTheRunSummary() throws Exception {
        final Path input = tmp.resolve("night.jsonl");
        EngineProcess.writeNight(input, COUNT, 11);
        final Path data = tmp.resolve("data");
        final Path summaryFile = tmp.resolve("summary.json");
        final Process engine = EngineProcess.start(tmp.resolve("engine.log"), "run", "--input", "jsonl:" + input,
                "--dir", data.toString(), "--until-idle", "--summary", summaryFile.toString());

        long liveSamples = 0;
        long lastReceived = -1;
        long lastDecided = -1;
        try (CountersView view = new CountersView(data)) {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (engine.isAlive() && System.nanoTime() < deadline) {
                final CountersView.Snapshot s = view.snapshot();
                if (s != null && s.isRunning()) {
                    assertEquals(engine.pid(), s.pid(), "the file is the engine process's");
                    final long received = s.value("observations.received");
                    final long decided = s.value("observations.decided");
                    assertTrue(received >= lastReceived && decided >= lastDecided, "counters only grow");
                    // One snapshot reads counters one by one (received first): compare with the sample before.
                    assertTrue(lastDecided <= received, "nothing is decided before it is received");
                    if (received > 0 && received < COUNT && received != lastReceived) {
                        liveSamples++; // a value read mid-run, from this other process
                    }
                    lastReceived = received;
                    lastDecided = decided;
                }
                Thread.sleep(5);
            }
        }
        assertTrue(engine.waitFor(240, TimeUnit.SECONDS), "engine finished");
        assertEquals(0, engine.exitValue(), Files.readString(tmp.resolve("engine.log")));
        assertTrue(liveSamples >= 2, "read changing counters while the engine ran (" + liveSamples + " samples)");

        final Path statOut = tmp.resolve("stat.json");
        final Process stat = EngineProcess.start(statOut, "stat", "--dir", data.toString(), "--once", "--json");
        assertTrue(stat.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, stat.exitValue(), Files.readString(statOut));
        final JsonNode sample = json.readTree(lastJsonLine(statOut));
        final JsonNode summary = json.readTree(summaryFile.toFile());

        assertFalse(sample.get("running").asBoolean(), "stat shows the engine stopped");
        final JsonNode counters = sample.get("counters");
        assertEquals(COUNT, counters.get("observations.received").asLong());
        assertEquals(summary.at("/observations/received").asLong(), counters.get("observations.received").asLong());
        assertEquals(summary.at("/observations/journaled").asLong(), counters.get("observations.journaled").asLong());
        assertEquals(summary.at("/observations/duplicates").asLong(), counters.get("observations.duplicates").asLong());
        assertEquals(summary.at("/observations/decided").asLong(), counters.get("observations.decided").asLong());
        assertEquals(summary.at("/rejected/total").asLong(), counters.get("category.rejected").asLong());
        assertTrue(summary.at("/rejected/total").asLong() > 0, "the generated night has invalid records");
        forEach(summary.get("categories"), (k, v) -> assertEquals(v, counters.get("category." + k).asLong(), k));
        forEach(summary.get("destinations"), (k, v) -> assertEquals(v, counters.get("destination." + k).asLong(), k));
        forEach(summary.at("/rejected/by_reason"), (k, v) -> assertEquals(v, counters.get("rejected." + k).asLong(), k));
        for (final String tag : new String[] {"end_to_end", "validate", "route"}) {
            final JsonNode p = summary.at("/latency_ns/" + tag);
            assertEquals(p.get("count").asLong(), counters.get("latency." + tag + ".count").asLong(), tag);
            assertEquals(p.get("p50").asLong(), counters.get("latency." + tag + ".p50").asLong(), tag);
            assertEquals(p.get("p99").asLong(), counters.get("latency." + tag + ".p99").asLong(), tag);
        }
        assertEquals(0, counters.get("gauge.journal_lag").asLong());
        assertEquals(COUNT / summary.at("/performance/elapsed_s").asDouble(),
                sample.at("/rates_per_s/observations.received").asDouble(), COUNT * 0.5,
                "--once rates average the run (its wall time includes start-up, hence the wide bound)");
    }

    private static String lastJsonLine(final Path file) throws java.io.IOException {
        String last = null;
        for (final String line : Files.readAllLines(file)) {
            if (line.startsWith("{")) {
                last = line;
            }
        }
        assertTrue(last != null, "a JSON sample in " + Files.readString(file));
        return last;
    }

    private static void forEach(final JsonNode object, final java.util.function.BiConsumer<String, Long> check) {
        assertTrue(object != null && object.size() > 0);
        final Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> e = fields.next();
            check.accept(e.getKey(), e.getValue().asLong());
        }
    }
}
