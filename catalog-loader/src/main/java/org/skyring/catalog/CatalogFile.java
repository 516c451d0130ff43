package org.skyring.catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The persisted sky index: one file, a 4 KiB header then one 64-byte-aligned section per column, each mapped
 * read-only on open (one mapping per section, so no column is limited by the 2 GiB of a single mapping).
 *
 * <pre>
 * header   magic "SKYCAT01" | format 1 | byte-order mark | sources | zones | cells | fast movers
 *          | max slow pm (mas/yr) | min, max epoch of moving sources | section table (offset, length) x 17
 * sections cell offsets int[cells+1] | unit vectors double[3n] | ra, dec, mag double[n]
 *          | mag2, epoch, pmRa, pmDec, parallax, redshift float[n] | type, origin byte[n]
 *          | id offsets int[n+1] | id bytes (ASCII) | fast-mover indices int[f] | provenance (key=value lines, UTF-8)
 * </pre>
 *
 * Numbers are in the writing machine's byte order (recorded, and checked on open), so searching reads them
 * with plain loads. Sources are already sorted by cell, so opening rebuilds nothing: it maps, checks the
 * header, section sizes and the offset table (monotonic, ending at the source count), and is done.
 */
final class CatalogFile {

    static final int CELL_START = 0;
    static final int XYZ = 1;
    static final int RA = 2;
    static final int DEC = 3;
    static final int MAG = 4;
    static final int MAG2 = 5;
    static final int EPOCH = 6;
    static final int PM_RA = 7;
    static final int PM_DEC = 8;
    static final int PARALLAX = 9;
    static final int REDSHIFT = 10;
    static final int TYPE = 11;
    static final int ORIGIN = 12;
    static final int ID_OFFSET = 13;
    static final int ID_BYTES = 14;
    static final int FAST = 15;
    static final int META = 16;
    static final int SECTION_COUNT = 17;

    static final String META_VERSION = "version";
    static final String META_ORIGIN_PREFIX = "origin.";

    private static final long MAGIC = 0x3130544143594B53L; // "SKYCAT01" read little-endian
    private static final int FORMAT = 1;
    private static final int BYTE_ORDER_MARK = 0x01020304;
    private static final int HEADER_BYTES = 4096;
    private static final int SECTION_TABLE = 64;
    private static final int ALIGN = 64;

    private CatalogFile() {
    }

    static void write(SkyCatalog catalog, Path file) throws IOException {
        UnsafeBuffer[] sections = catalog.sections();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.nativeOrder());
        header.putLong(0, MAGIC);
        header.putInt(8, FORMAT);
        header.putInt(12, BYTE_ORDER_MARK);
        header.putInt(16, catalog.size());
        header.putInt(20, catalog.zoneCount());
        header.putInt(24, catalog.cellCount());
        header.putInt(28, catalog.fastCount());
        header.putDouble(32, catalog.maxSlowPmMasPerYear());
        header.putDouble(40, catalog.minPmEpoch());
        header.putDouble(48, catalog.maxPmEpoch());
        long offset = HEADER_BYTES;
        for (int s = 0; s < SECTION_COUNT; s++) {
            header.putLong(SECTION_TABLE + s * 16, offset);
            header.putLong(SECTION_TABLE + s * 16 + 8, sections[s].capacity());
            offset = align(offset + sections[s].capacity());
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, header, 0);
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
            for (int s = 0; s < SECTION_COUNT; s++) {
                long position = header.getLong(SECTION_TABLE + s * 16);
                UnsafeBuffer section = sections[s];
                for (int from = 0; from < section.capacity(); from += chunk.capacity()) {
                    int n = Math.min(chunk.capacity(), section.capacity() - from);
                    chunk.clear().limit(n);
                    section.getBytes(from, chunk, n);
                    chunk.flip();
                    writeFully(ch, chunk, position + from);
                }
            }
            ch.truncate(offset);
            if (ch.size() < offset) { // trailing alignment padding of the last section
                writeFully(ch, ByteBuffer.allocate((int) (offset - ch.size())), ch.size());
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static SkyCatalog open(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (fileSize < HEADER_BYTES) {
                throw bad(file, "file size", fileSize + " bytes, shorter than the " + HEADER_BYTES + "-byte header");
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.nativeOrder());
            while (header.hasRemaining()) {
                if (ch.read(header, header.position()) < 0) {
                    throw bad(file, "header", "truncated");
                }
            }
            if (header.getLong(0) != MAGIC) {
                throw bad(file, "magic", Long.toHexString(header.getLong(0)) + " (not a Skyring catalog)");
            }
            if (header.getInt(8) != FORMAT) {
                throw bad(file, "format", header.getInt(8) + " (this build reads format " + FORMAT + ")");
            }
            if (header.getInt(12) != BYTE_ORDER_MARK) {
                throw bad(file, "byte order", "written on a machine of the other endianness");
            }
            int size = header.getInt(16);
            int zoneCount = header.getInt(20);
            int cellCount = header.getInt(24);
            int fastCount = header.getInt(28);
            if (size < 0 || size > SkyCatalog.MAX_SOURCES || zoneCount < 2 || fastCount < 0 || fastCount > size) {
                throw bad(file, "counts", "sources=" + size + " zones=" + zoneCount + " fast=" + fastCount);
            }
            SkyGrid grid = new SkyGrid(zoneCount);
            if (grid.cellCount() != cellCount) {
                throw bad(file, "cells", cellCount + " but " + zoneCount + " zones make " + grid.cellCount());
            }
            long[] expected = expectedLengths(size, cellCount, fastCount);
            UnsafeBuffer[] sections = new UnsafeBuffer[SECTION_COUNT];
            for (int s = 0; s < SECTION_COUNT; s++) {
                long offset = header.getLong(SECTION_TABLE + s * 16);
                long length = header.getLong(SECTION_TABLE + s * 16 + 8);
                if ((expected[s] >= 0 && length != expected[s]) || length < 0 || length > Integer.MAX_VALUE
                        || offset < HEADER_BYTES || offset + length > fileSize) {
                    throw bad(file, "section " + s, "offset " + offset + " length " + length
                        + (expected[s] >= 0 ? " (expected length " + expected[s] + ")" : "")
                        + ", file is " + fileSize + " bytes");
                }
                if (length == 0) {
                    sections[s] = new UnsafeBuffer(new byte[0]);
                } else {
                    MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, offset, length);
                    sections[s] = new UnsafeBuffer(map); // keeps the mapping reachable as long as the catalog
                }
            }
            checkOffsets(file, "cell offsets", sections[CELL_START], cellCount + 1, size);
            checkOffsets(file, "id offsets", sections[ID_OFFSET], size + 1, (int) sections[ID_BYTES].capacity());
            byte[] metaBytes = new byte[sections[META].capacity()];
            sections[META].getBytes(0, metaBytes);
            Map<String, String> meta = decodeMeta(new String(metaBytes, StandardCharsets.UTF_8));
            if (!meta.containsKey(META_VERSION)) {
                throw bad(file, "provenance", "no version line");
            }
            return new SkyCatalog(grid, size, sections, fastCount, header.getDouble(32), header.getDouble(40),
                header.getDouble(48), meta);
        }
    }

    /** Offsets must start at 0, never decrease and end at {@code end}: a torn or foreign file fails here. */
    private static void checkOffsets(Path file, String name, UnsafeBuffer b, int count, int end) throws IOException {
        int previous = 0;
        for (int k = 0; k < count; k++) {
            int v = b.getInt(k * Integer.BYTES);
            if (v < previous || (k == 0 && v != 0)) {
                throw bad(file, name, "entry " + k + " = " + v + " after " + previous);
            }
            previous = v;
        }
        if (previous != end) {
            throw bad(file, name, "end at " + previous + ", expected " + end);
        }
    }

    private static long[] expectedLengths(long n, long cells, long fast) {
        long[] e = new long[SECTION_COUNT];
        e[CELL_START] = (cells + 1) * 4;
        e[XYZ] = n * 24;
        e[RA] = n * 8;
        e[DEC] = n * 8;
        e[MAG] = n * 8;
        e[MAG2] = n * 4;
        e[EPOCH] = n * 4;
        e[PM_RA] = n * 4;
        e[PM_DEC] = n * 4;
        e[PARALLAX] = n * 4;
        e[REDSHIFT] = n * 4;
        e[TYPE] = n;
        e[ORIGIN] = n;
        e[ID_OFFSET] = (n + 1) * 4;
        e[ID_BYTES] = -1;
        e[FAST] = fast * 4;
        e[META] = -1;
        return e;
    }

    static String encodeMeta(Map<String, String> meta) {
        StringBuilder sb = new StringBuilder();
        meta.forEach((k, v) -> sb.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        return sb.toString();
    }

    static Map<String, String> decodeMeta(String text) {
        Map<String, String> meta = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                meta.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return meta;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        long p = position;
        while (b.hasRemaining()) {
            p += ch.write(b, p);
        }
    }

    private static long align(long v) {
        return (v + ALIGN - 1) & -ALIGN;
    }

    private static IOException bad(Path file, String field, String value) {
        return new IOException("catalog " + file + ": bad " + field + ": " + value);
    }
}
