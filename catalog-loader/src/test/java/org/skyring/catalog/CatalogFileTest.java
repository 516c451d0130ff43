package org.skyring.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persisted index: written, reopened by mapping, identical in every field and every search. */
class CatalogFileTest {

    @TempDir
    Path dir;

    /** Every column of every source, with proper motions (slow and fast) and two origins. */
    static SkyCatalog richCatalog(int count, long seed) {
        SkyCatalog.Builder builder = new SkyCatalog.Builder();
        byte hip = builder.origin("hipparcos");
        byte ngc = builder.origin("openngc");
        SplittableRandom random = new SplittableRandom(seed);
        CatalogEntry e = new CatalogEntry();
        for (int i = 0; i < count; i++) {
            e.clear();
            e.id = (i % 3 == 0 ? "NGC " : "HIP ") + i;
            e.raDeg = 360 * random.nextDouble();
            e.decDeg = Math.toDegrees(Math.asin(2 * random.nextDouble() - 1));
            e.type = SourceType.values()[i % SourceType.values().length];
            e.mag = 5 + 10 * random.nextDouble();
            e.mag2 = i % 4 == 0 ? Double.NaN : e.mag + 0.5;
            e.origin = i % 3 == 0 ? ngc : hip;
            e.redshift = i % 3 == 0 ? 0.01 * random.nextDouble() : Double.NaN;
            if (i % 3 != 0) {
                e.epochJyear = 1991.25;
                e.pmRaMasPerYear = random.nextGaussian() * (i % 97 == 0 ? 3000 : 50);
                e.pmDecMasPerYear = random.nextGaussian() * 50;
                e.parallaxMas = 10 * random.nextDouble();
            }
            builder.add(e);
        }
        builder.provenance("inputs", "test:" + seed);
        return builder.build("rich-" + count + "-" + seed);
    }

    @Test
    void reopenedFileHasEveryFieldAndAnswersEveryQueryIdentically() throws IOException {
        SkyCatalog built = richCatalog(20_000, 5);
        Path file = dir.resolve("rich.skycat");
        built.writeTo(file);

        SkyCatalog opened = SkyCatalog.open(file);

        assertEquals(built.version(), opened.version());
        assertEquals(built.size(), opened.size());
        assertEquals(built.provenance(), opened.provenance());
        assertEquals("test:5", opened.provenance().get("inputs"));
        assertEquals(built.originNames(), opened.originNames());
        assertTrue(built.fastCount() > 0, "the test catalog has fast movers");
        assertEquals(built.fastCount(), opened.fastCount());
        for (int i = 0; i < built.size(); i++) {
            assertEquals(built.sourceId(i), opened.sourceId(i));
            assertEquals(built.type(i), opened.type(i));
            assertEquals(built.origin(i), opened.origin(i));
            assertEquals(Double.doubleToLongBits(built.raDeg(i)), Double.doubleToLongBits(opened.raDeg(i)));
            assertEquals(Double.doubleToLongBits(built.decDeg(i)), Double.doubleToLongBits(opened.decDeg(i)));
            assertEquals(Double.doubleToLongBits(built.mag(i)), Double.doubleToLongBits(opened.mag(i)));
            assertEquals(Double.doubleToLongBits(built.mag2(i)), Double.doubleToLongBits(opened.mag2(i)));
            assertEquals(Double.doubleToLongBits(built.epochJyear(i)), Double.doubleToLongBits(opened.epochJyear(i)));
            assertEquals(Double.doubleToLongBits(built.pmRaMasPerYear(i)),
                Double.doubleToLongBits(opened.pmRaMasPerYear(i)));
            assertEquals(Double.doubleToLongBits(built.parallaxMas(i)), Double.doubleToLongBits(opened.parallaxMas(i)));
            assertEquals(Double.doubleToLongBits(built.redshift(i)), Double.doubleToLongBits(opened.redshift(i)));
        }
        SplittableRandom random = new SplittableRandom(9);
        ConeResult a = new ConeResult();
        ConeResult b = new ConeResult();
        int nonEmpty = 0;
        for (int q = 0; q < 2000; q++) {
            int i = random.nextInt(built.size());
            double radius = q % 10 == 0 ? 1800 : 60;
            double epoch = q % 2 == 0 ? Double.NaN : 2026.0;
            int n = built.search(built.raDeg(i), built.decDeg(i), radius, epoch, a);
            assertEquals(n, opened.search(built.raDeg(i), built.decDeg(i), radius, epoch, b));
            for (int k = 0; k < n; k++) {
                assertEquals(a.index(k), b.index(k));
                assertEquals(a.separationArcsec(k), b.separationArcsec(k), 0.0);
            }
            nonEmpty += n > 0 ? 1 : 0;
        }
        assertTrue(nonEmpty > 1000, "queries found sources: " + nonEmpty);
    }

    @Test
    void writingTheOpenedCatalogAgainGivesTheSameBytes() throws IOException {
        Path first = dir.resolve("a.skycat");
        Path second = dir.resolve("b.skycat");
        richCatalog(3000, 8).writeTo(first);
        SkyCatalog.open(first).writeTo(second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void emptyCatalogRoundTrips() throws IOException {
        Path file = dir.resolve("empty.skycat");
        new SkyCatalog.Builder().build("empty").writeTo(file);
        SkyCatalog opened = SkyCatalog.open(file);
        assertEquals(0, opened.size());
        assertEquals(0, opened.search(0, 90, 1800, new ConeResult()));
    }

    @Test
    void rejectsForeignTruncatedAndCorruptFilesNamingWhatIsWrong() throws IOException {
        Path file = dir.resolve("c.skycat");
        richCatalog(1000, 3).writeTo(file);
        byte[] good = Files.readAllBytes(file);

        Path foreign = dir.resolve("foreign");
        Files.writeString(foreign, "not a catalog".repeat(1000));
        assertTrue(message(foreign).contains("bad magic"), message(foreign));

        Path truncated = dir.resolve("truncated");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        assertTrue(message(truncated).contains("section"), message(truncated));

        Path tiny = dir.resolve("tiny");
        Files.write(tiny, new byte[10]);
        assertTrue(message(tiny).contains("file size"), message(tiny));

        // A torn cell-offset table: the first offset of the second section entry made negative.
        Path torn = dir.resolve("torn");
        Files.write(torn, good);
        try (FileChannel ch = FileChannel.open(torn, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(4096).order(java.nio.ByteOrder.nativeOrder());
            ch.read(header, 0);
            long cellOffsets = header.getLong(64);
            ByteBuffer value = ByteBuffer.allocate(4).order(java.nio.ByteOrder.nativeOrder()).putInt(0, 7);
            ch.write(value, cellOffsets);
        }
        assertTrue(message(torn).contains("cell offsets"), message(torn));
    }

    private static String message(Path file) {
        return assertThrows(IOException.class, () -> SkyCatalog.open(file)).getMessage();
    }
}
