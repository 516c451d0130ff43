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

    void count(final DecisionRecord d, final TruthLabel truth, final boolean recovered) {
        decided++;
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
}
