package org.skyring.perf;

import com.lmax.disruptor.RingBuffer;
import org.skyring.engine.ring.ObservationEvent;

/**
 * The producer side shared by the ring-based systems, as {@code Engine}'s ingest loop does it: claim an entry,
 * reset and fill it, then publish it with the intended send time as its publish time (so the last handler's
 * end-to-end latency is corrected for coordinated omission). Used only from the producer thread.
 */
final class RingProducer {
    private final RingBuffer<ObservationEvent> ring;
    private long claimed = -1;

    RingProducer(final RingBuffer<ObservationEvent> ring) {
        this.ring = ring;
    }

    void prepare(final ObservationFeed feed) {
        claimed = ring.next();
        final ObservationEvent e = ring.get(claimed);
        e.reset(ObservationEvent.Kind.LIVE);
        feed.next(e.obs);
    }

    void send(final long intendedNanos) {
        ring.get(claimed).publishNanos = intendedNanos;
        ring.publish(claimed);
    }

    /** Every consumer has passed the last published entry. */
    boolean completed() {
        return ring.getMinimumGatingSequence() >= claimed;
    }
}
