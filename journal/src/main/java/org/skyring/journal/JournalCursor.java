package org.skyring.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Reads records from one queue in order. With a name, the position is persistent (a Chronicle named tailer):
 * a reader re-created with the same name after a restart resumes after the last record it read.
 * Single-threaded; close it on the thread that made it.
 */
public final class JournalCursor implements AutoCloseable {
    private final ExcerptTailer tailer;
    private long lastIndex = -1;

    /** An anonymous cursor from the start of the queue. */
    public JournalCursor(final ChronicleQueue queue) {
        this.tailer = queue.createTailer();
    }

    /** A named cursor whose position survives restarts. */
    public JournalCursor(final ChronicleQueue queue, final String readerName) {
        this.tailer = queue.createTailer(readerName);
    }

    /** Index of the record returned by the last successful read. */
    public long index() {
        return lastIndex;
    }

    /**
     * Index the next read starts from (a named cursor reopened after a restart reports where it stopped); 0 for a
     * fresh cursor that has not moved yet. Past the last record it is the index the next append will get.
     */
    public long position() {
        return tailer.index();
    }

    /** Positions the cursor so that the next read returns the record at {@code index}. */
    public boolean moveToIndex(final long index) {
        return tailer.moveToIndex(index);
    }

    public boolean nextObservation(final ObservationRecord r) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            lastIndex = dc.index();
            ObservationCodec.read(dc.wire().bytes(), r);
            return true;
        }
    }

    public boolean nextDecision(final DecisionRecord d) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            lastIndex = dc.index();
            DecisionCodec.read(dc.wire().bytes(), d);
            return true;
        }
    }

    public boolean nextRouted(final DecisionRecord d, final ObservationRecord r) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            lastIndex = dc.index();
            final Bytes<?> bytes = dc.wire().bytes();
            DecisionCodec.read(bytes, d);
            ObservationCodec.read(bytes, r);
            return true;
        }
    }

    /** Copies the raw bytes of the next record into {@code out} (cleared first); false at the end. */
    public boolean nextRaw(final Bytes<?> out) {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return false;
            }
            lastIndex = dc.index();
            out.clear();
            out.write(dc.wire().bytes());
            return true;
        }
    }

    @Override
    public void close() {
        tailer.close();
    }
}
