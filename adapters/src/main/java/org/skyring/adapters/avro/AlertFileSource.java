package org.skyring.adapters.avro;

import org.skyring.adapters.AlertDecoder;
import org.skyring.adapters.jsonl.JsonLinesFiles;
import org.skyring.engine.port.ObservationSource;
import org.skyring.journal.ObservationRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays alert files (one message per file, as archives and broker samples keep them) through an
 * {@link AlertDecoder}, so a file and the same bytes from Kafka decode identically. Used for
 * {@code --input ztf-avro:PATH} and {@code --input rubin-avro:PATH}: PATH is a file, a directory (every
 * {@code *.avro} below it) or a glob, read in path order.
 *
 * <p>Provenance: {@code sourcePartition} = index of the file in that order, {@code sourceOffset} = 1-based record
 * number within the file; with the observation ids this lets a restart re-read the files and de-duplicate.
 * A file larger than the message limit is dead-lettered without being read; an unreadable file too.
 */
public final class AlertFileSource implements ObservationSource {
    private final String name;
    private final AlertDecoder decoder;
    private final List<Path> files;
    private final int maxMessageBytes;
    /** Observations of the current file (a multi-record container gives several), reused across files. */
    private final List<ObservationRecord> pending = new ArrayList<>();
    private int pendingCount;
    private int next;
    private int fileIndex = -1;
    /** Closed with the source (the cutout store the decoder writes to), or null. */
    private final AutoCloseable owned;
    private byte[] buffer = new byte[128 * 1024];

    public AlertFileSource(final String name, final AlertDecoder decoder, final List<Path> files,
                           final int maxMessageBytes, final AutoCloseable owned) {
        this.name = name;
        this.decoder = decoder;
        this.files = List.copyOf(files);
        this.maxMessageBytes = maxMessageBytes;
        this.owned = owned;
    }

    /**
     * A source over {@code pathOrGlob}; throws IllegalArgumentException naming the input when nothing matches.
     *
     * @param owned closed when the source closes (e.g. the decoder's cutout store), or null
     */
    public static AlertFileSource open(final AlertDecoder decoder, final String pathOrGlob, final int maxMessageBytes,
                                       final AutoCloseable owned) {
        return new AlertFileSource(decoder.format() + ":" + pathOrGlob, decoder,
                JsonLinesFiles.resolve(pathOrGlob, decoder.format(), ".avro"), maxMessageBytes, owned);
    }

    public List<Path> files() {
        return files;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean poll(final ObservationRecord into) {
        while (next >= pendingCount) {
            if (fileIndex + 1 >= files.size()) {
                return false;
            }
            fileIndex++;
            readFile(files.get(fileIndex));
        }
        into.copyFrom(pending.get(next));
        next++;
        into.sourcePartition = fileIndex;
        into.sourceOffset = next;
        return true;
    }

    private void readFile(final Path file) {
        pendingCount = 0;
        next = 0;
        final String origin = file.toString();
        try {
            final long size = Files.size(file);
            if (size > maxMessageBytes) {
                DeadLetter.fill(slot(), decoder.format(), facility(), origin, 1, "message: " + size
                        + " bytes exceeds avro.max_message_bytes=" + maxMessageBytes + " (file not read)");
                pendingCount = 1;
                return;
            }
            final int length = (int) size;
            if (buffer.length < length) {
                buffer = new byte[Math.max(length, buffer.length * 2)];
            }
            try (var in = Files.newInputStream(file)) {
                final int read = in.readNBytes(buffer, 0, length);
                decoder.decode(buffer, read, origin, o -> slot().copyFrom(o));
            }
        } catch (final IOException e) {
            pendingCount = 0;
            DeadLetter.fill(slot(), decoder.format(), facility(), origin, 1, "file: cannot read: "
                    + AvroContainerReader.describe(e));
        }
    }

    /** The next free record of {@link #pending} (grown on demand, then reused). */
    private ObservationRecord slot() {
        if (pendingCount == pending.size()) {
            pending.add(new ObservationRecord());
        }
        return pending.get(pendingCount++);
    }

    private String facility() {
        return RubinAlertDecoder.FORMAT.equals(decoder.format()) ? RubinAlertDecoder.FACILITY : ZtfAlertDecoder.FACILITY;
    }

    @Override
    public boolean isExhausted() {
        return next >= pendingCount && fileIndex + 1 >= files.size();
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (final Exception e) {
                throw new IllegalStateException("closing " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
