package org.skyring.perf;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import org.HdrHistogram.Histogram;
import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.config.WaitStrategyChoice;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.engine.ring.Pipeline;

/**
 * The ring's limit: a Disruptor of the engine's shape (same entries, size, wait strategy, and consumer threads
 * per layout) whose handlers do nothing, except that the last one records end-to-end latency. No journal.
 */
final class DisruptorLimitSystem extends RingSystem {
    private final Disruptor<ObservationEvent> disruptor;
    private final Histogram latency = LatencyClock.newHistogram();

    DisruptorLimitSystem(final Workload w, final ThreadLayout layout, final WaitStrategyChoice wait) {
        disruptor = new Disruptor<>(ObservationEvent::new, w.config().engine().ringSize(), DaemonThreadFactory.INSTANCE,
                ProducerType.SINGLE, Pipeline.waitStrategy(wait));
        final EventHandler<ObservationEvent> last = (e, seq, end) -> LatencyClock.recordSince(latency, e.publishNanos);
        switch (layout) {
            case SINGLE:
                disruptor.handleEventsWith(last);
                break;
            case PER_STAGE:
                disruptor.handleEventsWith(new NoOp()).then(new NoOp()).then(new NoOp(), new NoOp()).then(new NoOp())
                        .then(last);
                break;
            case COMPACT:
            default:
                disruptor.handleEventsWith(new NoOp()).then(last);
                break;
        }
        publishTo(disruptor.start());
    }

    @Override
    public void close() {
        disruptor.shutdown();
    }

    @Override
    public Histogram takeLatency() {
        return LatencyClock.takeAndReset(latency);
    }

    /** A distinct instance per consumer (the Disruptor registers handlers by identity). */
    private static final class NoOp implements EventHandler<ObservationEvent> {
        @Override
        public void onEvent(final ObservationEvent event, final long sequence, final boolean endOfBatch) {
        }
    }
}
