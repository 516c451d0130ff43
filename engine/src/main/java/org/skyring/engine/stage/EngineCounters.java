package org.skyring.engine.stage;

import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.RejectReason;
import org.skyring.journal.TruthLabel;

/**
 * Outcome counts of one engine run, written only by the routing thread and read after the ring has stopped
 * (the thread join publishes them). Live counters readable from another process are issue 7's.
 */
public final class EngineCounters {
    // values() clones its array on every call: keep one copy, the hot path must not allocate.
    private static final Destination[] DESTINATIONS = Destination.values();
    private static final RejectReason[] REJECT_REASONS = RejectReason.values();
    public final long[] byCategory = new long[Category.values().length];
    public final long[] byDestination = new long[Destination.values().length];
    public final long[] byRejectReason = new long[RejectReason.values().length];
    public final long[] truthTotal = new long[TruthLabel.values().length];
    public final long[] truthCorrect = new long[TruthLabel.values().length];
    /** Recovered at start-up whose decision and routing were already complete before the restart. */
    public long alreadyDecided;
    /** Recovered at start-up and decided now (journaled before a crash, not yet decided). */
    public long recoveredDecided;
    public long decided;
    /** Decided provisionally in fast mode (flag DEFERRED), to be reclassified. */
    public long deferred;
    /** Deferred decisions replaced by their full classification (only in the reclassifier's counters). */
    public long reclassified;
    /** ... of which the full classification changed the category. */
    public long reclassifiedChanged;

    void count(final DecisionRecord d, final TruthLabel truth, final boolean recovered) {
        decided++;
        if ((d.flags & DecisionRecord.FLAG_DEFERRED) != 0) {
            deferred++;
        }
        if (recovered) {
            recoveredDecided++;
        }
        byCategory[d.category.ordinal()]++;
        for (final Destination dest : DESTINATIONS) {
            if (dest.isIn(d.destinations)) {
                byDestination[dest.ordinal()]++;
            }
        }
        if (d.rejectReasons != 0) {
            for (final RejectReason r : REJECT_REASONS) {
                if (r.isIn(d.rejectReasons)) {
                    byRejectReason[r.ordinal()]++;
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
        byCategory[provisional.category.ordinal()]--;
        byCategory[full.category.ordinal()]++;
        for (final Destination dest : DESTINATIONS) {
            byDestination[dest.ordinal()] += (dest.isIn(full.destinations) ? 1 : 0)
                    - (dest.isIn(provisional.destinations) ? 1 : 0);
        }
        if (truth != TruthLabel.NONE) {
            truthCorrect[truth.ordinal()] += (GroundTruth.isCorrect(truth, full) ? 1 : 0)
                    - (GroundTruth.isCorrect(truth, provisional) ? 1 : 0);
        }
    }

    /** Adds another set of counters (the reclassifier's corrections) to these. */
    public void merge(final EngineCounters o) {
        for (int i = 0; i < byCategory.length; i++) {
            byCategory[i] += o.byCategory[i];
        }
        for (int i = 0; i < byDestination.length; i++) {
            byDestination[i] += o.byDestination[i];
        }
        for (int i = 0; i < truthCorrect.length; i++) {
            truthCorrect[i] += o.truthCorrect[i];
        }
        reclassified += o.reclassified;
        reclassifiedChanged += o.reclassifiedChanged;
    }
}
