package org.skyring.adapters.avro;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Parses one schema version kept as several {@code .avsc} files that reference each other's named types (ZTF's
 * alert.avsc uses ztf.alert.candidate from candidate.avsc; Rubin's lsst.vX_Y.alert.avsc uses lsst.vX_Y.diaSource,
 * ...). Files are parsed with one {@link Schema.Parser}, leaves first: a file whose references are not defined
 * yet is retried after the others.
 */
public final class AvscDirectory {
    private AvscDirectory() {
    }

    /**
     * @param dir     the directory of one version (not searched recursively)
     * @param topFile the file holding the top-level record
     * @return the top-level schema
     * @throws IllegalArgumentException when the files do not form a schema, naming the file and the reason
     */
    public static Schema parse(final Path dir, final String topFile) {
        final List<Path> pending = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".avsc"))
             .filter(p -> !p.getFileName().toString().equals(topFile)).sorted().forEach(pending::add);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        pending.add(dir.resolve(topFile));
        final Schema.Parser parser = new Schema.Parser();
        Schema top = null;
        String lastError = "";
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (final java.util.Iterator<Path> it = pending.iterator(); it.hasNext(); ) {
                final Path file = it.next();
                try {
                    final Schema s = parser.parse(Files.readString(file));
                    if (file.getFileName().toString().equals(topFile)) {
                        top = s;
                    }
                    it.remove();
                    progress = true;
                } catch (final SchemaParseException e) {
                    lastError = file.getFileName() + ": " + e.getMessage();
                } catch (final IOException e) {
                    throw new UncheckedIOException("cannot read " + file, e);
                }
            }
        }
        if (!pending.isEmpty() || top == null) {
            throw new IllegalArgumentException("schema directory " + dir + ": cannot parse " + pending + " ("
                    + lastError + ")");
        }
        return top;
    }
}
