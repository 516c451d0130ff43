package org.skyring.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
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
        // A forward walk, not a BACKWARD toEnd(): the backward read was seen to miss the last entry under load,
        // and start-up re-reads the whole input journal anyway, so the walk costs nothing that matters.
        long last = -1;
        try (ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return last;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    bytes.readShort();
                    last = bytes.readLong();
                }
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
