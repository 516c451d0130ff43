package org.skyring.adapters.jsonl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.skyring.engine.port.ObservationSource;
import org.skyring.journal.ObservationRecord;

/**
 * Reads observations from JSON lines files: one JSON object per line, field names the snake_case of the
 * {@link ObservationRecord} fields (see {@link JsonFields}), times as ISO-8601 UTC strings
 * ({@code observation_time}) or epoch nanoseconds ({@code observation_time_ns}), plus the ZTF aliases
 * {@code isdiffpos} and {@code fid}. The mapping itself is {@link ObservationJsonReader}.
 *
 * <p>Provenance: {@code adapter = "jsonl"}, {@code sourcePartition} = index of the file in the sorted input list
 * (0 for a single file), {@code sourceOffset} = 1-based line number, so a record can always be traced back to
 * its line. Blank lines are skipped but still counted. {@code received_time} is never read: the engine stamps it.
 *
 * <p>A malformed line never throws and never stops the stream: it comes back with {@code sourceError} naming the
 * field and the value, and with whatever {@code observation_id} could be read, or the synthetic id
 * {@code <file name>:<line>} so the dead-letter queue can still name it. Only I/O failures (file vanished,
 * unreadable) throw {@link UncheckedIOException}: there is no line to report then.
 */
public final class JsonLinesSource implements ObservationSource {
    public static final String ADAPTER = "jsonl";

    private final String name;
    private final List<Path> files;
    private final ObservationJsonReader reader = new ObservationJsonReader();
    private final StringBuilder syntheticId = new StringBuilder(ObservationRecord.ID_CAPACITY);
    private ByteLineReader lines;
    private int fileIndex = -1;
    private String currentFileName;
    private long lineNumber;
    private boolean exhausted;

    public JsonLinesSource(final String name, final List<Path> files) {
        this.name = name;
        this.files = List.copyOf(files);
        this.exhausted = this.files.isEmpty();
    }

    /**
     * A source over a file, a directory (every {@code *.jsonl} and {@code *.json} below it, sorted) or a glob.
     *
     * @throws IllegalArgumentException when nothing matches
     */
    public static JsonLinesSource open(final String pathOrGlob) {
        return new JsonLinesSource("jsonl:" + pathOrGlob, JsonLinesFiles.resolve(pathOrGlob));
    }

    /** The input files in reading order; a record's {@code sourcePartition} indexes this list. */
    public List<Path> files() {
        return files;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean poll(final ObservationRecord into) {
        try {
            while (!exhausted) {
                if (lines == null && !nextFile()) {
                    return false;
                }
                if (!lines.next()) {
                    closeCurrent();
                    continue;
                }
                lineNumber++;
                if (lines.isBlank()) {
                    continue;
                }
                into.clear();
                final boolean ok = reader.read(lines.buffer(), lines.lineStart(), lines.lineLength(), into);
                if (!ok && into.observationId.isEmpty()) {
                    syntheticId.setLength(0);
                    syntheticId.append(currentFileName).append(':').append(lineNumber);
                    into.observationId.set(syntheticId);
                }
                into.adapter.set(ADAPTER);
                into.sourcePartition = fileIndex;
                into.sourceOffset = lineNumber;
                return true;
            }
            return false;
        } catch (final IOException e) {
            throw new UncheckedIOException("reading " + files.get(fileIndex) + " at line " + lineNumber, e);
        }
    }

    private boolean nextFile() throws IOException {
        fileIndex++;
        if (fileIndex >= files.size()) {
            exhausted = true;
            return false;
        }
        final Path file = files.get(fileIndex);
        lines = new ByteLineReader(Files.newInputStream(file));
        currentFileName = file.getFileName().toString();
        lineNumber = 0;
        return true;
    }

    private void closeCurrent() throws IOException {
        if (lines != null) {
            final ByteLineReader l = lines;
            lines = null;
            l.close();
        }
    }

    @Override
    public boolean isExhausted() {
        return exhausted;
    }

    @Override
    public void close() {
        try {
            closeCurrent();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
