package org.skyring.perf;

import org.HdrHistogram.Histogram;
import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.engine.stage.Stage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pipeline most Java teams would write: the same stage objects, grouped onto threads as the engine's layout
 * groups them, joined by {@link ArrayBlockingQueue}s (as large as the engine's ring) with blocking put/take, and a
 * new event object per observation. Same journaling (the same JournalIn and Router on the same Chronicle files).
 */
final class BlockingQueueSystem implements SystemUnderTest {
    private static final ObservationEvent POISON = new ObservationEvent();

    private final TempJournals dir;
    private final List<Thread> threads = new ArrayList<>();
    private final BlockingQueue<ObservationEvent> head;
    private final Histogram latency = LatencyClock.newHistogram();
    private final AtomicLong completed = new AtomicLong();
    private ObservationEvent prepared;
    private long sent;

    BlockingQueueSystem(final Workload w, final ThreadLayout layout) {
        dir = TempJournals.journalSet("bench-queues-", w);
        final StageSet s = new StageSet(w, dir.dir, dir.journals);
        final int capacity = w.config().engine().ringSize();
        final List<Stage[]> groups = s.groups(layout);
        head = new ArrayBlockingQueue<>(capacity);
        BlockingQueue<ObservationEvent> in = head;
        for (int g = 0; g < groups.size(); g++) {
            final boolean last = g == groups.size() - 1;
            final BlockingQueue<ObservationEvent> out = last ? null : new ArrayBlockingQueue<>(capacity);
            final Stage[] stages = groups.get(g);
            final BlockingQueue<ObservationEvent> from = in;
            final Thread t = new Thread(() -> runStages(stages, from, out), "bench-queue-stage-" + g);
            t.setDaemon(true);
            threads.add(t);
            in = out;
        }
        threads.forEach(Thread::start);
    }

    private void runStages(final Stage[] stages, final BlockingQueue<ObservationEvent> in,
                           final BlockingQueue<ObservationEvent> out) {
        for (final Stage s : stages) {
            s.onStart();
        }
        try {
            while (true) {
                final ObservationEvent e = in.take();
                if (e != POISON) {
                    for (int i = 0; i < stages.length && !e.duplicate; i++) {
                        stages[i].onEvent(e);
                    }
                }
                if (out != null) {
                    out.put(e);
                } else if (e != POISON) {
                    LatencyClock.recordSince(latency, e.publishNanos);
                    completed.lazySet(completed.get() + 1);
                }
                if (e == POISON) {
                    return;
                }
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            for (final Stage s : stages) {
                s.onShutdown();
            }
        }
    }

    @Override
    public void prepare(final ObservationFeed feed) {
        prepared = new ObservationEvent();
        prepared.kind = ObservationEvent.Kind.LIVE;
        feed.next(prepared.obs);
    }

    @Override
    public void send(final long intendedNanos) {
        prepared.publishNanos = intendedNanos;
        try {
            head.put(prepared);
            sent++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending", e);
        }
    }

    @Override
    public boolean completed() {
        return completed.get() >= sent;
    }

    @Override
    public void close() {
        try {
            head.put(POISON);
            for (final Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping", e);
        }
        dir.close();
    }

    @Override
    public Histogram takeLatency() {
        return LatencyClock.takeAndReset(latency);
    }
}
