package org.skyring.perf;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import org.skyring.journal.JournalSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A journal set (or a bare queue directory) in a fresh temporary directory, deleted on close. */
final class TempJournals implements AutoCloseable {
    final Path dir;
    final JournalSet journals;

    private TempJournals(final Path dir, final RollCycle rollCycle) {
        this.dir = dir;
        this.journals = rollCycle != null ? JournalSet.open(dir, rollCycle) : null;
    }

    /** Every journal of the engine, with the configured roll cycle, in a fresh directory. */
    static TempJournals journalSet(final String prefix, final Workload w) {
        return new TempJournals(newDir(prefix), rollCycle(w));
    }

    static TempJournals emptyDir(final String prefix) {
        return new TempJournals(newDir(prefix), null);
    }

    static RollCycle rollCycle(final Workload w) {
        return RollCycles.valueOf(w.config().engine().rollCycle());
    }

    private static Path newDir(final String prefix) {
        try {
            final String base = System.getProperty("skyring.bench.dir");
            return base == null ? Files.createTempDirectory(prefix)
                    : Files.createTempDirectory(Files.createDirectories(Path.of(base)), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (journals != null) {
            journals.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
