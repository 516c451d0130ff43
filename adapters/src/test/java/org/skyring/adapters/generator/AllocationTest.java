package org.skyring.adapters.generator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.journal.ObservationRecord;

class AllocationTest {
    @Test
    void pollAllocatesNothingInSteadyState() {
        final com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);
        final NightGenerator gen = new NightGenerator(SyntheticCatalog.generate(200_000, 5), 77, 1_717_200_000_000_000_000L);
        final GeneratedNightSource source = new GeneratedNightSource(gen, Long.MAX_VALUE);
        final ObservationRecord r = new ObservationRecord();
        // Warm-up: JIT compiles poll and everything under it, and the field cone reaches its working size.
        for (int i = 0; i < 300_000; i++) {
            source.poll(r);
        }
        final long tid = Thread.currentThread().getId();
        final int n = 100_000;
        double best = Double.MAX_VALUE;
        // Best of three: a stray JIT deoptimisation in one window should not fail the build; a real leak fails all.
        for (int round = 0; round < 3; round++) {
            final long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < n; i++) {
                source.poll(r);
            }
            final long after = mx.getThreadAllocatedBytes(tid);
            best = Math.min(best, (after - before) / (double) n);
        }
        final double bytesPerPoll = best;
        assertTrue(bytesPerPoll < 64, "bytes per poll: " + bytesPerPoll);
        System.out.println("generator: " + bytesPerPoll + " bytes allocated per poll in steady state");
    }
}
