package org.skyring.perf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny run of the real harness (every system in its own JVM, real journals) checked for the shape of its JSON and
 * the internal consistency of its ratios. It asserts nothing about speed: figures from a few hundred milliseconds
 * on a shared machine mean nothing; perf/README.md has the measured table.
 */
class BenchReportShapeTest {

    @Test
    void tinyRunReportsEverySystemWithItsFiguresAndRatiosConsistentWithThem(@TempDir final Path dir) throws Exception {
        System.setProperty("skyring.bench.worker.heap", "-Xms768m -Xmx768m");
        System.setProperty("skyring.bench.dir", dir.resolve("journals").toString());
        final Path json = dir.resolve("b.json");
        BenchMain.main(new String[] {"--profile", "tiny", "--json", json.toString()});

        final JsonNode systems = new ObjectMapper().readTree(json.toFile()).get("systems");
        for (final String name : BenchSystems.ALL) {
            final JsonNode s = systems.get(name);
            assertTrue(s != null, "system " + name + " missing from " + systems);
            assertTrue(s.get("throughput").asDouble() > 0, name + " throughput");
            assertTrue(s.get("p50_ns").asLong() > 0, name + " p50_ns");
            assertTrue(s.get("p99_ns").asLong() >= s.get("p50_ns").asLong(), name + " p99_ns >= p50_ns");
            assertTrue(s.get("alloc_bytes_per_obs").asDouble() >= 0, name + " alloc_bytes_per_obs");
            for (final String ratio : new String[] {"vs_blocking_queue", "vs_kafka_streams", "vs_limit"}) {
                assertTrue(s.get(ratio).isNumber() && s.get(ratio).asDouble() > 0, name + " " + ratio + " = " + s.get(ratio));
            }
            assertEquals(4, s.get("phases").size(), name + " phases: max and three fixed rates");
        }
        // One repetition: each ratio is exactly the quotient of the throughputs in the same run.
        final double sky = systems.get("skyring").get("throughput").asDouble();
        assertEquals(sky / systems.get("blocking_queue").get("throughput").asDouble(),
                systems.get("skyring").get("vs_blocking_queue").asDouble(), 1e-9 * sky);
        final double limit = Math.min(systems.get("ring_limit").get("throughput").asDouble(),
                systems.get("journal_limit").get("throughput").asDouble());
        assertEquals(sky / limit, systems.get("skyring").get("vs_limit").asDouble(), 1e-9);
        assertEquals(1.0, systems.get("kafka_streams").get("vs_kafka_streams").asDouble(), 1e-12);
    }
}
