package org.skyring.engine.pressure;

import com.fasterxml.jackson.databind.JsonNode;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.alert.TextJournal;
import org.skyring.engine.config.SkyringConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The level rules, sampled by hand with controlled signals, journaled to a real Chronicle queue. */
class PressureControllerTest {
    private static final long MS = 1_000_000L;
    private final SkyringConfig.Pressure config = SkyringConfig.parse("""
            pressure:
              sample_interval_ms: 10
              ring_fill: {moderate: 0.5, high: 0.75, critical: 0.95}
              input_backlog: {moderate: 100, high: 200, critical: 400}
              output_lag: {moderate: 10, high: 20, critical: 40}
              hysteresis: 0.2
              calm_samples: 3
            """).pressure();

    @TempDir
    Path dir;

    private static final class Signals implements PressureSignals {
        double fill;
        long backlog;
        long lag;

        @Override
        public double ringFill() {
            return fill;
        }

        @Override
        public long inputBacklog() {
            return backlog;
        }

        @Override
        public long outputLag() {
            return lag;
        }
    }

    @Test
    void climbsOneLevelPerSampleFallsOnlyAfterCalmSamplesAndJournalsEveryChangeWithItsCause() {
        final Signals signals = new Signals();
        final long[] now = {0};
        final List<String> seen = new ArrayList<>();
        try (TextJournal journal = TextJournal.open(dir, PressureController.QUEUE, RollCycles.FAST_HOURLY)) {
            final PressureController c = new PressureController(config, signals, () -> now[0], journal,
                    (from, to, cause, at) -> seen.add(from + ">" + to));
            c.sample(now[0]);
            assertEquals(PressureLevel.NORMAL, c.level());

            signals.fill = 1.0; // a full ring: target CRITICAL, reached one step per sample
            for (final PressureLevel expected : new PressureLevel[] {PressureLevel.MODERATE, PressureLevel.HIGH,
                    PressureLevel.CRITICAL, PressureLevel.CRITICAL}) {
                now[0] += 10 * MS;
                c.sample(now[0]);
                assertEquals(expected, c.level());
            }

            signals.fill = 0.77; // below critical (0.95) but not below 0.8 x 0.95 = 0.76: stays CRITICAL
            for (int i = 0; i < 10; i++) {
                now[0] += 10 * MS;
                c.sample(now[0]);
            }
            assertEquals(PressureLevel.CRITICAL, c.level(), "hysteresis: no flapping just under the threshold");

            signals.fill = 0.1;
            signals.lag = 25; // output lag alone holds HIGH (>= 20)
            for (int i = 0; i < 2; i++) {
                now[0] += 10 * MS;
                c.sample(now[0]);
            }
            assertEquals(PressureLevel.CRITICAL, c.level(), "needs calm_samples = 3 calm samples");
            now[0] += 10 * MS;
            c.sample(now[0]);
            assertEquals(PressureLevel.HIGH, c.level());
            for (int i = 0; i < 20; i++) {
                now[0] += 10 * MS;
                c.sample(now[0]);
            }
            assertEquals(PressureLevel.HIGH, c.level(), "output lag 25 >= 0.8 x 20 keeps HIGH");

            signals.lag = 0;
            for (int i = 0; i < 9; i++) {
                now[0] += 10 * MS;
                c.sample(now[0]);
            }
            assertEquals(PressureLevel.NORMAL, c.level(), "down one level per calm_samples samples");

            signals.backlog = 250; // the input backlog alone drives the level too
            for (int i = 0; i < 3; i++) {
                now[0] += 10 * MS;
                c.sample(now[0]);
            }
            assertEquals(PressureLevel.HIGH, c.level());

            assertEquals(List.of("NORMAL>MODERATE", "MODERATE>HIGH", "HIGH>CRITICAL", "CRITICAL>HIGH",
                    "HIGH>MODERATE", "MODERATE>NORMAL", "NORMAL>MODERATE", "MODERATE>HIGH"), seen);
            final List<JsonNode> journaled = new ArrayList<>();
            journal.readAll(json -> journaled.add(AlertJson.read(json)));
            assertEquals(seen.size(), journaled.size(), "every change journaled");
            assertEquals("critical", journaled.get(2).get("to").asText());
            assertTrue(journaled.get(2).get("cause").asText().startsWith("ring_fill 1.000 >= critical 0.950"),
                    journaled.get(2).get("cause").asText());
            assertTrue(journaled.get(3).get("cause").asText().contains("below 80% of the critical thresholds"));
            assertTrue(journaled.get(7).get("cause").asText().contains("input_backlog 250 >= high 200"));
            assertEquals(250, journaled.get(7).get("input_backlog").asLong());

            final long[] at = c.nanosAtLevel();
            assertEquals(now[0], at[0] + at[1] + at[2] + at[3], "every sampled interval is counted at one level");
            assertEquals(140 * MS, at[PressureLevel.CRITICAL.ordinal()], "entered at 30 ms, left at 170 ms");
            assertEquals(1, c.entries()[PressureLevel.CRITICAL.ordinal()]);
            assertEquals(3, c.entries()[PressureLevel.MODERATE.ordinal()]);
        }
    }
}
