package org.skyring.adapters.kafka;

import java.util.Arrays;

/**
 * Per-partition state of one topic's consumer, indexed by partition number: whether it is assigned (and its
 * assignment epoch, bumped on every assignment so that acknowledgements from an earlier ownership are ignored),
 * the offset that is durable (journaled) and the offset last committed, and the last ring sequence handed over.
 */
final class PartitionOffsets {
    private static final long NONE = -1;
    private boolean[] assigned = new boolean[0];
    private int[] epoch = new int[0];
    private long[] durable = new long[0];
    private long[] committed = new long[0];
    private long[] lastPublished = new long[0];

    int size() {
        return assigned.length;
    }

    boolean isAssigned(final int p) {
        return p < assigned.length && assigned[p];
    }

    int epoch(final int p) {
        return p < epoch.length ? epoch[p] : 0;
    }

    void assign(final int p) {
        ensure(p);
        assigned[p] = true;
        epoch[p]++;
        durable[p] = NONE;
        committed[p] = NONE;
        lastPublished[p] = NONE;
    }

    void unassign(final int p) {
        if (p < assigned.length) {
            assigned[p] = false;
            durable[p] = NONE;
            committed[p] = NONE;
        }
    }

    void published(final int p, final long sequence) {
        lastPublished[p] = sequence;
    }

    long lastPublished(final int p) {
        return p < lastPublished.length ? lastPublished[p] : NONE;
    }

    void durable(final int p, final long offset) {
        durable[p] = Math.max(durable[p], offset);
    }

    long durableOffset(final int p) {
        return durable[p];
    }

    boolean needsCommit(final int p) {
        return assigned[p] && durable[p] > committed[p];
    }

    void committed(final int p) {
        committed[p] = durable[p];
    }

    /** A commit failed: the durable offset is committable again. */
    void uncommitted(final int p) {
        if (p < committed.length) {
            committed[p] = NONE;
        }
    }

    private void ensure(final int p) {
        if (p < assigned.length) {
            return;
        }
        final int n = p + 1;
        final int old = assigned.length;
        assigned = Arrays.copyOf(assigned, n);
        epoch = Arrays.copyOf(epoch, n);
        durable = Arrays.copyOf(durable, n);
        committed = Arrays.copyOf(committed, n);
        lastPublished = Arrays.copyOf(lastPublished, n);
        Arrays.fill(durable, old, n, NONE);
        Arrays.fill(committed, old, n, NONE);
        Arrays.fill(lastPublished, old, n, NONE);
    }
}
