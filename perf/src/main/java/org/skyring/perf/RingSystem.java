package org.skyring.perf;

import com.lmax.disruptor.RingBuffer;
import org.skyring.engine.ring.ObservationEvent;

/**
 * The producer side shared by the ring-based systems, as {@code Engine}'s ingest loop does it: claim an entry,
 * reset and fill it, then publish it with the intended send time as its publish time (so the last handler's
 * end-to-end latency is corrected for coordinated omission). Used only from the producer thread.
 */
abstract class RingSystem implements SystemUnderTest {
    private RingBuffer<ObservationEvent> ring;
    private long claimed = -1;

    /** Called once by the subclass's constructor with its started ring. */
    protected final void publishTo(final RingBuffer<ObservationEvent> startedRing) {
        this.ring = startedRing;
    }

    @Override
    public final void prepare(final ObservationFeed feed) {
        claimed = ring.next();
        final ObservationEvent e = ring.get(claimed);
        e.reset(ObservationEvent.Kind.LIVE);
        feed.next(e.obs);
    }

    @Override
    public final void send(final long intendedNanos) {
        ring.get(claimed).publishNanos = intendedNanos;
        ring.publish(claimed);
    }

    /** Every consumer has passed the last published entry. */
    @Override
    public final boolean completed() {
        return ring.getMinimumGatingSequence() >= claimed;
    }
}
