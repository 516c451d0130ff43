package org.skyring.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * A single-threaded, allocation-free writer of observation and decision records into one queue. Create it on
 * the thread that will use it and close it there (Chronicle appenders are single-threaded).
 */
public final class JournalAppender implements AutoCloseable {
    private final ExcerptAppender appender;

    public JournalAppender(final ChronicleQueue queue) {
        this.appender = queue.createAppender();
    }

    /** Appends an observation; returns its journal index (the input index used everywhere downstream). */
    public long appendObservation(final ObservationRecord r) {
        try (DocumentContext dc = appender.writingDocument()) {
            ObservationCodec.write(r, dc.wire().bytes());
        }
        return appender.lastIndexAppended();
    }

    public long appendDecision(final DecisionRecord d) {
        try (DocumentContext dc = appender.writingDocument()) {
            DecisionCodec.write(d, dc.wire().bytes());
        }
        return appender.lastIndexAppended();
    }

    /** A destination record: the decision followed by the observation it was made on. */
    public long appendRouted(final DecisionRecord d, final ObservationRecord r) {
        try (DocumentContext dc = appender.writingDocument()) {
            final Bytes<?> bytes = dc.wire().bytes();
            DecisionCodec.write(d, bytes);
            ObservationCodec.write(r, bytes);
        }
        return appender.lastIndexAppended();
    }

    @Override
    public void close() {
        appender.close();
    }
}
