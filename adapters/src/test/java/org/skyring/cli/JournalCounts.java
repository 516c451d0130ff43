package org.skyring.cli;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalReads;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;

import java.io.File;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a data directory's journals hold, read the way an auditor would (for crash and Kafka tests). */
public final class JournalCounts {
    private JournalCounts() {
    }

    public static long count(final Path data, final String queue) {
        try (ChronicleQueue q = JournalSet.openQueue(data, queue, RollCycles.FAST_HOURLY)) {
            return JournalReads.count(q);
        }
    }

    /**
     * Distinct observations in the input journal, as "id#partition:offset" (id-less invalid records differ by their
     * source position); a record cut by a kill may be journaled twice, and counts once here.
     */
    public static Set<String> journaledIds(final Path data) {
        final Set<String> ids = new HashSet<>();
        try (ChronicleQueue q = JournalSet.openQueue(data, JournalSet.INPUT, RollCycles.FAST_HOURLY);
             JournalCursor c = new JournalCursor(q)) {
            final ObservationRecord obs = new ObservationRecord();
            while (c.nextObservation(obs)) {
                ids.add(obs.observationId + "#" + obs.sourcePartition + ":" + obs.sourceOffset);
            }
        }
        return ids;
    }

    public static long distinctRouted(final Path data, final Destination d) {
        final Set<Long> inputs = new HashSet<>();
        try (ChronicleQueue q = JournalSet.openQueue(data, d.queueName(), RollCycles.FAST_HOURLY);
             JournalCursor c = new JournalCursor(q)) {
            final DecisionRecord dec = new DecisionRecord();
            final ObservationRecord obs = new ObservationRecord();
            while (c.nextRouted(dec, obs)) {
                inputs.add(dec.inputIndex);
            }
        }
        return inputs.size();
    }

    /** True once the queue has a file (the engine has started writing it). */
    public static boolean exists(final Path data, final String queue) {
        final File[] files = JournalSet.queueDir(data, queue).toFile().listFiles((d, n) -> n.endsWith(".cq4"));
        return files != null && files.length > 0;
    }

    /**
     * Every one of {@code expected} observations was decided exactly once and ended in exactly one of archive
     * or rejected, and no destination queue holds an observation twice.
     */
    public static void assertRoutedExactlyOnce(final Path data, final long expected) {
        assertEquals(expected, count(data, JournalSet.DECISIONS), "every observation decided exactly once");
        final long archived = distinctRouted(data, Destination.ARCHIVE);
        final long rejected = distinctRouted(data, Destination.REJECTED);
        assertEquals(expected, archived + rejected, "each ends in exactly one of archive or rejected");
        assertEquals(archived, count(data, Destination.ARCHIVE.queueName()), "no observation archived twice");
        assertEquals(rejected, count(data, Destination.REJECTED.queueName()), "no observation dead-lettered twice");
        for (final Destination d : List.of(Destination.ALERT, Destination.PRIORITY_REVIEW, Destination.STANDARD_REVIEW,
                Destination.MANUAL_TRIAGE)) {
            assertEquals(distinctRouted(data, d), count(data, d.queueName()), "no duplicate in " + d.queueName());
        }
    }
}
