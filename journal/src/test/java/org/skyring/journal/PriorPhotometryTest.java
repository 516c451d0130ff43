package org.skyring.journal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PriorPhotometryTest {

    @Test
    void keepsTheNewestPointsBeyondCapacityAndCountsTheDropped() {
        final PriorPhotometry h = new PriorPhotometry();
        final int offered = PriorPhotometry.CAPACITY + 10;
        for (int i = offered - 1; i >= 0; i--) { // newest first, as some packets list them
            h.addDetection(i * 1_000L, Band.R, 18.0 + i * 0.01, 0.1);
        }
        assertEquals(PriorPhotometry.CAPACITY, h.count());
        assertEquals(10, h.dropped());
        h.sortByTime();
        assertEquals(10 * 1_000L, h.timeNanos(0), "the 10 oldest were dropped");
        assertEquals((offered - 1) * 1_000L, h.timeNanos(h.count() - 1));
        for (int i = 1; i < h.count(); i++) {
            assertEquals(h.timeNanos(i - 1) + 1_000L, h.timeNanos(i));
            assertEquals(18.0 + (h.timeNanos(i) / 1_000L) * 0.01, h.mag(i), 1e-12, "mag stays with its time");
        }
    }

    @Test
    void anOlderPointThanEverythingKeptIsDroppedWhenFull() {
        final PriorPhotometry h = new PriorPhotometry();
        for (int i = 0; i < PriorPhotometry.CAPACITY; i++) {
            h.addUpperLimit(100L + i, Band.G, 20.0);
        }
        h.addDetection(5L, Band.G, 17.0, 0.1);
        assertEquals(1, h.dropped());
        for (int i = 0; i < h.count(); i++) {
            assertFalse(h.timeNanos(i) == 5L);
        }
    }
}
