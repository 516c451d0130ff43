package org.skyring.engine.stage;

import net.openhft.chronicle.queue.RollCycles;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.journal.JournalAppender;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journal-in's de-duplication window on real Chronicle files, restarts included: a restart closes the journals,
 * reopens them and replays the input journal through a new journal-in as {@code Engine.run} does.
 */
class JournalInDedupeTest {
    @TempDir
    Path dir;
    private JournalSet journals;
    private JournalIn journalIn;

    private void start(final int window, final ToLongFunction<ObservationRecord> hasher) {
        journals = JournalSet.open(dir, RollCycles.FAST_HOURLY);
        journalIn = new JournalIn(() -> new JournalAppender(journals.input()), () -> new JournalCursor(journals.input()),
                new SystemEpochNanoClock(), "test-host", "test", window, hasher);
        journalIn.onStart();
        // As Engine.recover: every entry of the input journal, in order, as RECOVERED.
        final ObservationEvent e = new ObservationEvent();
        try (JournalCursor cursor = new JournalCursor(journals.input())) {
            while (true) {
                e.reset(ObservationEvent.Kind.RECOVERED);
                if (!cursor.nextObservation(e.obs)) {
                    break;
                }
                e.inputIndex = cursor.index();
                journalIn.onEvent(e);
            }
        }
    }

    private void restart(final int window, final ToLongFunction<ObservationRecord> hasher) {
        stop();
        start(window, hasher);
    }

    @AfterEach
    void stop() {
        if (journalIn != null) {
            journalIn.onShutdown();
            journals.close();
            journalIn = null;
        }
    }

    /** Offers a live observation; true when journal-in journaled it, false when it dropped it as a duplicate. */
    private boolean offer(final String id) {
        final ObservationEvent e = new ObservationEvent();
        e.reset(ObservationEvent.Kind.LIVE);
        e.obs.copyFrom(Observations.goodZtf(id));
        journalIn.onEvent(e);
        assertEquals(!e.duplicate, e.inputIndex >= 0, "journaled exactly when not a duplicate");
        return !e.duplicate;
    }

    private List<String> journaledIds() {
        final List<String> ids = new ArrayList<>();
        final ObservationRecord r = new ObservationRecord();
        try (JournalCursor cursor = new JournalCursor(journals.input())) {
            while (cursor.nextObservation(r)) {
                ids.add(r.observationId.toString());
            }
        }
        return ids;
    }

    @Test
    void duplicatesInsideTheWindowAreDroppedAcrossRestartsAndEveryIdIsJournaledOnce() {
        start(1024, JournalIn::keyHash);
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            assertTrue(offer("ZTF26a" + i));
            expected.add("ZTF26a" + i);
        }
        assertFalse(offer("ZTF26a5"), "a re-delivery in the same run");
        assertFalse(offer("ZTF26a299"));

        restart(1024, JournalIn::keyHash);
        for (int i = 0; i < 300; i++) {
            assertFalse(offer("ZTF26a" + i), "re-delivered after a restart: ZTF26a" + i);
        }
        for (int i = 0; i < 20; i++) {
            assertTrue(offer("ZTF26b" + i));
            expected.add("ZTF26b" + i);
        }
        restart(1024, JournalIn::keyHash);
        assertFalse(offer("ZTF26b19"));
        assertFalse(offer("ZTF26a0"));
        assertEquals(expected, journaledIds(), "each id once, in arrival order");
    }

    @Test
    void distinctIdsWithCollidingHashesAreAllKeptAndEachStillDeduplicated() {
        final ToLongFunction<ObservationRecord> allCollide = o -> 42L;
        start(1024, allCollide);
        assertTrue(offer("alpha"));
        assertTrue(offer("beta"), "same hash, different id: kept");
        assertTrue(offer("gamma"));
        assertFalse(offer("beta"));
        assertFalse(offer("alpha"));
        assertFalse(offer("gamma"));
        restart(1024, allCollide);
        assertFalse(offer("gamma"));
        assertFalse(offer("alpha"));
        assertTrue(offer("delta"));
        assertFalse(offer("delta"));
        assertEquals(List.of("alpha", "beta", "gamma", "delta"), journaledIds());
    }

    @Test
    void aFullWindowForgetsTheOldestIdFirstAndARestartRebuildsTheSameWindow() {
        start(4, JournalIn::keyHash);
        for (final String id : List.of("a", "b", "c", "d")) {
            assertTrue(offer(id));
        }
        assertFalse(offer("a"), "4 ids in a window of 4");
        assertTrue(offer("e")); // forgets a
        assertTrue(offer("a"), "older than the window: journaled again (documented)"); // forgets b
        assertTrue(offer("b")); // forgets c
        assertFalse(offer("d"));
        assertFalse(offer("e"));
        // Window now d, e, a, b; the restart replays a b c d e a b and must arrive at the same window.
        restart(4, JournalIn::keyHash);
        for (final String id : List.of("d", "e", "a", "b")) {
            assertFalse(offer(id), id + " is in the rebuilt window");
        }
        assertTrue(offer("c"), "c had left the window before the restart");
        assertEquals(List.of("a", "b", "c", "d", "e", "a", "b", "c"), journaledIds());
    }

    @Test
    void evictionKeepsEveryRemainingIdFindableWhenHashesCluster() {
        // Eight hash values for 2,000 ids: long probe chains, each eviction shifting entries back.
        final ToLongFunction<ObservationRecord> eightHashes = o -> 1 + (o.observationId.hash64() & 7);
        start(64, eightHashes);
        for (int i = 0; i < 2000; i++) {
            assertTrue(offer("id" + i), "id" + i);
            if (i >= 64) {
                assertFalse(offer("id" + (i - 63)), "id" + (i - 63) + " still in the window after id" + i);
            }
        }
        restart(64, eightHashes);
        for (int i = 1936; i < 2000; i++) {
            assertFalse(offer("id" + i), "id" + i + " after the restart");
        }
        assertTrue(offer("id1935"), "the 65th newest was forgotten");
    }
}
