package org.skyring.engine.metrics;

import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads an engine's counters file from any process: {@code skyring stat}, the Prometheus endpoint, tests. It
 * maps the file read-only, follows it when a new run replaces it, and returns consistent-per-counter snapshots.
 * Never writes anything.
 */
public final class CountersView implements AutoCloseable {
    private final Path dataDir;
    private CountersFile file;
    private CountersReader reader;
    private Object fileKey;

    public CountersView(final Path dataDir) {
        this.dataDir = dataDir;
    }

    /** One counter as read: its kind, its key within the kind, its label ("stage_in.validate") and value. */
    public record Counter(CounterKind kind, String key, String label, long value) {
    }

    /**
     * The counters of one engine run at one instant.
     *
     * @param endEpochMs 0 while the engine runs (or if it died without closing the file)
     */
    public record Snapshot(Path file, long pid, long startEpochMs, long endEpochMs, long takenNanos,
                           List<Counter> counters) {
        /** Values by label, in allocation order. */
        public Map<String, Long> byLabel() {
            final Map<String, Long> m = new LinkedHashMap<>();
            for (final Counter c : counters) {
                m.put(c.label(), c.value());
            }
            return m;
        }

        /** The value of the counter with this label; fails if there is none. */
        public long value(final String label) {
            for (final Counter c : counters) {
                if (c.label().equals(label)) {
                    return c.value();
                }
            }
            throw new IllegalArgumentException("no counter " + label + " in " + file);
        }

        /** The latency figures by tag (stages, end_to_end), each indexed by {@link LatencyStat#ordinal()}. */
        public Map<String, long[]> latency() {
            final Map<String, long[]> byTag = new LinkedHashMap<>();
            for (final Counter c : counters) {
                if (c.kind() == CounterKind.LATENCY) {
                    final int dot = c.key().lastIndexOf('.');
                    final LatencyStat stat = LatencyStat.ofKey(c.key().substring(dot + 1));
                    if (dot > 0 && stat != null) {
                        byTag.computeIfAbsent(c.key().substring(0, dot), t -> new long[LatencyStat.values().length])
                                [stat.ordinal()] = c.value();
                    }
                }
            }
            return byTag;
        }

        /** The engine has not closed the file and its process is alive. */
        public boolean isRunning() {
            return endEpochMs == 0 && isProcessAlive();
        }

        /** The engine stopped without closing the file (killed, crashed): its counters are its last values. */
        public boolean isAbandoned() {
            return endEpochMs == 0 && !isProcessAlive();
        }

        private boolean isProcessAlive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** The current counters, or null when the engine has not created the file yet. */
    public Snapshot snapshot() {
        followReplacement();
        if (file == null) {
            return null;
        }
        final List<Counter> counters = new ArrayList<>();
        reader.forEach((counterId, typeId, keyBuffer, label) -> {
            final CounterKind kind = CounterKind.ofTypeId(typeId);
            if (kind != null) {
                counters.add(new Counter(kind, keyBuffer.getStringAscii(0), label, reader.getCounterValue(counterId)));
            }
        });
        return new Snapshot(file.path(), file.pid(), file.startEpochMs(), file.endEpochMs(), System.nanoTime(),
                Collections.unmodifiableList(counters));
    }

    private void followReplacement() {
        final Path path = CountersFile.path(dataDir);
        Object key;
        try {
            key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            key = null; // not there (yet): keep showing the last run's mapping, if any
        }
        if (file != null && (key == null || Objects.equals(key, fileKey))) {
            return;
        }
        final CountersFile next = CountersFile.openExisting(dataDir);
        if (next == null) {
            return; // not (yet) initialised: try again on the next snapshot
        }
        close();
        file = next;
        reader = next.reader();
        fileKey = key;
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
            file = null;
            reader = null;
        }
    }
}
