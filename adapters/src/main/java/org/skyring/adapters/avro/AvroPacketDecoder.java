package org.skyring.adapters.avro;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.skyring.adapters.AlertDecoder;
import org.skyring.journal.ObservationRecord;

import java.util.function.Function;

/**
 * What the ZTF and Rubin decoders share: the message size limit, Avro object containers (one observation per
 * record, records before a failing one kept), the one dead letter per undecodable message, and the common
 * identity fields. A subclass maps one decoded record ({@link #map}) and may accept messages that are not
 * containers ({@link #decodeOther}: Rubin's Confluent wire format).
 */
abstract class AvroPacketDecoder implements AlertDecoder {
    private final String format;
    private final String facility;
    private final int maxMessageBytes;
    final AvroContainerReader reader;
    /** Reused for every observation: the sink copies what it keeps (AlertDecoder contract). */
    final ObservationRecord out = new ObservationRecord();
    private final StringBuilder digits = new StringBuilder(24);

    AvroPacketDecoder(final String format, final String facility, final int maxMessageBytes,
                      final SchemaProjection.Keep keep, final Function<Schema, Object> layoutFactory) {
        this.format = format;
        this.facility = facility;
        this.maxMessageBytes = maxMessageBytes;
        this.reader = new AvroContainerReader(w -> SchemaProjection.project(w, keep), layoutFactory);
    }

    @Override
    public final String format() {
        return format;
    }

    @Override
    public final int decode(final byte[] message, final int length, final String origin, final Sink sink) {
        if (length > maxMessageBytes) {
            return deadLetter(sink, origin, 1, "message: " + length + " bytes exceeds avro.max_message_bytes="
                    + maxMessageBytes);
        }
        final int[] emitted = {0};
        try {
            if (!AvroContainerReader.isContainer(message, length)) {
                decodeOther(message, length);
                sink.accept(out);
                return 1;
            }
            reader.read(message, length, (record, entry, n) -> {
                map(record, entry.layout, out);
                sink.accept(out);
                emitted[0]++;
            });
            return emitted[0] > 0 ? emitted[0] : deadLetter(sink, origin, 1, "avro container: holds no record");
        } catch (final AlertDecodeException e) {
            return emitted[0] + deadLetter(sink, origin, emitted[0] + 1, e.getMessage());
        }
    }

    /** Decodes a message that is not an Avro container into {@link #out}, or says why it cannot. */
    abstract void decodeOther(byte[] message, int length) throws AlertDecodeException;

    /** Maps one decoded packet record into {@code r} ({@code layout} was built for the record's schema). */
    abstract void map(GenericRecord record, Object layout, ObservationRecord r) throws AlertDecodeException;

    /** Clears {@code r} and sets adapter, facility and the numeric observation id. */
    final void startRecord(final ObservationRecord r, final long observationId) {
        r.clear();
        r.adapter.set(format);
        r.sourceFacility.set(facility);
        r.observationId.set(decimal(observationId));
    }

    /** {@code value} as decimal digits in a reused buffer (no allocation). */
    final CharSequence decimal(final long value) {
        digits.setLength(0);
        return digits.append(value);
    }

    private int deadLetter(final Sink sink, final String origin, final int recordNumber, final String reason) {
        DeadLetter.fill(out, format, facility, origin, recordNumber, reason);
        sink.accept(out);
        return 1;
    }
}
