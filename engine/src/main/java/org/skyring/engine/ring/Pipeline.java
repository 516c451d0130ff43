package org.skyring.engine.ring;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.config.WaitStrategyChoice;
import org.skyring.engine.stage.ArtifactFilter;
import org.skyring.engine.stage.Classifier;
import org.skyring.engine.stage.JournalIn;
import org.skyring.engine.stage.KnownObjectFilter;
import org.skyring.engine.stage.PressureTriage;
import org.skyring.engine.stage.QualityFilter;
import org.skyring.engine.stage.Router;
import org.skyring.engine.stage.Validator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The ring and its consumers, wired as the design's diagram:
 * journal-in -> validate+quality -> (cross-match || artifacts) -> classify -> route.
 * The thread layout decides how those stages are grouped onto consumer threads; the order of effects is the
 * same in every layout, so decisions do not depend on it.
 */
public final class Pipeline {
    private final Disruptor<ObservationEvent> disruptor;
    private final List<StageHandler> handlers = new ArrayList<>();
    private final StageHandler first;
    private StageHandler lastHandler;
    private com.lmax.disruptor.RingBuffer<ObservationEvent> ring;
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Counted down by each handler once its thread runs (past the Disruptor's IDLE state) and its stages started. */
    private final CountDownLatch consumersRunning;

    public Pipeline(final int ringSize, final ThreadLayout layout, final WaitStrategyChoice wait,
                    final JournalIn journalIn, final Validator validator, final QualityFilter quality,
                    final PressureTriage triage, final KnownObjectFilter crossMatch, final ArtifactFilter artifacts, final Classifier classifier,
                    final Router router) {
        this(ringSize, layout, wait, journalIn, validator, quality, triage, crossMatch, artifacts, classifier, router,
                UnaryOperator.identity());
    }

    /**
     * @param threadBody wraps what each consumer thread runs (tests: a thread that gets to run only after the
     *                   producer has moved on, as a loaded machine can schedule it)
     */
    Pipeline(final int ringSize, final ThreadLayout layout, final WaitStrategyChoice wait,
             final JournalIn journalIn, final Validator validator, final QualityFilter quality,
             final PressureTriage triage, final KnownObjectFilter crossMatch, final ArtifactFilter artifacts,
             final Classifier classifier, final Router router, final UnaryOperator<Runnable> threadBody) {
        final AtomicInteger threadNo = new AtomicInteger();
        disruptor = new Disruptor<>(ObservationEvent::new, ringSize,
                r -> {
                    final Thread t = new Thread(threadBody.apply(r), "skyring-stage-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    threads.add(t);
                    return t;
                },
                ProducerType.SINGLE, waitStrategy(wait));
        switch (layout) {
            case SINGLE:
                first = last(journalIn, validator, quality, triage, crossMatch, artifacts, classifier, router);
                disruptor.handleEventsWith(first);
                break;
            case PER_STAGE:
                first = handler(journalIn);
                disruptor.handleEventsWith(first)
                        .then(handler(validator, quality, triage))
                        .then(handler(crossMatch), handler(artifacts))
                        .then(handler(classifier))
                        .then(last(router));
                break;
            case COMPACT:
            default:
                first = handler(journalIn);
                disruptor.handleEventsWith(first)
                        .then(last(validator, quality, triage, crossMatch, artifacts, classifier, router));
                break;
        }
        consumersRunning = new CountDownLatch(handlers.size());
        for (final StageHandler h : handlers) {
            h.whenStarted(consumersRunning::countDown);
        }
    }

    private StageHandler handler(final org.skyring.engine.stage.Stage... stages) {
        final StageHandler h = new StageHandler(false, stages);
        handlers.add(h);
        return h;
    }

    private StageHandler last(final org.skyring.engine.stage.Stage... stages) {
        final StageHandler h = new StageHandler(true, stages);
        handlers.add(h);
        lastHandler = h;
        return h;
    }

    /** The Disruptor wait strategy for a config choice (public: the perf harness builds its limit ring with it). */
    public static WaitStrategy waitStrategy(final WaitStrategyChoice choice) {
        switch (choice) {
            case BUSY_SPIN:
                return new BusySpinWaitStrategy();
            case SLEEPING:
                return new SleepingWaitStrategy();
            case BLOCKING:
                return new BlockingWaitStrategy();
            case YIELDING:
            default:
                return new YieldingWaitStrategy();
        }
    }

    /**
     * Starts the consumer threads and returns only once every one of them is running, its stages started.
     *
     * <p>Why wait: the Disruptor's shutdown drains only the consumers that have begun running. A consumer whose
     * thread the OS has not scheduled yet (a loaded machine, a GC) is left out of the drain, halted, and exits
     * without processing anything; every entry published meanwhile was then silently neither journaled nor
     * decided, and the run reported success (engine tests saw whole runs with 0 journaled).
     */
    public com.lmax.disruptor.RingBuffer<ObservationEvent> start() {
        ring = disruptor.start();
        try {
            consumersRunning.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the ring", e);
        }
        return ring;
    }

    /** Fraction of the ring holding entries not yet through every stage, 0..1; any thread (pressure signal). */
    public double fill() {
        final com.lmax.disruptor.RingBuffer<ObservationEvent> r = ring;
        return r == null ? 0.0 : 1.0 - (double) r.remainingCapacity() / r.getBufferSize();
    }

    /** Entries journal-in has passed that routing has not: journaled, not yet decided; any thread. */
    public long undecided() {
        if (ring == null) {
            return 0;
        }
        return Math.max(0, disruptor.getSequenceValueFor(first) - disruptor.getSequenceValueFor(lastHandler));
    }

    /**
     * Waits until every published entry has passed every stage, stops the consumer threads and joins them, so
     * that every stage's onShutdown (closing its appenders) has run before the journals are closed.
     */
    public void drainAndStop() {
        disruptor.shutdown();
        for (final Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping the ring", e);
            }
        }
        // The Disruptor's drain skips a consumer that is not running (never started, or died of an exception):
        // an entry it left behind must fail the run, never pass as processed.
        final long published = disruptor.getCursor();
        for (final StageHandler h : handlers) {
            final long done = disruptor.getSequenceValueFor(h);
            if (done < published) {
                throw new IllegalStateException("the ring stopped with " + (published - done)
                        + " published entries not through stage " + h.stages()[0].name());
            }
        }
    }

    /**
     * The highest ring sequence the first consumer (the one holding journal-in, in every layout) has finished:
     * everything published at or below it is in the input journal. Any thread; a volatile read.
     */
    public long journaledSequence() {
        return disruptor.getSequenceValueFor(handlers.get(0));
    }

    /** The ring (usable before {@link #start()} for wiring readers of its sequences). */
    public com.lmax.disruptor.RingBuffer<ObservationEvent> ring() {
        return disruptor.getRingBuffer();
    }

    /** The live "out" counter of the stage with this name (after {@link StageHandler#countInto}). */
    public org.agrona.concurrent.status.AtomicCounter stageOut(final String stageName) {
        for (final StageHandler h : handlers) {
            for (int i = 0; i < h.stages().length; i++) {
                if (h.stages()[i].name().equals(stageName)) {
                    return h.stageOut(i);
                }
            }
        }
        throw new IllegalArgumentException("no stage named " + stageName + " in this pipeline");
    }

    public List<StageHandler> handlers() {
        return handlers;
    }
}
