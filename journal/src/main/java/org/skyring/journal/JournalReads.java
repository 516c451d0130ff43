package org.skyring.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

/** Cold-path reads used at start-up and by tools: last entries, counts. */
public final class JournalReads {
    private JournalReads() {
    }

    /**
     * The input index recorded in the last entry of a decision-bearing queue (decisions or any destination),
     * or -1 when the queue is empty. Both record kinds start with a {@link DecisionRecord}, whose first field
     * after the version is the input index.
     */
    public static long lastInputIndex(final ChronicleQueue queue) {
        try (ExcerptTailer tailer = queue.createTailer()) {
            tailer.direction(TailerDirection.BACKWARD).toEnd();
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return -1;
                }
                final Bytes<?> bytes = dc.wire().bytes();
                bytes.readShort();
                return bytes.readLong();
            }
        }
    }

    /** Number of documents in a queue (walks it: for tests and tools, not the hot path). */
    public static long count(final ChronicleQueue queue) {
        long n = 0;
        try (ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return n;
                    }
                    n++;
                }
            }
        }
    }
}
