package org.skyring.adapters;

import org.skyring.adapters.jsonl.JsonLinesFiles;
import org.skyring.engine.port.ObservationSource;
import org.skyring.journal.ObservationRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Replays an archive of one-message-per-file inputs (a directory of VOEvent notices, searched recursively, or a
 * glob) through an {@link AlertDecoder}, in sorted path order so that reruns see the same order. Provenance:
 * {@code sourcePartition} = file number in that order, {@code sourceOffset} = 1-based record number in the file.
 * A file the decoder cannot read becomes its dead-letter record; an unreadable file (I/O error) stops the run,
 * since skipping it would lose input silently.
 */
public final class MessageFileSource implements ObservationSource {
    private final String name;
    private final AlertDecoder decoder;
    private final List<Path> files;
    private final DecodedBatch batch = new DecodedBatch();
    private int fileIndex = -1;
    private long recordInFile;

    public MessageFileSource(final String name, final AlertDecoder decoder, final List<Path> files) {
        this.name = name;
        this.decoder = decoder;
        this.files = files;
    }

    /** {@code FORMAT:PATH} sources: PATH is a file, a directory (files ending in one of extensions) or a glob. */
    public static MessageFileSource open(final AlertDecoder decoder, final String pathOrGlob, final String... extensions) {
        return new MessageFileSource(decoder.format() + ":" + pathOrGlob, decoder,
                JsonLinesFiles.resolve(pathOrGlob, decoder.format(), extensions));
    }

    @Override
    public String name() {
        return name;
    }

    public List<Path> files() {
        return files;
    }

    @Override
    public boolean poll(final ObservationRecord into) {
        while (!batch.hasNext()) {
            if (fileIndex + 1 >= files.size()) {
                fileIndex = files.size();
                return false;
            }
            fileIndex++;
            recordInFile = 0;
            batch.reset();
            final Path file = files.get(fileIndex);
            final byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file, e);
            }
            decoder.decode(bytes, bytes.length, file.toString(), batch);
        }
        into.clear();
        batch.next(into);
        into.sourcePartition = fileIndex;
        into.sourceOffset = ++recordInFile;
        return true;
    }

    @Override
    public boolean isExhausted() {
        return fileIndex >= files.size() || (fileIndex == files.size() - 1 && !batch.hasNext());
    }
}
