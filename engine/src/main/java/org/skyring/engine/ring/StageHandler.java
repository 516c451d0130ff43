package org.skyring.engine.ring;

import com.lmax.disruptor.EventHandler;
import org.HdrHistogram.Histogram;
import org.skyring.engine.stage.Stage;

import java.lang.management.ManagementFactory;

/**
 * One ring consumer thread running one or more stages in order on each entry. Records each stage's latency in
 * its own histogram (single writer) and, when it holds the last stage, the end-to-end latency from the
 * producer's claim. It also measures the bytes its thread allocates after warm-up: the design's "~0 garbage
 * per observation" is a measured figure, not a promise.
 */
public final class StageHandler implements EventHandler<ObservationEvent> {
    public static final long MAX_LATENCY_NANOS = 60_000_000_000L;
    private static final long ALLOCATION_WARMUP_EVENTS = 100_000;

    private final Stage[] stages;
    private final Histogram[] stageLatency;
    private final Histogram endToEnd;
    private final Histogram endToEndCritical;
    private final boolean[] deferrable;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long events;
    private long allocatedAtWarmup = -1;
    private long allocatedAtEnd;
    private long eventsAtWarmup;

    /** @param endToEnd histogram for end-to-end latency of live entries, or null if this is not the last handler */
    public StageHandler(final Histogram endToEnd, final Stage... stages) {
        this(endToEnd, null, stages);
    }

    /** @param endToEndCritical the same for entries decided critical (null if this is not the last handler) */
    public StageHandler(final Histogram endToEnd, final Histogram endToEndCritical, final Stage... stages) {
        this.stages = stages;
        this.endToEnd = endToEnd;
        this.endToEndCritical = endToEndCritical;
        this.deferrable = new boolean[stages.length];
        for (int i = 0; i < stages.length; i++) {
            deferrable[i] = stages[i].deferrable();
        }
        this.stageLatency = new Histogram[stages.length];
        for (int i = 0; i < stages.length; i++) {
            stageLatency[i] = new Histogram(MAX_LATENCY_NANOS, 3);
        }
    }

    @Override
    public void onStart() {
        for (final Stage s : stages) {
            s.onStart();
        }
    }

    @Override
    public void onEvent(final ObservationEvent event, final long sequence, final boolean endOfBatch) {
        if (event.kind == ObservationEvent.Kind.EMPTY) {
            return;
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < stages.length && !event.duplicate; i++) {
            if (event.deferred && deferrable[i]) {
                continue; // fast mode: the reclassifier runs this stage later, from the journal
            }
            stages[i].onEvent(event);
            final long t1 = System.nanoTime();
            stageLatency[i].recordValue(Math.min(t1 - t0, MAX_LATENCY_NANOS));
            t0 = t1;
        }
        if (endToEnd != null && event.kind == ObservationEvent.Kind.LIVE && !event.duplicate) {
            final long latency = Math.min(Math.max(0, t0 - event.publishNanos), MAX_LATENCY_NANOS);
            endToEnd.recordValue(latency);
            if (endToEndCritical != null && event.decision.category == org.skyring.journal.Category.CRITICAL) {
                endToEndCritical.recordValue(latency);
            }
        }
        if (++events == ALLOCATION_WARMUP_EVENTS) {
            allocatedAtWarmup = threads.getCurrentThreadAllocatedBytes();
            eventsAtWarmup = events;
        }
    }

    @Override
    public void onShutdown() {
        allocatedAtEnd = threads.getCurrentThreadAllocatedBytes();
        for (final Stage s : stages) {
            s.onShutdown();
        }
    }

    public Stage[] stages() {
        return stages;
    }

    public Histogram stageLatency(final int i) {
        return stageLatency[i];
    }

    /** Bytes allocated by this thread after warm-up, or -1 if the run was shorter than the warm-up. */
    public long steadyStateAllocatedBytes() {
        return allocatedAtWarmup < 0 ? -1 : allocatedAtEnd - allocatedAtWarmup;
    }

    public long steadyStateEvents() {
        return allocatedAtWarmup < 0 ? 0 : events - eventsAtWarmup;
    }
}
