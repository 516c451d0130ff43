package org.skyring.engine;

import org.HdrHistogram.Histogram;
import org.skyring.engine.stage.EngineCounters;

import java.util.Map;

/**
 * Everything a run measured: counts, per-stage and end-to-end latency, allocation, wall time.
 *
 * @param stageLatency            per stage name, nanoseconds
 * @param engineBytesPerObs       bytes allocated per observation by the ring consumers after warm-up (-1 if unmeasured)
 * @param ingestBytesPerObs       the same for the ingest thread (source decoding and publishing)
 * @param overload                pressure levels, fast mode, reclassification and alerts of the run
 */
public record RunResult(long received, long journaled, long duplicates, long recovered, EngineCounters counters,
                        Map<String, Histogram> stageLatency, Histogram endToEnd, long elapsedNanos,
                        double engineBytesPerObs, double ingestBytesPerObs, String configVersion,
                        String catalogVersion, OverloadReport overload) {

    public double throughputPerSecond() {
        final long n = received + counters.recoveredDecided();
        return elapsedNanos <= 0 ? 0 : n * 1e9 / elapsedNanos;
    }
}
