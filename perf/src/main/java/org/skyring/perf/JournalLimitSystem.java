package org.skyring.perf;

import net.openhft.chronicle.queue.ChronicleQueue;
import org.HdrHistogram.Histogram;
import org.skyring.journal.JournalAppender;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;

/**
 * The journal's limit: the producer appends each observation (same record, same codec, same roll cycle) to a
 * bare Chronicle Queue on its own thread, with no ring and no stages. Latency is from the intended send time to
 * the append's return.
 */
final class JournalLimitSystem implements SystemUnderTest {
    private final TempJournals dir;
    private final ChronicleQueue queue;
    private final JournalAppender appender;
    private final ObservationRecord obs = new ObservationRecord();
    private final Histogram latency = LatencyClock.newHistogram();

    JournalLimitSystem(final Workload w) {
        dir = TempJournals.emptyDir("bench-journal-");
        queue = JournalSet.openQueue(dir.dir, JournalSet.INPUT, TempJournals.rollCycle(w));
        appender = new JournalAppender(queue);
    }

    @Override
    public void prepare(final ObservationFeed feed) {
        obs.clear();
        feed.next(obs);
    }

    @Override
    public void send(final long intendedNanos) {
        appender.appendObservation(obs);
        LatencyClock.recordSince(latency, intendedNanos);
    }

    @Override
    public boolean completed() {
        return true;
    }

    @Override
    public void close() {
        appender.close();
        queue.close();
        dir.close();
    }

    @Override
    public Histogram takeLatency() {
        return LatencyClock.takeAndReset(latency);
    }
}
