package org.skyring.engine;

import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.engine.config.ConfigException;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.JournalReads;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** engine.dedupe_window through the whole engine: the ring, real stages, real Chronicle files, a restart. */
class DedupeWindowEngineTest {
    private final SkyCatalog catalog = new SkyCatalog.Builder()
            .add("HIP 7", 50.0, 10.0, SourceType.STAR, 9.5).build("window-catalog");

    @TempDir
    Path dir;

    private RunResult run(final SkyringConfig config, final List<ObservationRecord> records) {
        return new Engine(config, catalog).run(RunSpec.live(dir, List.of(new ListSource(records)), true, new AtomicBoolean()));
    }

    @Test
    void aRestartedEngineDropsRedeliveriesInsideTheWindowAndJournalsOlderOnesAgain() {
        final SkyringConfig config = SkyringConfig.parse("engine:\n  dedupe_window: 1024\n");
        final List<ObservationRecord> night = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            night.add(EngineEndToEndTest.obs(i));
        }
        final RunResult first = run(config, night);
        assertEquals(1100, first.journaled());
        assertEquals(0, first.duplicates());

        // After the restart the window is the last 1024 journaled ids: obs-76 .. obs-1099.
        final RunResult second = run(config, List.of(EngineEndToEndTest.obs(1099), EngineEndToEndTest.obs(76),
                EngineEndToEndTest.obs(75), EngineEndToEndTest.obs(1100)));
        assertEquals(1100, second.recovered());
        assertEquals(2, second.duplicates(), "obs-1099 and obs-76, inside the window");
        assertEquals(2, second.journaled(), "obs-75 (older than the window, documented) and the new obs-1100");
        assertEquals(2, second.counters().decided());
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY)) {
            assertEquals(1102, JournalReads.count(journals.input()));
            assertEquals(1102, JournalReads.count(journals.decisions()));
        }
    }

    @Test
    void theWindowIsAValidatedConfigKeyWithAHoursLongDefault() {
        assertEquals(1 << 23, SkyringConfig.loadDefault().engine().dedupeWindow());
        assertEquals(SkyringConfig.loadDefault().engine(), SkyringConfig.parse("engine: {}").engine(),
                "the file's value is the built-in default");
        final ConfigException e = assertThrows(ConfigException.class,
                () -> SkyringConfig.parse("engine:\n  dedupe_window: 100\n"));
        assertTrue(e.getMessage().contains("engine.dedupe_window") && e.getMessage().contains("100"), e.getMessage());
        assertThrows(ConfigException.class, () -> SkyringConfig.parse("engine:\n  dedupe_window: 200000000\n"));
    }
}
