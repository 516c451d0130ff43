package org.skyring.catalog.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.skyring.catalog.SourceType;

/**
 * What one loader run did: rows added per type, rows skipped on purpose (e.g. OpenNGC duplicates), and rows
 * rejected as malformed, each rejection naming the file, line, field and value. Rejected rows never stop a
 * build; {@code skyring catalog build} prints them (the catalog's dead-letter list).
 */
public final class LoadReport {
    /** Rejections kept verbatim; beyond this only the count grows, so a garbage file cannot exhaust memory. */
    static final int MAX_KEPT_PROBLEMS = 20;

    private final String input;
    private final Map<SourceType, Integer> added = new EnumMap<>(SourceType.class);
    private int skipped;
    private int rejected;
    private final List<String> problems = new ArrayList<>();

    public LoadReport(String input) {
        this.input = input;
    }

    void added(SourceType type) {
        added.merge(type, 1, Integer::sum);
    }

    void skipped() {
        skipped++;
    }

    void rejected(String problem) {
        rejected++;
        if (problems.size() < MAX_KEPT_PROBLEMS) {
            problems.add(problem);
        }
    }

    public String input() {
        return input;
    }

    public int addedCount() {
        return added.values().stream().mapToInt(Integer::intValue).sum();
    }

    public Map<SourceType, Integer> addedByType() {
        return Collections.unmodifiableMap(added);
    }

    public int skippedCount() {
        return skipped;
    }

    public int rejectedCount() {
        return rejected;
    }

    /** The first {@value #MAX_KEPT_PROBLEMS} rejections, each "file:line: field 'name' = 'value': why". */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }
}
