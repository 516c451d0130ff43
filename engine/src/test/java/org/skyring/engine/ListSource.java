package org.skyring.engine;

import org.skyring.engine.port.ObservationSource;
import org.skyring.journal.ObservationRecord;

import java.util.List;

/** A source over records held in memory (tests only). */
final class ListSource implements ObservationSource {
    private final List<ObservationRecord> records;
    private int next;

    ListSource(final List<ObservationRecord> records) {
        this.records = records;
    }

    @Override
    public String name() {
        return "list";
    }

    @Override
    public boolean poll(final ObservationRecord into) {
        if (next >= records.size()) {
            return false;
        }
        into.copyFrom(records.get(next++));
        return true;
    }

    @Override
    public boolean isExhausted() {
        return next >= records.size();
    }
}
