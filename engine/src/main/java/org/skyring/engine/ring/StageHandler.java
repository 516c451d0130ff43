package org.skyring.engine.ring;

import com.lmax.disruptor.EventHandler;
import org.agrona.concurrent.status.AtomicCounter;
import org.skyring.engine.metrics.CounterKind;
import org.skyring.engine.metrics.LatencyRecorder;
import org.skyring.engine.metrics.LiveCounters;
import org.skyring.engine.stage.Stage;
import org.skyring.journal.Category;

import java.lang.management.ManagementFactory;

/**
 * One ring consumer thread running one or more stages in order on each entry. Records each stage's latency
 * and, when it holds the last stage, the end-to-end latency from the producer's claim, into its
 * {@link LatencyRecorder} (the metrics thread takes the intervals), and counts the entries into and out of
 * each stage in the live counters (this thread is their only writer). It also measures the bytes its thread
 * allocates after warm-up: the design's "~0 garbage per observation" is a measured figure, not a promise.
 */
public final class StageHandler implements EventHandler<ObservationEvent> {
    public static final String END_TO_END = "end_to_end";
    /** End-to-end latency of the live entries decided critical: the figure overload must not degrade. */
    public static final String END_TO_END_CRITICAL = "end_to_end_critical";
    private static final long ALLOCATION_WARMUP_EVENTS = 100_000;

    private final Stage[] stages;
    private final boolean recordsEndToEnd;
    private final LatencyRecorder latency;
    /** Per-entry scratch of stage latencies, handed to the recorder once per entry. */
    private final long[] stageNanos;
    private final AtomicCounter[] stageIn;
    private final AtomicCounter[] stageOut;
    /** Stages skipped in fast mode for entries marked deferred (the reclassifier runs them later). */
    private final boolean[] deferrable;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long events;
    private long allocatedAtWarmup = -1;
    private long allocatedAtEnd;
    private long eventsAtWarmup;
    private Runnable started = () -> { };

    /**
     * @param recordsEndToEnd true for the last handler: it records the end-to-end latency of live entries, and
     *                        apart that of the entries decided critical (kept bounded under overload)
     */
    public StageHandler(final boolean recordsEndToEnd, final Stage... stages) {
        this.stages = stages;
        this.recordsEndToEnd = recordsEndToEnd;
        final String[] tags = new String[stages.length + (recordsEndToEnd ? 2 : 0)];
        this.stageIn = new AtomicCounter[stages.length];
        this.stageOut = new AtomicCounter[stages.length];
        this.deferrable = new boolean[stages.length];
        for (int i = 0; i < stages.length; i++) {
            tags[i] = stages[i].name();
            stageIn[i] = LiveCounters.detached();
            stageOut[i] = LiveCounters.detached();
            deferrable[i] = stages[i].deferrable();
        }
        if (recordsEndToEnd) {
            tags[stages.length] = END_TO_END;
            tags[stages.length + 1] = END_TO_END_CRITICAL;
        }
        this.latency = new LatencyRecorder(tags);
        this.stageNanos = new long[stages.length];
    }

    /** Counts into the live counters from now on. Before the ring starts (the thread start publishes it). */
    public void countInto(final LiveCounters counters) {
        for (int i = 0; i < stages.length; i++) {
            stageIn[i] = counters.counter(CounterKind.STAGE_IN, stages[i].name());
            stageOut[i] = counters.counter(CounterKind.STAGE_OUT, stages[i].name());
        }
    }

    /** Runs once this handler's thread has started its stages (the pipeline waits for every handler's). */
    void whenStarted(final Runnable hook) {
        started = hook;
    }

    @Override
    public void onStart() {
        try {
            for (final Stage s : stages) {
                s.onStart();
            }
        } finally {
            started.run(); // even after a failed start: the pipeline's start must not wait forever
        }
    }

    @Override
    public void onEvent(final ObservationEvent event, final long sequence, final boolean endOfBatch) {
        if (event.kind == ObservationEvent.Kind.EMPTY) {
            return;
        }
        long t0 = System.nanoTime();
        int ran = 0;
        for (int i = 0; i < stages.length && !event.duplicate; i++) {
            if (event.deferred && deferrable[i]) {
                stageNanos[i] = -1; // not run: nothing to record for it
                continue; // fast mode: the reclassifier runs this stage later, from the journal
            }
            stageIn[i].incrementRelease();
            stages[i].onEvent(event);
            final long t1 = System.nanoTime();
            stageNanos[i] = t1 - t0;
            ran = i + 1;
            t0 = t1;
            if (!event.duplicate) {
                stageOut[i].incrementRelease();
            }
        }
        final long endToEnd = recordsEndToEnd && event.kind == ObservationEvent.Kind.LIVE && !event.duplicate
                ? Math.max(0, t0 - event.publishNanos) : -1;
        if (ran > 0 || endToEnd >= 0) {
            final boolean critical = endToEnd >= 0 && event.decision.category == Category.CRITICAL;
            latency.record(stageNanos, ran, stages.length, endToEnd, critical);
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

    public AtomicCounter stageOut(final int i) {
        return stageOut[i];
    }

    /** Where this handler records latency: the metrics thread takes its intervals. */
    public LatencyRecorder latency() {
        return latency;
    }

    /** Bytes allocated by this thread after warm-up, or -1 if the run was shorter than the warm-up. */
    public long steadyStateAllocatedBytes() {
        return allocatedAtWarmup < 0 ? -1 : allocatedAtEnd - allocatedAtWarmup;
    }

    public long steadyStateEvents() {
        return allocatedAtWarmup < 0 ? 0 : events - eventsAtWarmup;
    }
}
