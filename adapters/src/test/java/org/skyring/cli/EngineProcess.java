package org.skyring.cli;

import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.adapters.jsonl.JsonLinesWriter;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.Engine;
import org.skyring.engine.RunResult;
import org.skyring.engine.RunSpec;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.ObservationRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Generated nights for tests of the whole engine: as JSON lines for the real CLI in a process of its own, or
 * straight from the generator through an engine in this JVM.
 */
final class EngineProcess {
    private EngineProcess() {
    }

    /** Runs {@code count} generated observations through a real engine in this JVM (on the calling thread). */
    static RunResult runNight(final Path dataDir, final SkyringConfig config, final long count, final boolean untilIdle,
                              final AtomicBoolean stop) {
        final SkyCatalog catalog = EngineAssembly.catalog(config);
        final long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.HOURS.toNanos(10);
        final NightGenerator generator = new NightGenerator(catalog, 2026, start);
        return new Engine(config, catalog).run(RunSpec.live(dataDir,
                List.of(new GeneratedNightSource(generator, count)), untilIdle, stop));
    }

    /** Writes {@code count} generated observations (the default synthetic catalog's sky) as JSON lines. */
    static void writeNight(final Path file, final int count, final long seed) throws IOException {
        final long start = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.HOURS.toNanos(10);
        final NightGenerator generator = new NightGenerator(SyntheticCatalog.generate(200_000, 42), seed, start);
        final ObservationRecord r = new ObservationRecord();
        try (JsonLinesWriter w = new JsonLinesWriter(Files.newOutputStream(file))) {
            for (int i = 0; i < count; i++) {
                r.clear();
                generator.next(r);
                w.write(r);
            }
        }
    }

    /** Starts {@code skyring ARGS...} in a new JVM with the project's JVM flags; output goes to {@code log}. */
    static Process start(final Path log, final String... args) throws IOException {
        return EngineChild.start(log, args);
    }
}
