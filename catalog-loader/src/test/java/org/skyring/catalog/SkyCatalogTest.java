package org.skyring.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SkyCatalogTest {

    @Test
    void keepsEverySourceAndItsAttributes() {
        SkyCatalog catalog = new SkyCatalog.Builder()
            .add("Vega", 279.23473, 38.78369, SourceType.STAR, 0.03)
            .add("M31", 10.68471, 41.26875, SourceType.GALAXY, 3.44)
            .add("Polaris", 37.95456, 89.26411, SourceType.VARIABLE_STAR, 1.98)
            .add("wrapped", 370.0, -5.0, SourceType.OTHER, Double.NaN)
            .build("v1");

        assertEquals("v1", catalog.version());
        assertEquals(4, catalog.size());
        int vega = indexOf(catalog, "Vega");
        assertEquals(279.23473, catalog.raDeg(vega), 0.0);
        assertEquals(38.78369, catalog.decDeg(vega), 0.0);
        assertEquals(SourceType.STAR, catalog.type(vega));
        assertEquals(0.03, catalog.mag(vega), 0.0);
        int wrapped = indexOf(catalog, "wrapped");
        assertEquals(10.0, catalog.raDeg(wrapped), 1e-12);
        assertTrue(Double.isNaN(catalog.mag(wrapped)));
        assertEquals(SourceType.VARIABLE_STAR, catalog.type(indexOf(catalog, "Polaris")));
    }

    @Test
    void searchFindsAKnownStarByPosition() {
        SkyCatalog catalog = new SkyCatalog.Builder()
            .add("Vega", 279.23473, 38.78369, SourceType.STAR, 0.03)
            .add("M31", 10.68471, 41.26875, SourceType.GALAXY, 3.44)
            .build("v1");
        ConeResult result = new ConeResult();

        assertEquals(1, catalog.search(279.23473 + 1.0 / 3600, 38.78369, 2.0, result));
        assertEquals("Vega", catalog.sourceId(result.index(0)));
        assertEquals(Math.cos(Math.toRadians(38.78369)), result.separationArcsec(0), 1e-6);
    }

    @Test
    void emptyCatalogFindsNothing() {
        SkyCatalog catalog = new SkyCatalog.Builder().build("empty");
        assertEquals(0, catalog.size());
        assertEquals(0, catalog.search(0, 90, 1800, new ConeResult()));
    }

    @Test
    void rejectsBadRowsNamingTheSource() {
        SkyCatalog.Builder builder = new SkyCatalog.Builder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> builder.add("bad", 10, 91, SourceType.STAR, 1));
        assertTrue(e.getMessage().contains("bad"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder.add("nan", Double.NaN, 0, SourceType.STAR, 1));
        assertThrows(IllegalArgumentException.class, () -> builder.add(" ", 0, 0, SourceType.STAR, 1));
        assertThrows(NullPointerException.class, () -> builder.add("t", 0, 0, null, 1));
        assertThrows(IllegalArgumentException.class, () -> builder.build(""));
        assertEquals(0, builder.size());
    }

    @Test
    void builderGrowsPastItsInitialCapacity() {
        SkyCatalog.Builder builder = new SkyCatalog.Builder();
        for (int i = 0; i < 5000; i++) {
            builder.add("S " + i, (i * 0.07) % 360, (i % 180) - 89.5, SourceType.STAR, 10);
        }
        assertEquals(5000, builder.build("big").size());
    }

    private static int indexOf(SkyCatalog catalog, String id) {
        for (int i = 0; i < catalog.size(); i++) {
            if (catalog.sourceId(i).equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no source " + id);
    }
}
