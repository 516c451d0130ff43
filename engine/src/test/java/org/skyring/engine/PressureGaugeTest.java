package org.skyring.engine;

import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.engine.alert.TextJournal;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.metrics.CounterKind;
import org.skyring.engine.metrics.CountersView;
import org.skyring.engine.metrics.GaugeName;
import org.skyring.engine.metrics.LiveCounters;
import org.skyring.engine.pressure.PressureController;
import org.skyring.engine.pressure.PressureLevel;
import org.skyring.engine.pressure.PressureSignals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pressure level reaches the counters file: a real controller (controlled signals and clock, real pressure
 * journal) with the engine's level-change listener, read back through {@link CountersView}, the reader of
 * {@code skyring stat} and Prometheus, at every step up and down.
 */
class PressureGaugeTest {
    private static final long MS = 1_000_000L;
    private static final String GAUGE = CounterKind.GAUGE.prefix() + "." + GaugeName.PRESSURE_LEVEL.key();

    @TempDir
    Path dir;

    private static final class Signals implements PressureSignals {
        double fill;

        @Override
        public double ringFill() {
            return fill;
        }

        @Override
        public long inputBacklog() {
            return 0;
        }

        @Override
        public long outputLag() {
            return 0;
        }
    }

    @Test
    void everyLevelChangeIsVisibleToAnotherReaderOfTheCountersFile() {
        final SkyringConfig.Pressure config = SkyringConfig.parse("pressure:\n  calm_samples: 2\n").pressure();
        final Signals signals = new Signals();
        final long[] now = {0};
        final List<Long> seen = new ArrayList<>();
        final List<PressureLevel> levels = new ArrayList<>();
        try (LiveCounters live = LiveCounters.create(dir);
             TextJournal journal = TextJournal.open(dir, PressureController.QUEUE, RollCycles.FAST_HOURLY)) {
            live.publish();
            final PressureController c = new PressureController(config, signals, () -> now[0], journal,
                    Engine.pressureListener(live, null));
            try (CountersView view = new CountersView(dir)) {
                assertEquals(0, view.snapshot().value(GAUGE), "NORMAL before any sample");
                signals.fill = 1.0; // a full ring: up one level per sample to CRITICAL
                for (int i = 0; i < 4; i++) {
                    now[0] += config.sampleIntervalMs() * MS;
                    c.sample(now[0]);
                    levels.add(c.level());
                    seen.add(view.snapshot().value(GAUGE));
                }
                signals.fill = 0.0; // calm: down one level per calm_samples samples
                for (int i = 0; i < 8; i++) {
                    now[0] += config.sampleIntervalMs() * MS;
                    c.sample(now[0]);
                    levels.add(c.level());
                    seen.add(view.snapshot().value(GAUGE));
                }
            }
        }
        final List<Long> expected = new ArrayList<>();
        levels.forEach(l -> expected.add((long) l.ordinal()));
        assertEquals(expected, seen, "the gauge follows the controller at every sample");
        assertEquals(List.of(1L, 2L, 3L, 3L), seen.subList(0, 4), "rises one level per sample");
        assertEquals(0L, seen.get(seen.size() - 1), "back to NORMAL");
        assertEquals(LiveCounters.PRESSURE_LEVELS.get(3), PressureLevel.CRITICAL.name(), "stat names the levels");
    }
}
