package org.skyring.catalog;

import java.util.Arrays;
import java.util.Objects;

/**
 * Caller-owned, reusable output of a {@link ConeSearch}: catalog indices and their separations, ordered by
 * ascending separation. Size it for the densest expected cone; it grows (allocating) only when a search
 * finds more matches than it has ever held, so in steady state searching into it allocates nothing.
 *
 * <p>Not thread-safe: one instance per calling thread.
 */
public final class ConeResult {

    /** Below this many matches insertion sort beats heapsort; almost every 2" cone has 0-2 matches. */
    private static final int INSERTION_SORT_MAX = 24;

    private int[] indices;
    private double[] separations;
    private int size;

    /** A result with room for 64 matches before it first grows. */
    public ConeResult() {
        this(64);
    }

    public ConeResult(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initialCapacity must be >= 1, was " + initialCapacity);
        }
        indices = new int[initialCapacity];
        separations = new double[initialCapacity];
    }

    /** Number of matches from the last search. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Catalog index of the k-th closest match. */
    public int index(int k) {
        return indices[Objects.checkIndex(k, size)];
    }

    /** Separation of the k-th closest match from the cone centre, in arcseconds. */
    public double separationArcsec(int k) {
        return separations[Objects.checkIndex(k, size)];
    }

    /** Current capacity; grows only when a search overflows it. */
    public int capacity() {
        return indices.length;
    }

    public void clear() {
        size = 0;
    }

    void add(int index, double separationArcsec) {
        if (size == indices.length) {
            int newCapacity = indices.length * 2;
            indices = Arrays.copyOf(indices, newCapacity);
            separations = Arrays.copyOf(separations, newCapacity);
        }
        indices[size] = index;
        separations[size] = separationArcsec;
        size++;
    }

    /**
     * Orders matches by separation, then index, in place: a total order, so results do not depend on the
     * grid's scan order and replay identically. Heapsort for large results keeps worst case n log n
     * without allocating or recursing.
     */
    void sortBySeparation() {
        if (size <= INSERTION_SORT_MAX) {
            insertionSort();
        } else {
            heapSort();
        }
    }

    private boolean less(int a, int b) {
        double sa = separations[a];
        double sb = separations[b];
        return sa < sb || (sa == sb && indices[a] < indices[b]);
    }

    private void swap(int a, int b) {
        int i = indices[a];
        indices[a] = indices[b];
        indices[b] = i;
        double s = separations[a];
        separations[a] = separations[b];
        separations[b] = s;
    }

    private void insertionSort() {
        for (int i = 1; i < size; i++) {
            for (int j = i; j > 0 && less(j, j - 1); j--) {
                swap(j, j - 1);
            }
        }
    }

    private void heapSort() {
        for (int start = size / 2 - 1; start >= 0; start--) {
            siftDown(start, size);
        }
        for (int end = size - 1; end > 0; end--) {
            swap(0, end);
            siftDown(0, end);
        }
    }

    private void siftDown(int root, int end) {
        int parent = root;
        while (true) {
            int child = 2 * parent + 1;
            if (child >= end) {
                return;
            }
            if (child + 1 < end && less(child, child + 1)) {
                child++;
            }
            if (!less(parent, child)) {
                return;
            }
            swap(parent, child);
            parent = child;
        }
    }
}
