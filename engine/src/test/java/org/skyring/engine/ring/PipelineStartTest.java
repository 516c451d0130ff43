package org.skyring.engine.ring;

import com.lmax.disruptor.RingBuffer;
import net.openhft.chronicle.queue.RollCycles;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.engine.EngineVersion;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.stage.ArtifactFilter;
import org.skyring.engine.stage.Classifier;
import org.skyring.engine.stage.EngineCounters;
import org.skyring.engine.stage.JournalIn;
import org.skyring.engine.stage.KnownObjectFilter;
import org.skyring.engine.stage.PressureTriage;
import org.skyring.engine.stage.QualityFilter;
import org.skyring.engine.stage.Router;
import org.skyring.engine.stage.Validator;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalAppender;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalReads;
import org.skyring.journal.JournalSet;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ring with its real stages and real Chronicle files, when its consumer threads get the CPU late.
 *
 * <p>The Disruptor's shutdown waits only for consumers that have begun running; one whose thread has not yet
 * been scheduled is halted before it starts and never processes the entries already published. On a loaded
 * two-core machine that happened to a whole engine run (1100 observations received, none journaled, none
 * decided, the run reported as finished). Here the consumer threads are held back deterministically: each runs
 * only once the producer thread is waiting (in the pipeline's start, or else in its stop).
 */
class PipelineStartTest {
    private static final int ENTRIES = 100;

    @TempDir
    Path dir;

    @Test
    void entriesPublishedBeforeTheConsumerThreadsRunAreAllJournaledAndDecided() {
        final Thread producer = Thread.currentThread();
        final UnaryOperator<Runnable> scheduledLate = body -> () -> {
            while (producer.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            body.run();
        };
        for (final ThreadLayout layout : ThreadLayout.values()) {
            final Path data = dir.resolve(layout.name());
            final SkyringConfig config = SkyringConfig.parse("engine:\n  dedupe_window: 1024\n");
            final SkyCatalog catalog = new SkyCatalog.Builder()
                    .add("HIP 7", 50.0, 10.0, SourceType.STAR, 9.5).build("pipeline-start-catalog");
            try (JournalSet journals = JournalSet.open(data, RollCycles.FAST_HOURLY)) {
                final long[] nothingRouted = new long[Destination.values().length];
                Arrays.fill(nothingRouted, -1L);
                final EngineCounters counters = new EngineCounters();
                final JournalIn journalIn = new JournalIn(() -> new JournalAppender(journals.input()),
                        () -> new JournalCursor(journals.input()), new SystemEpochNanoClock(), "test-host",
                        EngineVersion.VERSION, config.engine().dedupeWindow());
                final Classifier classifier = new Classifier(config, catalog.version(), EngineVersion.VERSION);
                final Pipeline pipeline = new Pipeline(1024, layout, config.engine().waitStrategy(), journalIn,
                        new Validator(config.validation()), new QualityFilter(config.quality()),
                        new PressureTriage(() -> 0, classifier, config), new KnownObjectFilter(config.knownObjects(), catalog),
                        new ArtifactFilter(config.artifacts()), classifier,
                        new Router(journals, nothingRouted, -1L, counters), scheduledLate);
                final RingBuffer<ObservationEvent> ring = pipeline.start();
                for (int i = 0; i < ENTRIES; i++) {
                    final long seq = ring.next();
                    final ObservationEvent e = ring.get(seq);
                    e.reset(ObservationEvent.Kind.LIVE);
                    e.obs.observationId.set("obs-" + i);
                    e.publishNanos = System.nanoTime();
                    ring.publish(seq);
                }
                pipeline.drainAndStop();

                assertEquals(ENTRIES, journalIn.journaled(), layout + ": every published entry journaled");
                assertEquals(ENTRIES, counters.decided(), layout + ": every published entry decided");
                assertEquals(ENTRIES, JournalReads.count(journals.input()), layout.name());
                assertEquals(ENTRIES, JournalReads.count(journals.decisions()), layout.name());
            }
        }
    }
}
