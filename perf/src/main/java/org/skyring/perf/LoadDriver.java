package org.skyring.perf;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Drives one phase from the calling thread (the producer): sends observations at their intended times, waits
 * until the last one has left the last stage, and measures. Latency is always taken from the intended send time,
 * so a system that stalls is charged for every observation that waited behind the stall (coordinated omission
 * corrected). Allocation and CPU time are summed over every live thread of the JVM between the first send and the last
 * completion; GC count over every collector in the same window.
 */
final class LoadDriver {
    /** Beyond this much slack the producer yields its core instead of spinning (2 cores are shared). */
    private static final long SPIN_NANOS = 20_000;
    private static final int TIME_CHECK_MASK = 1023;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    PhaseResult run(final String systemName, final SystemUnderTest system, final ObservationFeed feed,
                    final Phase phase) {
        final long periodNanos = phase.isMaxThroughput() ? 0 : 1_000_000_000L / phase.offeredRate();
        final long allocatedBefore = allocatedBytes();
        final long cpuBefore = cpuNanos();
        final long gcBefore = gcCount();
        final long start = System.nanoTime();
        final long deadline = start + (long) (phase.maxSeconds() * 1e9);
        long sent = 0;
        while (sent < phase.maxCount()) {
            system.prepare(feed);
            long intended = start + sent * periodNanos;
            if (periodNanos == 0) {
                intended = System.nanoTime();
            } else {
                waitUntil(intended);
            }
            system.send(intended);
            sent++;
            if ((sent & TIME_CHECK_MASK) == 0 && System.nanoTime() > deadline) {
                break;
            }
        }
        while (!system.completed()) {
            Thread.yield();
        }
        final long end = System.nanoTime();
        final long allocated = allocatedBytes() - allocatedBefore;
        final long cpu = cpuNanos() - cpuBefore;
        final long gcs = gcCount() - gcBefore;
        return PhaseResult.of(systemName, phase, sent, end - start, system.takeLatency(), allocated, cpu, gcs);
    }

    private static void waitUntil(final long intended) {
        long now;
        while ((now = System.nanoTime()) < intended) {
            if (intended - now > SPIN_NANOS) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private long allocatedBytes() {
        long sum = 0;
        for (final long b : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, b);
        }
        return sum;
    }

    /** CPU time of every live thread: work per observation, which a crowded machine distorts far less than wall time. */
    private long cpuNanos() {
        long sum = 0;
        for (final long t : threads.getThreadCpuTime(threads.getAllThreadIds())) {
            sum += Math.max(0, t);
        }
        return sum;
    }

    private static long gcCount() {
        long sum = 0;
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }
}
