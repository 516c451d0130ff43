package org.skyring.engine.alert;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;
import org.skyring.journal.JournalSet;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A Chronicle Queue of one-line JSON records, for the rare, human-sized events of the alert system and the
 * pressure controller (alert state, acknowledgements, alert messages, pressure level changes). Several
 * processes may append (the daemon, {@code skyring ack}); each record is one document, readable with
 * {@code skyring journal dump}-style tools and by {@link #readAll}.
 *
 * <p>Appends are thread-safe: one appender, reused under this journal's lock (creating an appender per record
 * costs milliseconds on a loaded machine); a {@link Reader} belongs to the thread that created it.
 */
public final class TextJournal implements AutoCloseable {
    private static final String FIELD = "json";
    private final ChronicleQueue queue;
    private ExcerptAppender appender;

    private TextJournal(final ChronicleQueue queue) {
        this.queue = queue;
    }

    public static TextJournal open(final Path dataDir, final String name, final RollCycle rollCycle) {
        return new TextJournal(JournalSet.openQueue(dataDir, name, rollCycle));
    }

    /** Appends one record durably (to the memory-mapped file) before returning. */
    public synchronized void append(final String json) {
        if (appender == null) {
            appender = queue.createAppender();
            // Used by whichever thread holds the lock (the agent, an HTTP handler, the CLI): the lock, not a
            // thread, is the single writer.
            appender.singleThreadedCheckDisabled(true);
        }
        try (DocumentContext dc = appender.writingDocument()) {
            dc.wire().write(FIELD).text(json);
        }
    }

    /** Every record from the start, in order (start-up and tools). */
    public void readAll(final Consumer<String> each) {
        try (Reader r = reader()) {
            String s;
            while ((s = r.next()) != null) {
                each.accept(s);
            }
        }
    }

    public Reader reader() {
        return new Reader(queue.createTailer());
    }

    /** Reads records in order from the start, then each new one as it is appended (tails the queue). */
    public static final class Reader implements AutoCloseable {
        private final ExcerptTailer tailer;

        private Reader(final ExcerptTailer tailer) {
            this.tailer = tailer;
        }

        /** The next record, or null if there is none yet. */
        public String next() {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    return null;
                }
                return dc.wire().read(FIELD).text();
            }
        }

        @Override
        public void close() {
            tailer.close();
        }
    }

    @Override
    public synchronized void close() {
        if (appender != null) {
            appender.close();
        }
        queue.close();
    }
}
