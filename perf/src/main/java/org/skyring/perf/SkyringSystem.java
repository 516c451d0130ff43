package org.skyring.perf;

import com.lmax.disruptor.RingBuffer;
import org.HdrHistogram.Histogram;
import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.config.WaitStrategyChoice;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.engine.ring.Pipeline;

/**
 * Skyring: the engine's own {@link Pipeline} (ring, stage handlers, per-stage histograms) with real journaling.
 * The producer does what {@code Engine}'s ingest loop does: claim an entry, reset it, fill it, publish it; the
 * entry's publish time is the intended send time, so the pipeline's end-to-end histogram is corrected for
 * coordinated omission.
 */
final class SkyringSystem implements SystemUnderTest {
    private final TempJournals dir;
    private final Pipeline pipeline;
    private final RingBuffer<ObservationEvent> ring;
    private long claimed = -1;

    SkyringSystem(final Workload w, final ThreadLayout layout, final WaitStrategyChoice wait) {
        dir = TempJournals.journalSet("bench-skyring-", w);
        final StageSet s = new StageSet(w, dir.journals);
        pipeline = new Pipeline(w.config().engine().ringSize(), layout, wait, s.journalIn, s.validator, s.quality,
                s.crossMatch, s.artifacts, s.classifier, s.router);
        ring = pipeline.start();
    }

    @Override
    public void prepare(final ObservationFeed feed) {
        claimed = ring.next();
        final ObservationEvent e = ring.get(claimed);
        e.reset(ObservationEvent.Kind.LIVE);
        feed.next(e.obs);
    }

    @Override
    public void send(final long intendedNanos) {
        ring.get(claimed).publishNanos = intendedNanos;
        ring.publish(claimed);
    }

    @Override
    public boolean completed() {
        return ring.getMinimumGatingSequence() >= claimed;
    }

    @Override
    public void close() {
        pipeline.drainAndStop();
        dir.close();
    }

    @Override
    public Histogram takeLatency() {
        return LatencyClock.takeAndReset(pipeline.endToEndLatency());
    }
}
