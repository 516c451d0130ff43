package org.skyring.engine.stage;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.engine.classify.ObjectHistory;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.pressure.Reclassifier;
import org.skyring.engine.ring.ObservationEvent;
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
import java.util.List;
import java.util.function.IntSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fast mode's provisional decisions and their later full classification from the journal, on real Chronicle
 * files: exactly once, also when a crash interrupted an earlier reclassification half-way.
 */
class DeferredReclassificationTest {
    private static final RollCycles ROLL = RollCycles.FAST_HOURLY;
    private final SkyringConfig config = SkyringConfig.loadDefault();
    private final SkyCatalog catalog = new SkyCatalog.Builder()
            .add("HIP 7", 50.0, 10.0, SourceType.STAR, 9.5).build("reclassify-catalog");

    @TempDir
    Path dir;

    private Classifier classifier() {
        return new Classifier(config, catalog.version(), "test");
    }

    /** The decision the ring makes: provisional when deferred (cross-match skipped), full otherwise. */
    private DecisionRecord decide(final ObservationRecord o, final long inputIndex, final boolean deferred) {
        return decide(o, inputIndex, deferred, classifier());
    }

    private DecisionRecord decide(final ObservationRecord o, final long inputIndex, final boolean deferred,
                                  final Classifier classifier) {
        final ObservationEvent e = new ObservationEvent();
        e.reset(ObservationEvent.Kind.LIVE);
        e.obs.copyFrom(o);
        e.inputIndex = inputIndex;
        e.deferred = deferred;
        if (!deferred) {
            new KnownObjectFilter(config.knownObjects(), catalog).onEvent(e);
        }
        classifier.onEvent(e);
        e.decision.inputIndex = inputIndex;
        RoutingTable.route(e.decision, e.obs);
        final DecisionRecord d = new DecisionRecord();
        final net.openhft.chronicle.bytes.Bytes<?> b = net.openhft.chronicle.bytes.Bytes.allocateElasticOnHeap(512);
        org.skyring.journal.DecisionCodec.write(e.decision, b);
        org.skyring.journal.DecisionCodec.read(b, d);
        return d;
    }

    private static net.openhft.chronicle.bytes.Bytes<?> encoded(final DecisionRecord d) {
        final net.openhft.chronicle.bytes.Bytes<?> b = net.openhft.chronicle.bytes.Bytes.allocateElasticOnHeap(512);
        org.skyring.journal.DecisionCodec.write(d, b);
        return b;
    }

    private Reclassifier reclassifier(final JournalSet journals, final IntSupplier level, final long lastDecided) {
        return new Reclassifier(journals, ROLL, List.of(new KnownObjectFilter(config.knownObjects(), catalog)),
                classifier(), level, () -> 0L, lastDecided);
    }

    private static void runToEnd(final Reclassifier r) {
        r.onStart();
        try {
            for (int i = 0; i < 100 && !r.caughtUp(); i++) {
                r.doWork();
            }
        } finally {
            r.onClose();
            r.closeQueue();
        }
    }

    private List<DecisionRecord> routed(final ChronicleQueue q) {
        final List<DecisionRecord> out = new ArrayList<>();
        try (JournalCursor c = new JournalCursor(q)) {
            DecisionRecord d = new DecisionRecord();
            final ObservationRecord o = new ObservationRecord();
            while (c.nextRouted(d, o)) {
                out.add(d);
                d = new DecisionRecord();
            }
        }
        return out;
    }

    @Test
    void deferredDecisionsAreClassifiedFullyOnceOnlyAtNormalPressureAndExactlyOnceAcrossACrash() {
        final ObservationRecord onStar = Observations.goodZtf("deferred-star");
        onStar.raDeg = 50.0;
        onStar.decDeg = 10.0;
        final ObservationRecord newSource = Observations.goodZtf("deferred-new");
        final ObservationRecord normal = Observations.goodZtf("not-deferred");
        normal.raDeg = 151.0;
        try (JournalSet journals = JournalSet.open(dir, ROLL)) {
            final long[] idx = new long[3];
            try (JournalAppender input = new JournalAppender(journals.input());
                 JournalAppender decisions = new JournalAppender(journals.decisions());
                 JournalAppender archive = new JournalAppender(journals.destination(Destination.ARCHIVE));
                 JournalAppender priority = new JournalAppender(journals.destination(Destination.PRIORITY_REVIEW))) {
                final ObservationRecord[] all = {onStar, newSource, normal};
                for (int i = 0; i < 3; i++) {
                    idx[i] = input.appendObservation(all[i]);
                    final DecisionRecord d = decide(all[i], idx[i], i < 2);
                    for (final Destination dest : Destination.all()) {
                        if (d.routesTo(dest)) {
                            (dest == Destination.ARCHIVE ? archive : priority).appendRouted(d, all[i]);
                        }
                    }
                    decisions.appendDecision(d);
                }
                // A crash half-way through an earlier reclassification of the second one: its priority-review
                // record was written, its reclassified record (written last) was not.
                final DecisionRecord full = decide(newSource, idx[1], false);
                full.flags |= DecisionRecord.FLAG_RECLASSIFIED;
                priority.appendRouted(full, newSource);
            }
            final List<DecisionRecord> provisional = new ArrayList<>();
            try (JournalCursor c = new JournalCursor(journals.decisions())) {
                DecisionRecord d = new DecisionRecord();
                while (c.nextDecision(d)) {
                    provisional.add(d);
                    d = new DecisionRecord();
                }
            }
            assertTrue(provisional.get(0).isDeferred() && provisional.get(1).isDeferred());
            assertEquals(Category.ROUTINE, provisional.get(1).category, "provisionally routine");
            assertEquals(Destination.ARCHIVE.mask(), provisional.get(1).destinations, "archived at once");
            assertEquals(Category.SIGNIFICANT, provisional.get(2).category);

            final Reclassifier waiting = reclassifier(journals, () -> 1, -1);
            waiting.onStart();
            assertEquals(0, waiting.doWork(), "routine analysis waits while pressure is above NORMAL");
            assertFalse(waiting.caughtUp());
            waiting.onClose();
            waiting.closeQueue();

            final Reclassifier first = reclassifier(journals, () -> 0, -1);
            runToEnd(first);
            assertEquals(2, first.corrections().reclassified);
            assertEquals(1, first.corrections().reclassifiedChanged, "the new source was not routine after all");
            assertEquals(1, first.corrections().category(Category.SIGNIFICANT));
            assertEquals(-1, first.corrections().category(Category.ROUTINE));

            try (ChronicleQueue q = JournalSet.openQueue(dir, Reclassifier.QUEUE, ROLL)) {
                final List<DecisionRecord> re = routed(q);
                assertEquals(2, re.size());
                assertEquals(idx[0], re.get(0).inputIndex);
                assertEquals(Category.ROUTINE, re.get(0).category, "the cross-match found the catalog star");
                assertEquals("HIP 7", re.get(0).matchSourceId.toString());
                assertEquals(Category.SIGNIFICANT, re.get(1).category);
                assertTrue((re.get(1).flags & DecisionRecord.FLAG_RECLASSIFIED) != 0);
                assertFalse(re.get(1).isDeferred());
            }
            final List<DecisionRecord> review = routed(journals.destination(Destination.PRIORITY_REVIEW));
            assertEquals(List.of(idx[1], idx[2]), review.stream().map(d -> d.inputIndex).sorted().toList(),
                    "the half-done output was not written twice: " + review.size());

            final Reclassifier restarted = reclassifier(journals, () -> 0, idx[2]);
            runToEnd(restarted);
            assertEquals(0, restarted.corrections().reclassified, "nothing is reclassified twice");
            try (ChronicleQueue q = JournalSet.openQueue(dir, Reclassifier.QUEUE, ROLL)) {
                assertEquals(2, JournalReads.count(q));
            }
            assertEquals(2, JournalReads.count(journals.destination(Destination.PRIORITY_REVIEW)));
            assertEquals(3, JournalReads.count(journals.destination(Destination.ARCHIVE)), "archived once each");
        }
    }

    /**
     * The object history moves on after an observation is deferred (the ring keeps deciding later detections of
     * the same object), and it belongs to the decision thread: the reclassifier must decide with the light curve
     * as of the deferred observation, recorded in its provisional decision, and so make exactly the decision a
     * replay (which never defers) makes.
     */
    @Test
    void aDeferredDecisionIsReclassifiedWithTheObjectHistoryAsOfItsOwnObservation() {
        final long day = 86_400_000_000_000L;
        final ObservationRecord[] detections = new ObservationRecord[3];
        final double[] mags = {19.5, 19.0, 20.5}; // +0.42 mag/day over 1.2 d, then a fade
        for (int n = 0; n < 3; n++) {
            final ObservationRecord o = Observations.goodZtf("riser-" + n);
            o.objectId.set("ZTF26riser");
            o.observationTimeNanos = Observations.T0 + n * (long) (1.2 * day);
            o.receivedTimeNanos = o.observationTimeNanos + 1;
            o.value = mags[n];
            o.detectionCount = -1; // the packet says nothing about earlier epochs: only the history knows
            detections[n] = o;
        }
        final double minPair = config.classification().minPairSeparationDays();
        try (JournalSet journals = JournalSet.open(dir, ROLL);
             ObjectHistory live = ObjectHistory.inMemory(1_000, minPair);
             ObjectHistory fresh = ObjectHistory.inMemory(1_000, minPair)) {
            final Classifier ring = new Classifier(config, catalog.version(), "test", live, null);
            final Classifier replay = new Classifier(config, catalog.version(), "test", fresh, null);
            final DecisionRecord[] replayed = new DecisionRecord[3];
            DecisionRecord provisional = null;
            try (JournalAppender input = new JournalAppender(journals.input());
                 JournalAppender decisions = new JournalAppender(journals.decisions())) {
                for (int n = 0; n < 3; n++) {
                    final long idx = input.appendObservation(detections[n]);
                    final DecisionRecord d = decide(detections[n], idx, n == 1, ring);
                    decisions.appendDecision(d);
                    replayed[n] = decide(detections[n], idx, false, replay);
                    if (n == 1) {
                        provisional = d;
                    }
                }
            }
            assertTrue(provisional.isDeferred() && provisional.hasHistoryLightCurve());
            assertEquals(2, provisional.historyDetections, "the history held both detections when it was deferred");
            assertEquals(0.5 / 1.2, provisional.historyLightCurve[0], 1e-9, "slot 0: the rate");
            assertFalse(replayed[1].hasHistoryLightCurve(), "only deferred decisions carry it");
            assertTrue(replayed[1].fired(org.skyring.journal.Rule.CLASS_FAST_RISER),
                    "with the history as of the second detection, it is a fast riser: " + replayed[1].explanation);

            final Reclassifier r = new Reclassifier(journals, ROLL,
                    List.of(new KnownObjectFilter(config.knownObjects(), catalog)),
                    new Classifier(config, catalog.version(), "test"), () -> 0, () -> 0L, -1);
            runToEnd(r);
            try (ChronicleQueue q = JournalSet.openQueue(dir, Reclassifier.QUEUE, ROLL)) {
                final List<DecisionRecord> re = routed(q);
                assertEquals(1, re.size());
                final DecisionRecord full = re.get(0);
                assertTrue(full.fired(org.skyring.journal.Rule.CLASS_FAST_RISER), full.explanation.toString());
                assertEquals(0.5 / 1.2, full.riseRateMagPerDay, 1e-9);
                full.flags &= ~DecisionRecord.FLAG_RECLASSIFIED;
                assertEquals(org.skyring.journal.RecordText.decision(replayed[1]),
                        org.skyring.journal.RecordText.decision(full));
                assertTrue(encoded(replayed[1]).contentEquals(encoded(full)), "byte for byte the replay's decision");
            }
        }
    }
}
