package org.skyring.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
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

    private JournalSet(final Path dataDir, final RollCycle rollCycle) {
        this.dataDir = dataDir;
        this.input = open(dataDir, INPUT, rollCycle);
        this.decisions = open(dataDir, DECISIONS, rollCycle);
        for (final Destination d : Destination.all()) {
            destinations.put(d, open(dataDir, d.queueName(), rollCycle));
        }
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
            final java.util.List<Path> dirs = new java.util.ArrayList<>();
            dirs.add(queueDir(dataDir, INPUT));
            dirs.add(queueDir(dataDir, DECISIONS));
            for (final Destination d : Destination.all()) {
                dirs.add(queueDir(dataDir, d.queueName()));
            }
            pretoucher = new JournalPretoucher(dirs);
        }
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
            pretoucher.close();
        }
        input.close();
        decisions.close();
        destinations.values().forEach(ChronicleQueue::close);
    }
}
