package org.skyring.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;

import java.util.function.ToLongFunction;

/** Cold-path reads used at start-up and by tools: last entries, counts. */
public final class JournalReads {
    private JournalReads() {
    }

    /**
     * The highest input index recorded in a decision-bearing queue (decisions or any destination), or -1 when the
     * queue is empty. Both record kinds start with a {@link DecisionRecord}, whose first field after the version
     * is the input index. The router appends in input order, so for its own records this is the last one; the
     * highest, not the last, because the reclassifier (overload degradation) appends full decisions of earlier,
     * deferred entries to the same destination queues.
     */
    public static long lastInputIndex(final ChronicleQueue queue) {
        return maxInputIndex(queue, bytes -> {
            bytes.readShort();
            return bytes.readLong();
        });
    }

    /**
     * The highest input index among the decision-bearing records of a queue whose flags include every bit of
     * {@code flags}, or -1 (decodes every record: start-up and tools only).
     */
    public static long lastInputIndexFlagged(final ChronicleQueue queue, final int flags) {
        final DecisionRecord d = new DecisionRecord();
        return maxInputIndex(queue, bytes -> {
            DecisionCodec.read(bytes, d);
            return (d.flags & flags) == flags ? d.inputIndex : -1;
        });
    }

    private static long maxInputIndex(final ChronicleQueue queue, final ToLongFunction<Bytes<?>> inputIndexOf) {
        // A forward walk, not a BACKWARD toEnd(): the backward read was seen to miss the last entry under load,
        // and start-up re-reads the whole input journal anyway, so the walk costs nothing that matters.
        long last = -1;
        try (ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return last;
                    }
                    last = Math.max(last, inputIndexOf.applyAsLong(dc.wire().bytes()));
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
