package org.skyring.cli;

import com.fasterxml.jackson.databind.JsonNode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SyntheticCatalog;
import org.skyring.engine.Engine;
import org.skyring.engine.OverloadReport;
import org.skyring.engine.RunResult;
import org.skyring.engine.RunSpec;
import org.skyring.engine.alert.AlertAcks;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.alert.AlertState;
import org.skyring.engine.alert.TextJournal;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.pressure.PressureController;
import org.skyring.engine.pressure.Reclassifier;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalReads;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.TruthLabel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A sustained burst far beyond capacity through the real ring and real journals: the generator offers a night
 * as fast as the ingest thread can claim entries into a small ring, so the ring is full for the whole burst and
 * the producer is always waiting (the engine decides a few times slower than it is offered). Orderings and
 * counts only; latency figures are printed, never asserted.
 */
class OverloadTest {
    private static final RollCycles ROLL = RollCycles.FAST_HOURLY;
    private static final int OFFERED = 60_000;
    private static final String CONFIG = """
            engine:
              ring_size: 2048
            known_objects:
              synthetic_sources: 20000
            alerts:
              channels: [queue]
              escalation_chain: [queue]
            pressure:
              sample_interval_ms: 1
              calm_samples: 3
            """;

    @TempDir
    Path dir;

    @Test
    void pressureRisesThroughEveryLevelAndFallsNothingIsLostCriticalEventsAreNeverDeferredAndDeferredOnesAreReclassified() {
        final SkyringConfig config = SkyringConfig.parse(CONFIG);
        final SkyCatalog catalog = SyntheticCatalog.generate(config.knownObjects().syntheticSources(),
                config.knownObjects().syntheticSeed());
        final long night = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.HOURS.toNanos(10);
        final GeneratedNightSource source = new GeneratedNightSource(new NightGenerator(catalog, 11, night), OFFERED);
        final Path data = dir.resolve("data");
        final RunResult r = new Engine(config, catalog).alertChannels(Map.of())
                .run(RunSpec.live(data, List.of(source), true, new AtomicBoolean()));
        final OverloadReport o = r.overload();

        // Nothing lost: every offered observation is journaled and decided exactly once.
        assertEquals(OFFERED, r.received());
        assertEquals(OFFERED, count(data, JournalSet.INPUT), "input journal count == offered");
        assertEquals(OFFERED, count(data, JournalSet.DECISIONS));
        assertEquals(OFFERED, r.counters().destination(Destination.ARCHIVE)
                + r.counters().destination(Destination.REJECTED), "the summary reconciles");

        // The level rose through every level in order, and fell; every change journaled with its cause.
        final List<JsonNode> changes = new ArrayList<>();
        try (TextJournal j = TextJournal.open(data, PressureController.QUEUE, ROLL)) {
            j.readAll(json -> changes.add(AlertJson.read(json)));
        }
        assertTrue(changes.size() >= 4, "changes: " + changes);
        assertEquals(List.of("normal>moderate", "moderate>high", "high>critical"),
                changes.subList(0, 3).stream().map(c -> c.get("from").asText() + ">" + c.get("to").asText()).toList());
        assertTrue(changes.stream().anyMatch(c -> c.get("from").asText().equals("critical")), "and fell again");
        changes.forEach(c -> assertFalse(c.get("cause").asText().isEmpty()));
        assertTrue(o.sourcePauses() > 0, "sources paused at CRITICAL");

        // Read back every decision with the truth of its observation.
        final Map<Long, TruthLabel> truth = new HashMap<>();
        try (ChronicleQueue q = JournalSet.openQueue(data, JournalSet.INPUT, ROLL); JournalCursor c = new JournalCursor(q)) {
            final ObservationRecord obs = new ObservationRecord();
            while (c.nextObservation(obs)) {
                truth.put(c.index(), obs.truthLabel);
            }
        }
        long deferred = 0;
        long fastTransients = 0;
        try (ChronicleQueue q = JournalSet.openQueue(data, JournalSet.DECISIONS, ROLL); JournalCursor c = new JournalCursor(q)) {
            final DecisionRecord d = new DecisionRecord();
            while (c.nextDecision(d)) {
                if (d.isDeferred()) {
                    deferred++;
                    assertEquals(Category.ROUTINE, d.category, "provisional decision");
                    assertEquals(Destination.ARCHIVE.mask(), d.destinations, "deferred events are archived");
                }
                if (truth.get(d.inputIndex) == TruthLabel.FAST_TRANSIENT) {
                    fastTransients++;
                    assertFalse(d.isDeferred(), "a critical candidate is never deferred");
                    assertEquals(Category.CRITICAL, d.category, "and is fully classified on the first pass");
                }
            }
        }
        assertTrue(fastTransients > 0);
        assertTrue(deferred > 0, "fast mode deferred routine-looking events");
        assertEquals(deferred, o.deferred());

        // Deferred events were all fully classified afterwards, none of them critical.
        assertEquals(deferred, o.reclassified());
        assertEquals(deferred, count(data, Reclassifier.QUEUE));
        try (ChronicleQueue q = JournalSet.openQueue(data, Reclassifier.QUEUE, ROLL); JournalCursor c = new JournalCursor(q)) {
            final DecisionRecord d = new DecisionRecord();
            final ObservationRecord obs = new ObservationRecord();
            while (c.nextRouted(d, obs)) {
                assertTrue((d.flags & DecisionRecord.FLAG_RECLASSIFIED) != 0);
                assertTrue(d.category != Category.CRITICAL, "nothing critical was deferred");
            }
        }

        // Every critical event was alerted, from the first pass (no alert came from reclassification).
        final long critical = r.counters().category(Category.CRITICAL);
        assertEquals(critical, count(data, Destination.ALERT.queueName()));
        assertEquals(critical, o.endToEndCritical().getTotalCount(), "each critical event was decided live, once");
        try (AlertAcks acks = AlertAcks.open(data, ROLL)) {
            final List<AlertState> all = new ArrayList<>(acks.book().all());
            assertEquals(critical, all.stream().filter(s -> s.alert.category().equals("critical")).count());
            assertTrue(all.stream().anyMatch(s -> s.alert.category().equals("operator")
                    && s.alert.summary().contains("pressure CRITICAL")), "the operator was alerted");
        }

        // A replay (no fast mode) makes exactly the full decisions: deferred ones compare through reclassification.
        final Path replayDir = dir.resolve("replay");
        new Engine(config, catalog).run(RunSpec.replay(data, replayDir));
        final long[] pending = new long[1];
        assertEquals(0, ReplayCommand.compare(data, replayDir, config, new ArrayList<>(), pending));
        assertEquals(0, pending[0]);

        System.out.printf("overload: offered %d, deferred %d, reclassified %d (%d changed category), source pauses %d,"
                        + " seconds at normal/moderate/high/critical %.3f/%.3f/%.3f/%.3f%n", OFFERED, deferred,
                o.reclassified(), o.reclassifiedChanged(), o.sourcePauses(), o.nanosAtLevel()[0] / 1e9,
                o.nanosAtLevel()[1] / 1e9, o.nanosAtLevel()[2] / 1e9, o.nanosAtLevel()[3] / 1e9);
        System.out.printf("overload: end-to-end p99 critical %.1f ms (n=%d) vs all %.1f ms (n=%d)%n",
                o.endToEndCritical().getValueAtPercentile(99) / 1e6, o.endToEndCritical().getTotalCount(),
                r.endToEnd().getValueAtPercentile(99) / 1e6, r.endToEnd().getTotalCount());
    }

    private static long count(final Path data, final String queue) {
        try (ChronicleQueue q = JournalSet.openQueue(data, queue, ROLL)) {
            return JournalReads.count(q);
        }
    }
}
