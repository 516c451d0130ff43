package org.skyring.adapters.jsonl;

import org.skyring.adapters.AlertDecoder;
import org.skyring.journal.ObservationRecord;

/**
 * One JSON-lines object per message (the format of {@link JsonLinesWriter}), for Kafka topics that carry Skyring's
 * own observation JSON. A line that does not map keeps the reader's {@code sourceError}; without an id it is
 * named by its origin ({@code topic/partition@offset}) so that a re-delivery is still recognised.
 */
public final class JsonLineDecoder implements AlertDecoder {
    private final ObservationJsonReader reader = new ObservationJsonReader();
    private final ObservationRecord out = new ObservationRecord();

    @Override
    public String format() {
        return JsonLinesSource.ADAPTER;
    }

    @Override
    public int decode(final byte[] message, final int length, final String origin, final Sink sink) {
        out.clear();
        final boolean ok = reader.read(message, 0, length, out);
        if (!ok && out.observationId.isEmpty()) {
            out.observationId.set(origin);
        }
        out.adapter.set(JsonLinesSource.ADAPTER);
        sink.accept(out);
        return 1;
    }
}
