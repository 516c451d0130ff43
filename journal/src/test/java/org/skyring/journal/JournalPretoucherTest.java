package org.skyring.journal;

import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pretoucher stepped on the test thread (no timing) over real Chronicle files. */
class JournalPretoucherTest {
    @TempDir
    Path dir;

    private static long newestFileSize(final Path queueDir) throws IOException {
        try (Stream<Path> files = Files.list(queueDir)) {
            return Files.size(files.filter(f -> f.toString().endsWith(".cq4")).sorted().reduce((a, b) -> b).orElseThrow());
        }
    }

    private static long drain(final JournalPretoucher p) {
        boolean list = true;
        while (p.step(list)) {
            list = false;
        }
        return p.bytesRead();
    }

    @Test
    void readsAFileCreatedAfterItStartedWholeAndAnExistingOneOnlyAsItGrows() throws IOException {
        final Path input = JournalSet.queueDir(dir, JournalSet.INPUT);
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY)) {
            try (JournalPretoucher fresh = new JournalPretoucher(List.of(input), false)) {
                assertEquals(0, drain(fresh), "no cycle file yet");
                try (JournalAppender appender = new JournalAppender(journals.input())) {
                    for (int i = 0; i < 20_000; i++) {
                        appender.appendObservation(SampleRecords.observation(i));
                    }
                }
                final long size = newestFileSize(input);
                assertEquals(size, drain(fresh), "the new file, sparse chunks included, read to its end");
                assertTrue(size > 20_000L * 100, "the file holds the records: " + size);
            }
            try (JournalPretoucher restarted = new JournalPretoucher(List.of(input), false)) {
                assertEquals(0, drain(restarted), "an existing file is not re-read");
                final long before = newestFileSize(input);
                try (JournalAppender appender = new JournalAppender(journals.input())) {
                    for (int i = 20_000; i < 200_000 && newestFileSize(input) == before; i++) {
                        appender.appendObservation(SampleRecords.observation(i));
                    }
                }
                final long after = newestFileSize(input);
                assertTrue(after > before, "Chronicle grew the file");
                assertEquals(after - before, drain(restarted), "only the growth is read");
            }
        }
        // Reading never changed a byte: every record reads back.
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY);
             JournalCursor cursor = new JournalCursor(journals.input())) {
            final ObservationRecord r = new ObservationRecord();
            int n = 0;
            while (cursor.nextObservation(r)) {
                assertEquals(SampleRecords.observation(n).observationId.toString(), r.observationId.toString());
                n++;
            }
            assertTrue(n > 20_000, "records read back: " + n);
        }
    }

    private static long drainWithoutListing(final JournalPretoucher p) {
        final long before = p.bytesRead();
        while (p.step(false)) {
            // reads one block per queue per step
        }
        return p.bytesRead() - before;
    }

    /**
     * Chronicle announces each cycle file it acquires: a queue's first file (and each hourly roll) is followed
     * from its first chunk at once, with no directory listing (those come every 10 s), and an announcement of an
     * older cycle (a tailer re-reading history) does not pull the pretoucher off the newest file.
     */
    @Test
    void aNewCycleFileIsFollowedFromChroniclesAnnouncementAndAnOlderOneIsIgnored() throws IOException {
        // (the only wait in this class: bounded, and far below the 10 s listing interval it proves unnecessary)
        final Path input = JournalSet.queueDir(dir, JournalSet.INPUT);
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY);
             JournalPretoucher p = new JournalPretoucher(journals.queueDirs(), false)) {
            journals.announceTo(p);
            assertEquals(0, drainWithoutListing(p), "no cycle file yet");
            try (JournalAppender appender = new JournalAppender(journals.input())) {
                for (int i = 0; i < 1_000; i++) {
                    appender.appendObservation(SampleRecords.observation(i));
                }
            }
            final long size = newestFileSize(input);
            // Chronicle makes the call from its background resource releaser thread: moments later, not 10 s later.
            long read = 0;
            for (final long deadline = System.nanoTime() + 5_000_000_000L; read < size && System.nanoTime() < deadline; ) {
                read += drainWithoutListing(p);
                Thread.onSpinWait();
            }
            assertEquals(size, read, "the announced file, read from its start without a listing");

            p.acquired(0, Integer.MAX_VALUE - 1, input.resolve("20000101-00F.cq4").toFile());
            assertEquals(0, drainWithoutListing(p), "an older cycle's file is not followed");
            final long before = newestFileSize(input);
            try (JournalAppender appender = new JournalAppender(journals.input())) {
                for (int i = 1_000; i < 300_000 && newestFileSize(input) == before; i++) {
                    appender.appendObservation(SampleRecords.observation(i));
                }
            }
            assertEquals(newestFileSize(input) - before, drainWithoutListing(p), "still following the newest file");
        }
    }

    @Test
    void closingTheSetStopsTheThread() {
        final JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY);
        journals.pretouchAhead();
        assertTrue(pretouchThreadAlive());
        journals.close();
        assertFalse(pretouchThreadAlive(), "close joins the thread");
    }

    private static boolean pretouchThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("skyring-journal-pretouch") && t.isAlive());
    }
}
