package org.skyring.engine.stage;

/**
 * Journal-in's de-duplication window: the last {@code capacity} keys remembered, each with the input-journal index
 * of the record that carried it. A fixed open-addressed table (linear probing, load factor at most 1/2) points into
 * a ring holding the entries in insertion order; remembering a key when the ring is full forgets the oldest key
 * first. Everything is allocated by the constructor ({@link #bytesFor}); nothing after, so the index never grows,
 * rehashes or makes garbage however long the engine runs.
 *
 * <p>Keys are 64-bit hashes, so two different ids can share one. Entries are never merged on a hash: a second key
 * with an equal hash is a second entry, and {@link #contains} asks the caller to confirm every hash-equal entry
 * (journal-in reads the record back from the journal and compares the full key).
 *
 * <p>Single-threaded: only journal-in's thread uses it.
 */
final class RecentKeyIndex {
    /** Largest window: the table (twice as many int slots, a power of two) must stay within one Java array. */
    static final int MAX_CAPACITY = 1 << 28;

    /** Confirms that the record at a journal index carries the key being looked up (not only an equal hash). */
    interface Confirm {
        boolean sameKeyAt(long journalIndex);
    }

    private final int capacity;
    /** Key hash of each entry, by ring position. */
    private final long[] hashes;
    /** Input-journal index of each entry, by ring position. */
    private final long[] journalIndexes;
    /** Ring position + 1 of the entry in each slot; 0 = empty slot. */
    private final int[] slots;
    private final int mask;
    private final int shift;
    /** Ring position the next entry is written to; when the ring is full, the oldest entry's. */
    private int next;
    private int size;

    RecentKeyIndex(final int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("de-duplication window " + capacity + " outside 1.." + MAX_CAPACITY);
        }
        this.capacity = capacity;
        final int tableSize = tableSize(capacity);
        hashes = new long[capacity];
        journalIndexes = new long[capacity];
        slots = new int[tableSize];
        mask = tableSize - 1;
        shift = 64 - Integer.numberOfTrailingZeros(tableSize);
    }

    /** Smallest power of two at least twice the capacity: probe sequences stay short even when full. */
    private static int tableSize(final int capacity) {
        return 1 << (64 - Long.numberOfLeadingZeros(2L * capacity - 1));
    }

    /** Heap the index of this capacity takes (arrays only): 16 bytes per entry plus 4 per table slot. */
    static long bytesFor(final int capacity) {
        return 16L * capacity + 4L * tableSize(capacity);
    }

    int capacity() {
        return capacity;
    }

    int size() {
        return size;
    }

    /** True when a remembered entry has this hash and {@code confirm} accepts its journal index. */
    boolean contains(final long hash, final Confirm confirm) {
        for (int s = home(hash); ; s = (s + 1) & mask) {
            final int p = slots[s];
            if (p == 0) {
                return false;
            }
            if (hashes[p - 1] == hash && confirm.sameKeyAt(journalIndexes[p - 1])) {
                return true;
            }
        }
    }

    /**
     * Remembers a key not already remembered ({@link #contains} said so), forgetting the oldest entry first when
     * the window is full.
     */
    void add(final long hash, final long journalIndex) {
        if (size == capacity) {
            forget(next);
        } else {
            size++;
        }
        hashes[next] = hash;
        journalIndexes[next] = journalIndex;
        int s = home(hash);
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = next + 1;
        next = next + 1 == capacity ? 0 : next + 1;
    }

    /**
     * Empties the slot of the entry at ring position {@code pos} by backward shifting (no tombstones: a table that
     * has seen a billion evictions probes exactly as a fresh one with the same entries would).
     */
    private void forget(final int pos) {
        int hole = home(hashes[pos]);
        while (slots[hole] != pos + 1) {
            hole = (hole + 1) & mask;
        }
        for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
            final int home = home(hashes[slots[j] - 1]);
            // The entry at j may move back into the hole only if its home is not in (hole, j] (cyclically):
            // otherwise a lookup starting at its home would stop at the hole.
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = 0;
    }

    /** Fibonacci hashing: the top bits of hash * 2^64/phi, so that ids' FNV hashes spread over the table. */
    private int home(final long hash) {
        return (int) ((hash * 0x9E3779B97F4A7C15L) >>> shift);
    }
}
