package org.skyring.engine.metrics;

import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The memory-mapped live counters file {@code DIR/counters.dat}, laid out like Aeron's CnC file so that another
 * process can read an engine's counters while it runs, without touching the engine:
 *
 * <pre>
 *   0  int  layout version (written last, with release semantics: 0 = still being initialised)
 *   4  int  metadata buffer length
 *   8  int  values buffer length
 *  16  long pid of the engine process
 *  24  long start time, epoch ms
 *  32  long end time, epoch ms (0 while the engine runs; set when it closes the file)
 * 128  metadata buffer (Agrona CountersManager: type id, key, label of each counter)
 * 128 + metadata length: values buffer (one 128-byte slot per counter, so counters never share a cache line)
 * </pre>
 *
 * The engine creates the file anew for each run (a reader holding the old mapping keeps reading the old run's
 * final values) and leaves it in place when it stops, so {@code skyring stat --once} after a run shows its totals.
 */
public final class CountersFile implements AutoCloseable {
    public static final String FILE_NAME = "counters.dat";
    public static final int LAYOUT_VERSION = 1;
    static final int HEADER_LENGTH = 128;
    private static final int VERSION_OFFSET = 0;
    private static final int METADATA_LENGTH_OFFSET = 4;
    private static final int VALUES_LENGTH_OFFSET = 8;
    private static final int PID_OFFSET = 16;
    private static final int START_MS_OFFSET = 24;
    private static final int END_MS_OFFSET = 32;

    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final AtomicBuffer metadata;
    private final AtomicBuffer values;

    private CountersFile(final Path path, final MappedByteBuffer mapped) {
        this.path = path;
        this.mapped = mapped;
        this.header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        if (metadataLength <= 0 || valuesLength <= 0
                || (long) HEADER_LENGTH + metadataLength + valuesLength > mapped.capacity()) {
            throw new IllegalArgumentException(path + ": not a Skyring counters file (metadata length " + metadataLength
                    + ", values length " + valuesLength + ", file length " + mapped.capacity() + ")");
        }
        this.metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        this.values = new UnsafeBuffer(mapped, HEADER_LENGTH + metadataLength, valuesLength);
    }

    public static Path path(final Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Creates (or replaces) the file of {@code dataDir} with room for {@code maxCounters} counters. */
    public static CountersFile create(final Path dataDir, final int maxCounters) {
        final Path file = path(dataDir);
        final int valuesLength = maxCounters * CountersReader.COUNTER_LENGTH;
        final int metadataLength = maxCounters * CountersReader.METADATA_LENGTH;
        try {
            Files.createDirectories(dataDir);
            // Unlink first: a reader still mapping the previous run's file keeps a consistent (final) view.
            Files.deleteIfExists(file);
            final MappedByteBuffer mapped;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                mapped = ch.map(FileChannel.MapMode.READ_WRITE, 0, (long) HEADER_LENGTH + metadataLength + valuesLength);
            }
            final UnsafeBuffer h = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
            h.putInt(METADATA_LENGTH_OFFSET, metadataLength);
            h.putInt(VALUES_LENGTH_OFFSET, valuesLength);
            h.putLong(PID_OFFSET, ProcessHandle.current().pid());
            h.putLong(START_MS_OFFSET, System.currentTimeMillis());
            h.putLong(END_MS_OFFSET, 0);
            return new CountersFile(file, mapped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create counters file " + file, e);
        }
    }

    /**
     * Maps an existing file for reading, or returns null if there is none yet or its writer has not finished
     * initialising it. Fails if the file has another layout version.
     */
    public static CountersFile openExisting(final Path dataDir) {
        final Path file = path(dataDir);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        final MappedByteBuffer mapped;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < HEADER_LENGTH) {
                return null;
            }
            mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        } catch (IOException e) {
            return null; // replaced between the check and the open: the caller retries
        }
        final int version = new UnsafeBuffer(mapped, 0, HEADER_LENGTH).getIntVolatile(VERSION_OFFSET);
        if (version == 0) {
            IoUtil.unmap(mapped);
            return null;
        }
        if (version != LAYOUT_VERSION) {
            IoUtil.unmap(mapped);
            throw new IllegalArgumentException(file + ": counters layout version " + version + ", this build reads "
                    + LAYOUT_VERSION);
        }
        return new CountersFile(file, mapped);
    }

    /** Makes the file visible to readers: called by the writer once every counter is allocated. */
    void publish() {
        header.putIntRelease(VERSION_OFFSET, LAYOUT_VERSION);
    }

    void markEnded() {
        header.putLongVolatile(END_MS_OFFSET, System.currentTimeMillis());
    }

    AtomicBuffer metadataBuffer() {
        return metadata;
    }

    AtomicBuffer valuesBuffer() {
        return values;
    }

    public CountersReader reader() {
        return new CountersReader(metadata, values, StandardCharsets.US_ASCII);
    }

    public Path path() {
        return path;
    }

    public long pid() {
        return header.getLong(PID_OFFSET);
    }

    public long startEpochMs() {
        return header.getLong(START_MS_OFFSET);
    }

    /** Epoch ms when the engine closed the file, 0 while it runs (or if it died without closing it). */
    public long endEpochMs() {
        return header.getLongVolatile(END_MS_OFFSET);
    }

    @Override
    public void close() {
        IoUtil.unmap(mapped);
    }
}
