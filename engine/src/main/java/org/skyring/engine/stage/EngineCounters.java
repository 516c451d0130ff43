package org.skyring.engine.stage;

import org.agrona.concurrent.status.AtomicCounter;
import org.skyring.engine.metrics.CounterKind;
import org.skyring.engine.metrics.LiveCounters;
import org.skyring.engine.metrics.ObservationCount;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.RejectReason;
import org.skyring.journal.TruthLabel;

/**
 * Outcome counts of one engine run, written only by the routing thread. The operational ones (decisions by
 * category, destination and reject reason, recovery) are live counters in the counters file, readable by
 * {@code skyring stat} while the engine runs; {@link #freeze()} copies them out before the file is closed, so
 * the run summary reads the very values another process saw. Ground-truth scoring (generated nights only)
 * stays in plain arrays, read after the ring has stopped (the thread join publishes them).
 */
public final class EngineCounters {
    // values() clones its array on every call: keep one copy, the hot path must not allocate.
    private static final Destination[] DESTINATIONS = Destination.values();
    private static final RejectReason[] REJECT_REASONS = RejectReason.values();
    private static final Category[] CATEGORIES = Category.values();
    private final AtomicCounter[] byCategory = new AtomicCounter[CATEGORIES.length];
    private final AtomicCounter[] byDestination = new AtomicCounter[DESTINATIONS.length];
    private final AtomicCounter[] byRejectReason = new AtomicCounter[REJECT_REASONS.length];
    public final long[] truthTotal = new long[TruthLabel.values().length];
    public final long[] truthCorrect = new long[TruthLabel.values().length];
    /** Recovered at start-up whose decision and routing were already complete before the restart. */
    private AtomicCounter alreadyDecided;
    /** Recovered at start-up and decided now (journaled before a crash, not yet decided). */
    private AtomicCounter recoveredDecided;
    private AtomicCounter decided;
    /** Decided provisionally in fast mode (flag DEFERRED), to be reclassified. */
    private AtomicCounter deferred;
    /**
     * Deferred decisions replaced by their full classification (only in the reclassifier's counters, written by
     * its thread and {@link #merge merged} once it stopped).
     */
    public long reclassified;
    /** ... of which the full classification changed the category. */
    public long reclassifiedChanged;

    public EngineCounters(final LiveCounters live) {
        for (final Category c : CATEGORIES) {
            byCategory[c.ordinal()] = live.counter(CounterKind.CATEGORY, c.key());
        }
        for (final Destination d : DESTINATIONS) {
            byDestination[d.ordinal()] = live.counter(CounterKind.DESTINATION, d.queueName());
        }
        for (final RejectReason r : REJECT_REASONS) {
            byRejectReason[r.ordinal()] = live.counter(CounterKind.REJECTION, r.key());
        }
        decided = live.counter(ObservationCount.DECIDED);
        recoveredDecided = live.counter(ObservationCount.RECOVERED_DECIDED);
        alreadyDecided = live.counter(ObservationCount.RECOVERED_ALREADY_DECIDED);
        deferred = live.counter(ObservationCount.DEFERRED);
    }

    /**
     * Counters in no file: the reclassifier's corrections, which another thread writes and which are added to
     * the router's live counters by {@link #merge} after both threads stopped (a live counter has one writer).
     */
    public EngineCounters() {
        fillDetached(byCategory);
        fillDetached(byDestination);
        fillDetached(byRejectReason);
        decided = LiveCounters.detached();
        recoveredDecided = LiveCounters.detached();
        alreadyDecided = LiveCounters.detached();
        deferred = LiveCounters.detached();
    }

    private static void fillDetached(final AtomicCounter[] counters) {
        for (int i = 0; i < counters.length; i++) {
            counters[i] = LiveCounters.detached();
        }
    }

    void count(final DecisionRecord d, final TruthLabel truth, final boolean recovered) {
        decided.incrementRelease();
        if ((d.flags & DecisionRecord.FLAG_DEFERRED) != 0) {
            deferred.incrementRelease();
        }
        if (recovered) {
            recoveredDecided.incrementRelease();
        }
        byCategory[d.category.ordinal()].incrementRelease();
        for (final Destination dest : DESTINATIONS) {
            if (dest.isIn(d.destinations)) {
                byDestination[dest.ordinal()].incrementRelease();
            }
        }
        if (d.rejectReasons != 0) {
            for (final RejectReason r : REJECT_REASONS) {
                if (r.isIn(d.rejectReasons)) {
                    byRejectReason[r.ordinal()].incrementRelease();
                }
            }
        }
        if (truth != TruthLabel.NONE) {
            truthTotal[truth.ordinal()]++;
            if (GroundTruth.isCorrect(truth, d)) {
                truthCorrect[truth.ordinal()]++;
            }
        }
    }

    void countAlreadyDecided() {
        alreadyDecided.incrementRelease();
    }

    /**
     * Copies every value out of the counters file into counters of its own, after the ring has stopped and
     * before the file is unmapped: the run's result stays readable once the file is closed.
     */
    public void freeze() {
        freeze(byCategory);
        freeze(byDestination);
        freeze(byRejectReason);
        decided = frozen(decided);
        recoveredDecided = frozen(recoveredDecided);
        alreadyDecided = frozen(alreadyDecided);
        deferred = frozen(deferred);
    }

    private static void freeze(final AtomicCounter[] counters) {
        for (int i = 0; i < counters.length; i++) {
            counters[i] = frozen(counters[i]);
        }
    }

    private static AtomicCounter frozen(final AtomicCounter live) {
        final AtomicCounter copy = LiveCounters.detached();
        copy.set(live.get());
        return copy;
    }

    public long category(final Category c) {
        return byCategory[c.ordinal()].get();
    }

    public long destination(final Destination d) {
        return byDestination[d.ordinal()].get();
    }

    public long rejectReason(final RejectReason r) {
        return byRejectReason[r.ordinal()].get();
    }

    public long decided() {
        return decided.get();
    }

    public long recoveredDecided() {
        return recoveredDecided.get();
    }

    public long alreadyDecided() {
        return alreadyDecided.get();
    }

    public long deferred() {
        return deferred.get();
    }

    /**
     * Records that a deferred decision was replaced by its full classification: the provisional outcome is
     * taken out of the category, destination and ground-truth counts and the full one put in. Used on the
     * reclassifier's own counters; {@link #merge} adds them to the router's after both threads stopped.
     */
    public void recount(final DecisionRecord provisional, final DecisionRecord full, final TruthLabel truth) {
        reclassified++;
        if (provisional.category != full.category) {
            reclassifiedChanged++;
        }
        byCategory[provisional.category.ordinal()].decrementRelease();
        byCategory[full.category.ordinal()].incrementRelease();
        for (final Destination dest : DESTINATIONS) {
            final int change = (dest.isIn(full.destinations) ? 1 : 0) - (dest.isIn(provisional.destinations) ? 1 : 0);
            if (change != 0) {
                byDestination[dest.ordinal()].getAndAddRelease(change);
            }
        }
        if (truth != TruthLabel.NONE) {
            truthCorrect[truth.ordinal()] += (GroundTruth.isCorrect(truth, full) ? 1 : 0)
                    - (GroundTruth.isCorrect(truth, provisional) ? 1 : 0);
        }
    }

    /**
     * Adds another set of counters (the reclassifier's corrections) to these; after every writer of both
     * stopped, before {@link #freeze()}, so the counters file ends with the corrected totals too.
     */
    public void merge(final EngineCounters o) {
        for (int i = 0; i < byCategory.length; i++) {
            byCategory[i].getAndAddRelease(o.byCategory[i].get());
        }
        for (int i = 0; i < byDestination.length; i++) {
            byDestination[i].getAndAddRelease(o.byDestination[i].get());
        }
        for (int i = 0; i < truthCorrect.length; i++) {
            truthCorrect[i] += o.truthCorrect[i];
        }
        reclassified += o.reclassified;
        reclassifiedChanged += o.reclassifiedChanged;
    }
}
