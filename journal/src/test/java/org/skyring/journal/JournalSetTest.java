package org.skyring.journal;

import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalSetTest {

    @TempDir
    Path dir;

    @Test
    void appendsAndReadsBackObservationsDecisionsAndRoutedRecordsFromRealChronicleFiles() {
        final long[] inputIndexes = new long[3];
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY);
             JournalAppender input = new JournalAppender(journals.input());
             JournalAppender decisions = new JournalAppender(journals.decisions());
             JournalAppender archive = new JournalAppender(journals.destination(Destination.ARCHIVE))) {
            for (int i = 0; i < 3; i++) {
                inputIndexes[i] = input.appendObservation(SampleRecords.observation(i));
                decisions.appendDecision(SampleRecords.decision(inputIndexes[i]));
                archive.appendRouted(SampleRecords.decision(inputIndexes[i]), SampleRecords.observation(i));
            }
            assertEquals(inputIndexes[2], JournalReads.lastInputIndex(journals.decisions()));
            assertEquals(inputIndexes[2], JournalReads.lastInputIndex(journals.destination(Destination.ARCHIVE)));
            assertEquals(-1, JournalReads.lastInputIndex(journals.destination(Destination.ALERT)));
        }
        // Reopen: everything is on disk.
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY);
             JournalCursor cursor = new JournalCursor(journals.input());
             JournalCursor routed = new JournalCursor(journals.destination(Destination.ARCHIVE))) {
            final ObservationRecord r = new ObservationRecord();
            for (int i = 0; i < 3; i++) {
                assertTrue(cursor.nextObservation(r));
                assertEquals("ZTF-" + i, r.observationId.toString());
                assertEquals(inputIndexes[i], cursor.index());
            }
            assertFalse(cursor.nextObservation(r));
            final DecisionRecord d = new DecisionRecord();
            assertTrue(routed.nextRouted(d, r));
            assertEquals(inputIndexes[0], d.inputIndex);
            assertEquals("ZTF-0", r.observationId.toString());
            assertEquals(3, JournalReads.count(journals.decisions()));
        }
    }

    @Test
    void namedCursorResumesAfterRestartWhereItStopped() {
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY);
             JournalAppender input = new JournalAppender(journals.input())) {
            for (int i = 0; i < 5; i++) {
                input.appendObservation(SampleRecords.observation(i));
            }
        }
        final ObservationRecord r = new ObservationRecord();
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY);
             JournalCursor cursor = new JournalCursor(journals.input(), "sink")) {
            assertTrue(cursor.nextObservation(r));
            assertTrue(cursor.nextObservation(r));
            assertEquals("ZTF-1", r.observationId.toString());
        }
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY);
             JournalCursor cursor = new JournalCursor(journals.input(), "sink")) {
            assertTrue(cursor.nextObservation(r));
            assertEquals("ZTF-2", r.observationId.toString(), "resumed after the last record read");
        }
    }
}
