package org.skyring.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Every Chronicle Queue of one data directory: {@code input} (each observation, before any decision),
 * {@code decisions}, and one queue per {@link Destination}. Layout: {@code DIR/journal/<name>/}.
 *
 * <p>The set owns the queues and closes them; appenders and tailers are owned (and closed) by the single
 * thread that creates them.
 */
public final class JournalSet implements AutoCloseable {
    public static final String INPUT = "input";
    public static final String DECISIONS = "decisions";

    private final Path dataDir;
    private final ChronicleQueue input;
    private final ChronicleQueue decisions;
    private final Map<Destination, ChronicleQueue> destinations = new EnumMap<>(Destination.class);
    private JournalPretoucher pretoucher;
    private boolean closed;

    /** Queue directories in the pretoucher's order: input, decisions, then the destinations. */
    private final java.util.List<Path> queueDirs = new java.util.ArrayList<>();
    private volatile JournalPretoucher announceTo;

    private JournalSet(final Path dataDir, final RollCycle rollCycle) {
        this.dataDir = dataDir;
        this.input = open(dataDir, INPUT, rollCycle, 0);
        this.decisions = open(dataDir, DECISIONS, rollCycle, 1);
        int q = 2;
        for (final Destination d : Destination.all()) {
            destinations.put(d, open(dataDir, d.queueName(), rollCycle, q++));
        }
    }

    /**
     * A queue of this set: Chronicle tells it when a cycle file is acquired (created by the first append of a
     * cycle, or opened), so the pretoucher follows a new file at once instead of at its next directory listing.
     */
    private ChronicleQueue open(final Path dataDir, final String name, final RollCycle rollCycle, final int index) {
        queueDirs.add(queueDir(dataDir, name));
        return SingleChronicleQueueBuilder.binary(queueDir(dataDir, name)).rollCycle(rollCycle)
                .storeFileListener(new StoreFileListener() {
                    @Override
                    public void onAcquired(final int cycle, final java.io.File file) {
                        final JournalPretoucher p = announceTo;
                        if (p != null) {
                            p.acquired(index, cycle, file);
                        }
                    }

                    @Override
                    public void onReleased(final int cycle, final java.io.File file) {
                        // the pretoucher keeps following the newest file it knows; nothing to undo
                    }
                }).build();
    }

    public static JournalSet open(final Path dataDir, final RollCycle rollCycle) {
        return new JournalSet(dataDir, rollCycle);
    }

    /** Directory of a named queue inside a data directory ("input", "decisions", or a destination name). */
    public static Path queueDir(final Path dataDir, final String name) {
        return dataDir.resolve("journal").resolve(name);
    }

    /** Opens one queue read-only-in-spirit for tools (dump, replay); the caller closes it. */
    public static ChronicleQueue openQueue(final Path dataDir, final String name, final RollCycle rollCycle) {
        return open(dataDir, name, rollCycle);
    }

    private static ChronicleQueue open(final Path dataDir, final String name, final RollCycle rollCycle) {
        return SingleChronicleQueueBuilder.binary(queueDir(dataDir, name)).rollCycle(rollCycle).build();
    }

    /**
     * Starts faulting fresh pages of every queue into the page cache on a daemon thread, ahead of the appenders
     * ({@link JournalPretoucher}: takes the kernel's zero-filling of new pages off the writing threads). For the
     * process that writes the journals; stopped by {@link #close()}.
     */
    public synchronized void pretouchAhead() {
        if (pretoucher == null && !closed) {
            pretoucher = new JournalPretoucher(queueDirs);
            announceTo(pretoucher);
        }
    }

    /** Where Chronicle's cycle-file acquisitions are announced (the pretoucher; tests step their own). */
    void announceTo(final JournalPretoucher p) {
        announceTo = p;
    }

    /** The queue directories in the order {@link JournalPretoucher#acquired} numbers them. */
    java.util.List<Path> queueDirs() {
        return java.util.List.copyOf(queueDirs);
    }

    public Path dataDir() {
        return dataDir;
    }

    public ChronicleQueue input() {
        return input;
    }

    public ChronicleQueue decisions() {
        return decisions;
    }

    public ChronicleQueue destination(final Destination d) {
        return destinations.get(d);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pretoucher != null) {
            announceTo = null;
            pretoucher.close();
        }
        input.close();
        decisions.close();
        destinations.values().forEach(ChronicleQueue::close);
    }
}
