package org.skyring.engine;

import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.Band;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalAppender;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalReads;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Through the real ring, real stages and real Chronicle files. */
class EngineEndToEndTest {
    private static final long NOW = 1_760_000_000_000_000_000L;
    private final SkyringConfig config = SkyringConfig.loadDefault();
    private final SkyCatalog catalog = new SkyCatalog.Builder()
            .add("HIP 7", 50.0, 10.0, SourceType.STAR, 9.5).build("e2e-catalog");

    @TempDir
    Path dir;

    static ObservationRecord obs(final int i) {
        final ObservationRecord o = new ObservationRecord();
        o.observationId.set("obs-" + i);
        o.sourceFacility.set("ZTF");
        o.observationTimeNanos = NOW - 3_600_000_000_000L + i;
        o.raDeg = (i % 2 == 0) ? 50.0 : 10.0 + i * 0.001; // even: on the catalog star; odd: somewhere new
        o.decDeg = 10.0;
        o.positionUncertaintyArcsec = 0.2;
        o.value = 18.0;
        o.valueUncertainty = 0.05;
        o.band = Band.G;
        o.realBogus = 0.9;
        o.fwhmPx = 2.0;
        o.detectionCount = 2;
        if (i % 10 == 9) {
            o.decDeg = 91.0; // invalid: dead-lettered
        }
        return o;
    }

    private RunResult run(final List<ObservationRecord> records) {
        return new Engine(config, catalog).run(RunSpec.live(dir, List.of(new ListSource(records)), true, new AtomicBoolean()));
    }

    @Test
    void everyObservationIsJournaledDecidedAndRoutedExactlyOnceAndDuplicatesAreDropped() {
        final List<ObservationRecord> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            records.add(obs(i));
        }
        records.add(obs(3)); // a re-delivery (at-least-once source)
        records.add(obs(4));
        final RunResult r = run(records);
        assertEquals(1002, r.received());
        assertEquals(2, r.duplicates());
        assertEquals(1000, r.journaled());
        final long archive = r.counters().destination(Destination.ARCHIVE);
        final long rejected = r.counters().destination(Destination.REJECTED);
        assertEquals(100, rejected);
        assertEquals(r.received() - r.duplicates(), archive + rejected);
        assertEquals(500, r.counters().category(Category.ROUTINE), "the 500 on the catalog star");
        assertEquals(400, r.counters().category(Category.SIGNIFICANT), "new, real, SNR 22: significant");

        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY)) {
            assertEquals(1000, JournalReads.count(journals.input()));
            assertEquals(1000, JournalReads.count(journals.decisions()));
            assertEquals(archive, JournalReads.count(journals.destination(Destination.ARCHIVE)));
            assertEquals(100, JournalReads.count(journals.destination(Destination.REJECTED)));
            assertUniqueInputIndexes(journals);
        }
        // Restart on the same directory with the same input: everything is a duplicate or already decided.
        final RunResult again = run(records);
        assertEquals(1000, again.counters().alreadyDecided());
        assertEquals(1002, again.duplicates());
        assertEquals(0, again.counters().decided());
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY)) {
            assertEquals(1000, JournalReads.count(journals.decisions()));
            assertEquals(archive, JournalReads.count(journals.destination(Destination.ARCHIVE)));
        }
    }

    @Test
    void restartCompletesAPartlyRoutedEntryWithoutRoutingAnythingTwice() {
        // The state a SIGKILL can leave (one routing thread writes in input order): entries 0 and 1 fully routed,
        // entry 2 archived but its decision not yet written, entry 3 journaled only.
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY);
             JournalAppender input = new JournalAppender(journals.input());
             JournalAppender decisions = new JournalAppender(journals.decisions());
             JournalAppender archive = new JournalAppender(journals.destination(Destination.ARCHIVE))) {
            for (int i = 0; i < 4; i++) {
                final ObservationRecord o = obs(2 * i); // on the catalog star: routine, archive only
                o.receivedTimeNanos = NOW;
                final DecisionRecord d = new DecisionRecord();
                d.inputIndex = input.appendObservation(o);
                d.observationId.set(o.observationId);
                d.destinations = Destination.ARCHIVE.mask();
                if (i <= 2) {
                    archive.appendRouted(d, o);
                }
                if (i <= 1) {
                    decisions.appendDecision(d);
                }
            }
        }
        final RunResult r = run(List.of());
        assertEquals(4, r.recovered());
        assertEquals(2, r.counters().alreadyDecided());
        assertEquals(2, r.counters().decided(), "entries 2 and 3 get their decision now");
        try (JournalSet journals = JournalSet.open(dir, RollCycles.FAST_HOURLY)) {
            assertEquals(4, JournalReads.count(journals.decisions()));
            assertEquals(4, JournalReads.count(journals.destination(Destination.ARCHIVE)),
                    "entry 2 was already archived: archived once, entry 3 archived now");
            assertUniqueInputIndexes(journals);
        }
    }

    private static void assertUniqueInputIndexes(final JournalSet journals) {
        final Set<Long> seen = new HashSet<>();
        final DecisionRecord d = new DecisionRecord();
        final ObservationRecord o = new ObservationRecord();
        try (JournalCursor c = new JournalCursor(journals.destination(Destination.ARCHIVE))) {
            while (c.nextRouted(d, o)) {
                assertTrue(seen.add(d.inputIndex), "archived twice: input " + d.inputIndex);
            }
        }
    }
}
