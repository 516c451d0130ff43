package org.skyring.adapters.avro;

import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads Avro object container files (OCF) held in memory, one message at a time, with Apache Avro doing every
 * decoding step: {@link BinaryDecoder} for the header (magic, metadata map, sync marker) and block framing of
 * uncompressed containers (what ZTF publishes, one per Kafka message), {@link DataFileStream} with Avro's codecs
 * (snappy via org.xerial.snappy, deflate, ...) for compressed ones, and {@link GenericDatumReader} resolving the
 * writer schema against a projection for the records.
 *
 * <p>Why not {@link org.apache.avro.file.DataFileStream}: it parses the writer schema (30-60 KB of JSON for a ZTF
 * packet) and builds a new schema resolver for every message, because each ZTF Kafka message is a whole
 * container. Here the parsed schema, its projection and the resolver are cached by the exact schema text, so a
 * stream of packets with one schema pays for parsing once. The benchmark in {@code perf/} (org.skyring.perf.avro)
 * measures the difference; tests check that every shared file gives the same records as DataFileStream.
 *
 * <p>Not thread-safe: one reader per decoding thread.
 */
final class AvroContainerReader {
    private static final byte[] MAGIC = DataFileConstants.MAGIC;
    /** Distinct writer schemas kept; a stream normally has one or two, a replay of an archive a dozen. */
    private static final int MAX_CACHED_SCHEMAS = 64;

    /** A writer schema with its projection and the reader that resolves one against the other. */
    static final class SchemaEntry {
        final Schema writer;
        final Schema reader;
        final GenericDatumReader<GenericRecord> datumReader;
        /** Field positions of the mapper, computed once per reader schema. */
        final Object layout;
        GenericRecord reuse;

        SchemaEntry(final Schema writer, final Schema reader, final Object layout) {
            this.writer = writer;
            this.reader = reader;
            this.datumReader = new GenericDatumReader<>(writer, reader);
            this.layout = layout;
        }
    }

    /** Receives the records of a container; returns false to stop reading. */
    interface RecordSink {
        void accept(GenericRecord record, SchemaEntry entry, int recordNumber) throws AlertDecodeException;
    }

    private final Function<Schema, Schema> projection;
    private final Function<Schema, Object> layoutFactory;
    private final Map<ByteBuffer, SchemaEntry> schemas = new HashMap<>();
    private final byte[] sync = new byte[DataFileConstants.SYNC_SIZE];
    private final byte[] blockSync = new byte[DataFileConstants.SYNC_SIZE];
    private final byte[] magic = new byte[MAGIC.length];
    private byte[] block = new byte[64 * 1024];
    private BinaryDecoder frameDecoder;
    private BinaryDecoder blockDecoder;

    /**
     * @param projection    turns a writer schema into the reader schema (the fields the mapper needs)
     * @param layoutFactory computes the mapper's field positions for a reader schema
     */
    AvroContainerReader(final Function<Schema, Schema> projection, final Function<Schema, Object> layoutFactory) {
        this.projection = projection;
        this.layoutFactory = layoutFactory;
    }

    static boolean isContainer(final byte[] message, final int length) {
        if (length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (message[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Decodes every record of the container in {@code message[0..length)}; returns the number of records. */
    int read(final byte[] message, final int length, final RecordSink sink) throws AlertDecodeException {
        frameDecoder = DecoderFactory.get().binaryDecoder(message, 0, length, frameDecoder);
        final SchemaEntry entry;
        final String codecName;
        try {
            frameDecoder.readFixed(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new AlertDecodeException("avro container: magic " + hex(magic) + " is not Obj\\x01");
            }
            ByteBuffer schemaText = null;
            String codec = DataFileConstants.NULL_CODEC;
            for (long n = frameDecoder.readMapStart(); n != 0; n = frameDecoder.mapNext()) {
                for (long i = 0; i < n; i++) {
                    final String key = frameDecoder.readString();
                    final ByteBuffer value = frameDecoder.readBytes(null);
                    if (DataFileConstants.SCHEMA.equals(key)) {
                        schemaText = value;
                    } else if (DataFileConstants.CODEC.equals(key)) {
                        codec = StandardCharsets.UTF_8.decode(value).toString();
                    }
                }
            }
            frameDecoder.readFixed(sync);
            if (schemaText == null) {
                throw new AlertDecodeException("avro container: header has no avro.schema");
            }
            entry = schemaEntry(schemaText);
            codecName = codec;
        } catch (final IOException | RuntimeException e) {
            throw new AlertDecodeException("avro container header: " + describe(e));
        }
        if (!DataFileConstants.NULL_CODEC.equals(codecName)) {
            return readCompressed(message, length, entry, sink);
        }
        int records = 0;
        int blockNumber = 0;
        long count = -1;
        long size = -1;
        try {
            while (!frameDecoder.isEnd()) {
                blockNumber++;
                count = -1;
                size = -1;
                count = frameDecoder.readLong();
                size = frameDecoder.readLong();
                if (count < 0 || size < 0 || size > length) {
                    throw new AlertDecodeException("avro block " + blockNumber + ": count=" + count + " size=" + size
                            + " is impossible in a " + length + "-byte message");
                }
                if (block.length < size) {
                    block = new byte[(int) Math.max(size, block.length * 2L)];
                }
                frameDecoder.readFixed(block, 0, (int) size);
                frameDecoder.readFixed(blockSync);
                if (!Arrays.equals(sync, blockSync)) {
                    throw new AlertDecodeException("avro block " + blockNumber + ": sync marker " + hex(blockSync)
                            + " does not match the header's " + hex(sync));
                }
                blockDecoder = DecoderFactory.get().binaryDecoder(block, 0, (int) size, blockDecoder);
                for (long i = 0; i < count; i++) {
                    records++;
                    final GenericRecord record;
                    try {
                        record = entry.datumReader.read(entry.reuse, blockDecoder);
                    } catch (final IOException | RuntimeException e) {
                        throw new AlertDecodeException("avro record " + records + " (block " + blockNumber + "): "
                                + describe(e));
                    }
                    entry.reuse = record;
                    sink.accept(record, entry, records);
                }
                if (!blockDecoder.isEnd()) {
                    throw new AlertDecodeException("avro block " + blockNumber + ": bytes left after " + count
                            + " record(s)");
                }
            }
        } catch (final java.io.EOFException e) {
            throw new AlertDecodeException("avro block " + blockNumber + " (count=" + count + ", size=" + size
                    + "): the " + length + "-byte message ends inside the block (truncated)");
        } catch (final IOException | RuntimeException e) {
            throw new AlertDecodeException("avro block " + blockNumber + " (count=" + count + ", size=" + size
                    + "): " + describe(e));
        }
        return records;
    }

    /**
     * Compressed containers (snappy, deflate, ...: Fink's archive files, not what ZTF or Rubin publish per
     * message) go through Avro's {@link DataFileStream} and its codecs; the projection still applies.
     */
    private int readCompressed(final byte[] message, final int length, final SchemaEntry entry,
                               final RecordSink sink) throws AlertDecodeException {
        final GenericDatumReader<GenericRecord> datumReader = new GenericDatumReader<>();
        int records = 0;
        try (DataFileStream<GenericRecord> stream = new DataFileStream<>(
                new ByteArrayInputStream(message, 0, length), datumReader)) {
            datumReader.setExpected(entry.reader);
            GenericRecord reuse = null;
            while (stream.hasNext()) {
                records++;
                reuse = stream.next(reuse);
                sink.accept(reuse, entry, records);
            }
        } catch (final IOException | RuntimeException e) {
            throw new AlertDecodeException("avro record " + (records + 1) + " (" + stream(entry) + "): "
                    + describe(e));
        }
        return records;
    }

    private static String stream(final SchemaEntry entry) {
        return "compressed container, writer " + entry.writer.getFullName();
    }

    /** A new (uncached) entry for a writer schema from elsewhere (a registry): the caller caches it by id. */
    SchemaEntry entryFor(final Schema writer) {
        final Schema reader = projection.apply(writer);
        return new SchemaEntry(writer, reader, layoutFactory.apply(reader));
    }

    private SchemaEntry schemaEntry(final ByteBuffer schemaText) throws AlertDecodeException {
        final SchemaEntry cached = schemas.get(schemaText);
        if (cached != null) {
            return cached;
        }
        final Schema writer;
        try {
            writer = new Schema.Parser().setValidateDefaults(false)
                    .parse(StandardCharsets.UTF_8.decode(schemaText.duplicate()).toString());
        } catch (final RuntimeException e) {
            throw new AlertDecodeException("avro.schema: not a valid schema: " + describe(e));
        }
        return newEntry(schemaText, writer);
    }

    private SchemaEntry newEntry(final ByteBuffer key, final Schema writer) {
        if (schemas.size() >= MAX_CACHED_SCHEMAS) {
            schemas.clear(); // bounded: a stream of ever-new schemas must not grow memory without limit
        }
        final SchemaEntry e = entryFor(writer);
        schemas.put(key, e);
        return e;
    }

    static String describe(final Throwable e) {
        final String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static String hex(final byte[] b) {
        final StringBuilder sb = new StringBuilder(b.length * 2);
        for (final byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }
}
