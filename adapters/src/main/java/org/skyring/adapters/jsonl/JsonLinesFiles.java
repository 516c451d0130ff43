package org.skyring.adapters.jsonl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Resolves the input argument of {@link JsonLinesSource#open(String)} (and of the Avro file sources): one file, a directory (every
 * {@code *.jsonl} / {@code *.json} below it, recursively) or a glob such as {@code nights/2024-0?-*&#47;*.jsonl}.
 * Results are sorted by path so that file numbers (the records' {@code sourcePartition}) are stable between
 * runs: a replayed night must see its inputs in the same order.
 */
public final class JsonLinesFiles {
    private JsonLinesFiles() {
    }

    /**
     * @throws IllegalArgumentException when nothing matches (an empty night is almost always a typo)
     * @throws UncheckedIOException when a directory cannot be listed
     */
    public static List<Path> resolve(final String pathOrGlob) {
        return resolve(pathOrGlob, "JSON lines", ".jsonl", ".json");
    }

    /**
     * The same resolution for any file format (the Avro sources use it with ".avro"): a file, a directory searched
     * recursively for names ending in one of {@code extensions}, or a glob; sorted by path.
     *
     * @param kind names the format in the error when nothing matches
     */
    public static List<Path> resolve(final String pathOrGlob, final String kind, final String... extensions) {
        final List<Path> files = resolveOrEmpty(pathOrGlob, extensions);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no " + kind + " input matches '" + pathOrGlob + "'");
        }
        return files;
    }

    private static List<Path> resolveOrEmpty(final String pathOrGlob, final String... extensions) {
        if (!hasGlobChars(pathOrGlob)) {
            final Path p = Paths.get(pathOrGlob);
            if (Files.isRegularFile(p)) {
                return List.of(p);
            }
            if (Files.isDirectory(p)) {
                return walk(p, f -> {
                    final String n = f.getFileName().toString();
                    for (final String ext : extensions) {
                        if (n.endsWith(ext)) {
                            return true;
                        }
                    }
                    return false;
                });
            }
            return List.of();
        }
        // Walk from the deepest directory that has no glob characters, then match full paths against the glob.
        final String normalized = pathOrGlob.replace('\\', '/');
        final int firstGlob = firstGlobChar(normalized);
        final int slash = normalized.lastIndexOf('/', firstGlob);
        final Path base = slash < 0 ? Paths.get("") : Paths.get(slash == 0 ? "/" : normalized.substring(0, slash));
        final Path walkRoot = base.toString().isEmpty() ? Paths.get(".") : base;
        if (!Files.isDirectory(walkRoot)) {
            return List.of();
        }
        final PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + normalized);
        return walk(walkRoot, f -> {
            // Paths from walking "." start with "./"; match the form the user wrote.
            final Path candidate = base.toString().isEmpty() ? walkRoot.relativize(f) : f;
            return matcher.matches(candidate);
        });
    }

    private static List<Path> walk(final Path root, final java.util.function.Predicate<Path> accept) {
        try (Stream<Path> s = Files.walk(root)) {
            final List<Path> out = s.filter(Files::isRegularFile).filter(accept)
                    .sorted(Comparator.comparing(Path::toString)).collect(Collectors.toCollection(ArrayList::new));
            return out;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static boolean hasGlobChars(final String s) {
        return firstGlobChar(s) < s.length();
    }

    private static int firstGlobChar(final String s) {
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return s.length();
    }
}
