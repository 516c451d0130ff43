package org.skyring.catalog;

/**
 * One source on its way into a {@link SkyCatalog.Builder}: a reusable, mutable row that loaders fill field by
 * field and hand to {@link SkyCatalog.Builder#add(CatalogEntry)}. Cold path (catalog build), so plain fields.
 *
 * <p>Absent values are NaN. Proper motion follows the Hipparcos/Gaia convention: {@code pmRaMasPerYear} is
 * mu_alpha* = mu_alpha cos(dec), in milli-arcseconds per Julian year; {@code epochJyear} is the Julian year at
 * which the position is given (1991.25 for Hipparcos, 2000.0 for BSC5 and OpenNGC) and is required whenever a
 * proper motion is.
 */
public final class CatalogEntry {
    public String id;
    public double raDeg;
    public double decDeg;
    public SourceType type;
    /** Visual (V, or the catalog's closest) magnitude. */
    public double mag;
    /** A second, bluer band where known (Hipparcos BT, BSC5 B = V + (B-V), OpenNGC B). */
    public double mag2;
    public double epochJyear;
    public double pmRaMasPerYear;
    public double pmDecMasPerYear;
    public double parallaxMas;
    public double redshift;
    /** Catalog of origin, as registered with {@link SkyCatalog.Builder#origin(String)}. */
    public byte origin;

    public CatalogEntry() {
        clear();
    }

    /** Resets every field to absent, keeping nothing from the previous row. */
    public CatalogEntry clear() {
        id = null;
        raDeg = Double.NaN;
        decDeg = Double.NaN;
        type = null;
        mag = Double.NaN;
        mag2 = Double.NaN;
        epochJyear = Double.NaN;
        pmRaMasPerYear = Double.NaN;
        pmDecMasPerYear = Double.NaN;
        parallaxMas = Double.NaN;
        redshift = Double.NaN;
        origin = 0;
        return this;
    }
}
