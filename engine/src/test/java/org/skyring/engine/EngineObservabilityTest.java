package org.skyring.engine;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.metrics.CountersView;
import org.skyring.engine.metrics.LatencyRecorder;
import org.skyring.engine.metrics.MetricsAgent;
import org.skyring.journal.Category;
import org.skyring.journal.Destination;
import org.skyring.journal.ObservationRecord;

import java.io.File;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counters file and the latency interval log of a real engine run agree with its run summary. */
class EngineObservabilityTest {
    private static final int COUNT = 20_000;
    /** Defaults, with intervals short enough for several in one test run. */
    private final SkyringConfig config = SkyringConfig.parse("metrics:\n  latency_interval_ms: 100\n");
    private final SkyCatalog catalog = new SkyCatalog.Builder()
            .add("HIP 7", 50.0, 10.0, SourceType.STAR, 9.5).build("obs-catalog");

    @TempDir
    Path dir;

    private RunResult run(final int count) {
        final List<ObservationRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(EngineEndToEndTest.obs(i));
        }
        records.add(EngineEndToEndTest.obs(5)); // one re-delivery
        return new Engine(config, catalog).run(RunSpec.live(dir, List.of(new ListSource(records)), true, new AtomicBoolean()));
    }

    @Test
    void countersFileHoldsTheRunSummaryValuesAfterTheRun() {
        final RunResult r = run(COUNT);
        final Map<String, Object> summary = RunSummary.of(r);
        try (CountersView view = new CountersView(dir)) {
            final CountersView.Snapshot s = view.snapshot();
            assertNotNull(s, "counters file exists after the run");
            assertFalse(s.isRunning(), "the engine marked the file ended");
            assertEquals(ProcessHandle.current().pid(), s.pid());
            assertEquals(COUNT + 1, s.value("observations.received"));
            assertEquals(COUNT, s.value("observations.journaled"));
            assertEquals(1, s.value("observations.duplicates"));
            assertEquals(r.counters().decided(), s.value("observations.decided"));
            assertEquals(COUNT, s.value("observations.decided"));
            for (final Category c : Category.values()) {
                assertEquals(r.counters().category(c), s.value("category." + c.key()), c.key());
            }
            assertEquals(COUNT / 10, s.value("category.rejected"));
            for (final Destination d : Destination.all()) {
                assertEquals(summaryValue(summary, "destinations", d.queueName()), s.value("destination." + d.queueName()));
            }
            @SuppressWarnings("unchecked")
            final Map<String, Object> byReason = (Map<String, Object>) ((Map<String, Object>) summary.get("rejected")).get("by_reason");
            assertFalse(byReason.isEmpty());
            byReason.forEach((reason, n) -> assertEquals(((Number) n).longValue(), s.value("rejected." + reason), reason));
            // Every stage saw every non-duplicate entry; journal-in also saw the duplicate and did not pass it on.
            assertEquals(COUNT + 1, s.value("stage_in.journal_in"));
            assertEquals(COUNT, s.value("stage_out.journal_in"));
            for (final String stage : List.of("validate", "quality", "cross_match", "artifacts", "classify", "route")) {
                assertEquals(COUNT, s.value("stage_in." + stage), stage);
                assertEquals(COUNT, s.value("stage_out." + stage), stage);
            }
            assertEquals(0, s.value("gauge.journal_lag"), "everything journaled was routed");
            assertEquals(config.engine().ringSize(), s.value("gauge.ring_remaining_capacity"), "drained ring");
            assertEquals(0, s.value("gauge.pressure_level"));
            assertTrue(s.value("gauge.heartbeat_epoch_ms") >= s.startEpochMs());
            // Latency figures are those of the summary (the same run totals).
            @SuppressWarnings("unchecked")
            final Map<String, Map<String, Object>> latency = (Map<String, Map<String, Object>>) summary.get("latency_ns");
            latency.forEach((tag, p) -> {
                assertEquals(((Number) p.get("count")).longValue(), s.value("latency." + tag + ".count"), tag);
                assertEquals(((Number) p.get("p99")).longValue(), s.value("latency." + tag + ".p99"), tag);
                assertEquals(((Number) p.get("max")).longValue(), s.value("latency." + tag + ".max"), tag);
                // A run shorter than the recent window: the window holds the whole run.
                assertEquals(((Number) p.get("p99")).longValue(), s.value("latency." + tag + ".recent_p99"), tag);
            });
            assertEquals(COUNT, s.value("latency.end_to_end.count"));
        }
    }

    private static long summaryValue(final Map<String, Object> summary, final String section, final String key) {
        @SuppressWarnings("unchecked")
        final Map<String, Object> m = (Map<String, Object>) summary.get(section);
        return ((Number) m.get(key)).longValue();
    }

    @Test
    void latencyLogHoldsEveryRecordedEntryTaggedPerStageAndEndToEnd() throws Exception {
        final RunResult r = run(COUNT);
        final Path hlog;
        try (Stream<Path> files = Files.list(dir.resolve(MetricsAgent.LATENCY_DIR))) {
            final List<Path> all = files.toList();
            assertEquals(1, all.size(), "one log per run: " + all);
            hlog = all.get(0);
        }
        assertTrue(hlog.getFileName().toString().endsWith(".hlog"));
        final Map<String, Histogram> fromLog = readTotals(hlog.toFile());
        final Map<String, Histogram> expected = new LinkedHashMap<>(r.stageLatency());
        expected.put("end_to_end", r.endToEnd());
        expected.put("end_to_end_critical", r.overload().endToEndCritical());
        assertEquals(expected.keySet(), fromLog.keySet(), "one tag per stage plus end_to_end and end_to_end_critical");
        for (final Map.Entry<String, Histogram> e : expected.entrySet()) {
            final Histogram logged = fromLog.get(e.getKey());
            assertEquals(e.getValue().getTotalCount(), logged.getTotalCount(), e.getKey());
            assertEquals(e.getValue().getValueAtPercentile(99.9), logged.getValueAtPercentile(99.9), e.getKey());
            assertEquals(e.getValue().getMaxValue(), logged.getMaxValue(), e.getKey());
        }
        assertEquals(COUNT + 1, fromLog.get("journal_in").getTotalCount());
        assertEquals(COUNT, fromLog.get("validate").getTotalCount());
        assertEquals(r.counters().category(org.skyring.journal.Category.CRITICAL),
                fromLog.get("end_to_end_critical").getTotalCount(), "every live entry decided critical, once");
    }

    /** Sums every interval of the log per tag, the way HistogramLogAnalyzer totals a log. */
    static Map<String, Histogram> readTotals(final File hlog) throws FileNotFoundException {
        final Map<String, Histogram> totals = new LinkedHashMap<>();
        final HistogramLogReader reader = new HistogramLogReader(hlog);
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            assertTrue(h.getStartTimeStamp() >= reader.getStartTimeSec() * 1000 - 1, "intervals start after the log");
            assertTrue(h.getEndTimeStamp() >= h.getStartTimeStamp());
            totals.computeIfAbsent(h.getTag(), t -> LatencyRecorder.newHistogram()).add((Histogram) h);
        }
        return totals;
    }
}
