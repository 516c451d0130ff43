package org.skyring.engine.stage;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecentKeyIndexTest {
    /**
     * Against a plain model of the window (the last N keys in arrival order), with few distinct hashes so that
     * collisions and long probe chains are the rule: keys are journal indexes, hash = key % 97.
     */
    @Test
    void matchesASlidingWindowModelUnderHeavyCollisionsAndEviction() {
        final int capacity = 500;
        final RecentKeyIndex index = new RecentKeyIndex(capacity);
        final ArrayDeque<Long> window = new ArrayDeque<>();
        final Set<Long> inWindow = new HashSet<>();
        final Random random = new Random(2026);
        for (int step = 0; step < 200_000; step++) {
            final long key = random.nextInt(3_000);
            final long hash = 1 + key % 97;
            final boolean found = index.contains(hash, journalIndex -> journalIndex == key);
            assertEquals(inWindow.contains(key), found, "step " + step + ", key " + key);
            if (!found) {
                index.add(hash, key);
                window.addLast(key);
                inWindow.add(key);
                if (window.size() > capacity) {
                    inWindow.remove(window.removeFirst());
                }
            }
            assertEquals(window.size(), index.size());
        }
    }

    @Test
    void sizeAndHeapAreFixedAtConstructionAndNothingIsAllocatedAfter() {
        final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final RecentKeyIndex index = new RecentKeyIndex(1 << 20);
        final long construction = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(24L << 20, RecentKeyIndex.bytesFor(1 << 20), "24 bytes an entry at a power of two");
        assertTrue(construction >= RecentKeyIndex.bytesFor(1 << 20)
                && construction < RecentKeyIndex.bytesFor(1 << 20) + 4096, "allocated " + construction);
        final RecentKeyIndex.Confirm never = journalIndex -> false;
        long found = 0;
        final long start = threads.getCurrentThreadAllocatedBytes();
        for (long i = 1; i <= 3_000_000; i++) { // three times the capacity: two million evictions
            final long hash = i * 0x9E3779B97F4A7C15L;
            if (index.contains(hash, never)) {
                found++;
            }
            index.add(hash, i);
        }
        final long steady = threads.getCurrentThreadAllocatedBytes() - start;
        assertEquals(0, found);
        assertEquals(1 << 20, index.size());
        assertTrue(steady < 1024, "allocated " + steady + " bytes in 3 M adds");
    }

    @Test
    void rejectsAnUnusableCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new RecentKeyIndex(0));
        assertThrows(IllegalArgumentException.class, () -> new RecentKeyIndex(RecentKeyIndex.MAX_CAPACITY + 1));
    }
}
