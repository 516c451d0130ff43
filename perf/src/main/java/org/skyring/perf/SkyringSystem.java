package org.skyring.perf;

import org.HdrHistogram.Histogram;
import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.config.WaitStrategyChoice;
import org.skyring.engine.ring.Pipeline;

/**
 * Skyring: the engine's own {@link Pipeline} (ring, stage handlers, per-stage histograms) with real journaling.
 * The producer is a {@link RingProducer}, so the pipeline's own end-to-end histogram is corrected for coordinated
 * omission.
 */
final class SkyringSystem implements SystemUnderTest {
    private final TempJournals dir;
    private final Pipeline pipeline;
    private final RingProducer producer;

    SkyringSystem(final Workload w, final ThreadLayout layout, final WaitStrategyChoice wait) {
        dir = TempJournals.journalSet("bench-skyring-", w);
        final StageSet s = new StageSet(w, dir.journals);
        pipeline = new Pipeline(w.config().engine().ringSize(), layout, wait, s.journalIn, s.validator, s.quality,
                s.crossMatch, s.artifacts, s.classifier, s.router);
        producer = new RingProducer(pipeline.start());
    }

    @Override
    public void prepare(final ObservationFeed feed) {
        producer.prepare(feed);
    }

    @Override
    public void send(final long intendedNanos) {
        producer.send(intendedNanos);
    }

    @Override
    public boolean completed() {
        return producer.completed();
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
