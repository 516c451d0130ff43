package org.skyring.adapters;

import org.skyring.journal.ObservationRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The observations one message decoded into, held until the engine polls them one by one. An
 * {@link AlertDecoder.Sink}: it copies each record into a pooled one (records are reused, so after warm-up a
 * message costs no allocation here). Single-threaded, owned by one source.
 */
public final class DecodedBatch implements AlertDecoder.Sink {
    private final List<ObservationRecord> pool = new ArrayList<>();
    private int size;
    private int next;

    /** Empties the batch before decoding the next message. */
    public void reset() {
        size = 0;
        next = 0;
    }

    @Override
    public void accept(final ObservationRecord observation) {
        if (size == pool.size()) {
            pool.add(new ObservationRecord());
        }
        pool.get(size++).copyFrom(observation);
    }

    public boolean hasNext() {
        return next < size;
    }

    /** True when the record most recently taken by {@link #next} was the message's last one. */
    public boolean tookLast() {
        return next == size;
    }

    /** Copies the next observation into {@code into}. */
    public void next(final ObservationRecord into) {
        into.copyFrom(pool.get(next++));
    }

    /** Drops what has not been taken yet (a revoked partition's remainder). */
    public void discard() {
        next = size;
    }
}
