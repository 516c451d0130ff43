package org.skyring.adapters.generator;

import org.skyring.engine.port.ObservationSource;
import org.skyring.journal.ObservationRecord;

/**
 * {@link ObservationSource} over a {@link NightGenerator}: {@code count} observations as fast as the engine polls
 * (it is the load generator; pacing, if wanted, belongs to the caller). Allocation-free per poll.
 */
public final class GeneratedNightSource implements ObservationSource {
    private final NightGenerator generator;
    private final long count;
    private final String name;
    private long emitted;

    /** @param count number of observations before the source is exhausted; {@link Long#MAX_VALUE} for endless */
    public GeneratedNightSource(final NightGenerator generator, final long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        this.generator = generator;
        this.count = count;
        this.name = "generator:seed=" + generator.seed();
    }

    public NightGenerator generator() {
        return generator;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean poll(final ObservationRecord into) {
        if (emitted >= count) {
            return false;
        }
        generator.next(into);
        emitted++;
        return true;
    }

    @Override
    public boolean isExhausted() {
        return emitted >= count;
    }

    public long emitted() {
        return emitted;
    }
}
