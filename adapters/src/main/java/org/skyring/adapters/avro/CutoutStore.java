package org.skyring.adapters.avro;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alert image stamps kept out of the ring entry but retrievable by observation id: a Chronicle Queue
 * ({@code DIR/cutouts/queue}, one excerpt per stamp: observation id, kind, file name, the exact bytes) and a
 * persisted Chronicle Map ({@code DIR/cutouts/index.dat}: observation id -> queue index of its first stamp).
 * An id missing from the index (index full, or written by a process that crashed before indexing) is still found
 * by scanning the queue. Re-decoding an alert (restart) appends its stamps again and the index points to the
 * newest copy: same bytes.
 *
 * <p>Written by the one decoding thread ({@link #accept}); read by any process ({@link #find}). Shared by the
 * sources of one run: each {@link #openForWriting} is matched by one {@link #close()}; the last closes it.
 */
public final class CutoutStore implements CutoutSink, AutoCloseable {
    /** One stamp as stored. */
    public record Stamp(String kind, String fileName, byte[] data) {
    }

    private final ChronicleQueue queue;
    private final ChronicleMap<CharSequence, Long> index;
    private final Bytes<?> scratch = Bytes.allocateElasticOnHeap(128);
    private final StringBuilder lastId = new StringBuilder(32);
    private ExcerptAppender appender;
    private boolean indexFull;
    private int users = 1;

    private CutoutStore(final Path dir, final RollCycle rollCycle, final long indexEntries, final boolean writer) {
        try {
            Files.createDirectories(dir);
            this.queue = SingleChronicleQueueBuilder.binary(dir.resolve("queue")).rollCycle(rollCycle).build();
            final var builder = ChronicleMap.of(CharSequence.class, Long.class).name("cutout-index")
                    .averageKey("2481114531315015022").entries(indexEntries).maxBloatFactor(4.0);
            final java.io.File file = dir.resolve("index.dat").toFile();
            // The writer opens first in a run; after a crash (even SIGKILL) the map must be recovered, which is
            // only safe with no other user, so readers (skyring cutout) never recover.
            this.index = writer && file.exists() ? builder.recoverPersistedTo(file, true) : builder.createPersistedTo(file);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot open the cutout store in " + dir, e);
        }
    }

    /** Stores open for writing in this process, by directory: the sources of one run share one. */
    private static final Map<Path, CutoutStore> WRITERS = new java.util.HashMap<>();
    private Path writerKey;

    /**
     * The store of a data directory ({@code dataDir/cutouts}) for the run that writes it, created if needed.
     * Opening it again while open returns the same store, retained: each caller closes it once.
     */
    public static CutoutStore openForWriting(final Path dataDir, final RollCycle rollCycle, final long indexEntries) {
        final Path dir = dataDir.resolve("cutouts").toAbsolutePath().normalize();
        synchronized (WRITERS) {
            final CutoutStore open = WRITERS.get(dir);
            if (open != null) {
                return open.retain();
            }
            final CutoutStore store = new CutoutStore(dir, rollCycle, indexEntries, true);
            store.writerKey = dir;
            WRITERS.put(dir, store);
            return store;
        }
    }

    /** The store of a data directory for reading (another process may be writing it). */
    public static CutoutStore openForReading(final Path dataDir, final RollCycle rollCycle, final long indexEntries) {
        if (!Files.isDirectory(dataDir.resolve("cutouts"))) {
            throw new IllegalArgumentException(dataDir + " has no cutouts/ (was it run with avro.keep_cutouts: true?)");
        }
        return new CutoutStore(dataDir.resolve("cutouts"), rollCycle, indexEntries, false);
    }

    private CutoutStore retain() {
        users++;
        return this;
    }

    @Override
    public void accept(final CharSequence observationId, final String kind, final CharSequence fileName,
                       final ByteBuffer stamp) {
        if (appender == null) {
            appender = queue.createAppender();
        }
        final ByteBuffer data = stamp.duplicate();
        appender.writeBytes(b -> {
            b.writeUtf8(observationId);
            b.writeUtf8(kind);
            b.writeUtf8(fileName == null ? "" : fileName);
            b.writeInt(data.remaining());
            if (data.hasArray()) {
                b.write(data.array(), data.arrayOffset() + data.position(), data.remaining());
            } else {
                while (data.hasRemaining()) {
                    b.writeByte(data.get());
                }
            }
        });
        if (!contentEquals(lastId, observationId)) {
            lastId.setLength(0);
            lastId.append(observationId);
            indexLatest(observationId, appender.lastIndexAppended());
        }
    }

    private void indexLatest(final CharSequence id, final long queueIndex) {
        if (indexFull) {
            return;
        }
        try {
            index.put(id, queueIndex);
        } catch (final IllegalStateException e) {
            indexFull = true; // Chronicle Map's size is fixed at creation; the queue scan still finds the stamps
            System.err.println("skyring: cutout index " + index.file() + " is full (" + index.size()
                    + " ids); later cutouts are found by scanning the queue: raise avro.cutout_index_entries");
        }
    }

    /** The stamps of {@code observationId} in stored order (empty when none). Cold path: allocates. */
    public Map<String, Stamp> find(final String observationId) {
        final Map<String, Stamp> out = new LinkedHashMap<>();
        try (ExcerptTailer tailer = queue.createTailer()) {
            final Long at = index.get(observationId);
            if (at != null && tailer.moveToIndex(at)) {
                readGroup(tailer, observationId, out);
                if (!out.isEmpty()) {
                    return out;
                }
            }
            tailer.toStart();
            final Map<String, Stamp> group = new LinkedHashMap<>();
            final String[] id = new String[1];
            final Stamp[] stamp = new Stamp[1];
            while (tailer.readBytes(b -> {
                id[0] = b.readUtf8();
                stamp[0] = readStamp(b);
            })) {
                if (observationId.equals(id[0])) {
                    group.put(stamp[0].kind(), stamp[0]);
                } else if (!group.isEmpty()) {
                    out.clear();
                    out.putAll(group); // keep the newest complete copy
                    group.clear();
                }
            }
            if (!group.isEmpty()) {
                out.clear();
                out.putAll(group);
            }
        }
        return out;
    }

    private static void readGroup(final ExcerptTailer tailer, final String observationId, final Map<String, Stamp> out) {
        while (true) {
            final long before = tailer.index();
            final String[] id = new String[1];
            final Stamp[] stamp = new Stamp[1];
            if (!tailer.readBytes(b -> {
                id[0] = b.readUtf8();
                stamp[0] = readStamp(b);
            })) {
                return;
            }
            if (!observationId.equals(id[0]) || out.containsKey(stamp[0].kind())) {
                tailer.moveToIndex(before);
                return;
            }
            out.put(stamp[0].kind(), stamp[0]);
        }
    }

    private static Stamp readStamp(final net.openhft.chronicle.bytes.BytesIn<?> b) {
        final String kind = b.readUtf8();
        final String fileName = b.readUtf8();
        final byte[] data = new byte[b.readInt()];
        b.read(data);
        return new Stamp(kind, fileName, data);
    }

    private static boolean contentEquals(final CharSequence a, final CharSequence b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        synchronized (WRITERS) {
            if (--users > 0) {
                return;
            }
            if (writerKey != null) {
                WRITERS.remove(writerKey);
            }
        }
        if (appender != null) {
            appender.close();
        }
        index.close();
        queue.close();
        scratch.releaseLast();
    }
}
