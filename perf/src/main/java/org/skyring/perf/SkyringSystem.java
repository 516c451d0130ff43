package org.skyring.perf;

import org.HdrHistogram.Histogram;
import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.config.WaitStrategyChoice;
import org.skyring.engine.ring.Pipeline;

/**
 * Skyring: the engine's own {@link Pipeline} (ring, stage handlers, per-stage histograms) with real journaling.
 * Its producer side ({@link RingSystem}) publishes with the intended send time, so the pipeline's own end-to-end
 * histogram is corrected for coordinated omission.
 */
final class SkyringSystem extends RingSystem {
    private final TempJournals dir;
    private final Pipeline pipeline;

    SkyringSystem(final Workload w, final ThreadLayout layout, final WaitStrategyChoice wait) {
        dir = TempJournals.journalSet("bench-skyring-", w);
        final StageSet s = new StageSet(w, dir.dir, dir.journals);
        pipeline = new Pipeline(w.config().engine().ringSize(), layout, wait, s.journalIn, s.validator, s.quality,
                s.triage, s.crossMatch, s.artifacts, s.classifier, s.router);
        publishTo(pipeline.start());
    }

    @Override
    public void close() {
        pipeline.drainAndStop();
        dir.close();
    }

    @Override
    public Histogram takeLatency() {
        // The end-to-end histogram lives in the last handler's interval recorder (engine metrics): taking an
        // interval hands over everything recorded since the previous take, as takeAndReset did.
        final Histogram total = LatencyClock.newHistogram();
        for (final org.skyring.engine.ring.StageHandler h : pipeline.handlers()) {
            for (final Histogram interval : h.latency().nextInterval()) {
                if (org.skyring.engine.ring.StageHandler.END_TO_END.equals(interval.getTag())) {
                    total.add(interval);
                }
            }
        }
        return total;
    }
}
