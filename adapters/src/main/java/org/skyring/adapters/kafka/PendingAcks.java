package org.skyring.adapters.kafka;

/**
 * FIFO of observations handed to the engine but not yet known to be journaled: ring sequence, partition, the
 * partition's assignment epoch at hand-over, and the offset to commit once journaled. Ring sequences increase, so
 * the head is always the oldest. Parallel primitive arrays that double when full: no allocation per record
 * once the ring's worth of entries has been seen.
 */
final class PendingAcks {
    private long[] sequence = new long[1024];
    private int[] partition = new int[1024];
    private int[] epoch = new int[1024];
    private long[] commitOffset = new long[1024];
    private int head;
    private int size;

    void add(final long seq, final int p, final int e, final long offset) {
        if (size == sequence.length) {
            grow();
        }
        final int i = (head + size) % sequence.length;
        sequence[i] = seq;
        partition[i] = p;
        epoch[i] = e;
        commitOffset[i] = offset;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long headSequence() {
        return sequence[head];
    }

    int headPartition() {
        return partition[head];
    }

    int headEpoch() {
        return epoch[head];
    }

    long headCommitOffset() {
        return commitOffset[head];
    }

    void pop() {
        head = (head + 1) % sequence.length;
        size--;
    }

    private void grow() {
        final int n = sequence.length * 2;
        final long[] s = new long[n];
        final int[] p = new int[n];
        final int[] e = new int[n];
        final long[] o = new long[n];
        for (int k = 0; k < size; k++) {
            final int i = (head + k) % sequence.length;
            s[k] = sequence[i];
            p[k] = partition[i];
            e[k] = epoch[i];
            o[k] = commitOffset[i];
        }
        sequence = s;
        partition = p;
        epoch = e;
        commitOffset = o;
        head = 0;
    }
}
