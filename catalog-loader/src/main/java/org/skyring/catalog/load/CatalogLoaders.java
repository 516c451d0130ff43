package org.skyring.catalog.load;

/** The loader for an input format name, as written in {@code --input FORMAT:PATH}. */
public final class CatalogLoaders {
    /** Formats {@link #forFormat} knows, for help and error messages. */
    public static final String FORMATS = "hipparcos, bsc5, openngc, csv";

    private CatalogLoaders() {
    }

    /**
     * @param csv mapping used by the {@code csv} format
     * @throws IllegalArgumentException naming the format when it is unknown
     */
    public static CatalogLoader forFormat(String format, CsvMapping csv) {
        switch (format) {
            case "hipparcos":
                return new HipparcosLoader();
            case "bsc5":
                return new Bsc5Loader();
            case "openngc":
                return new OpenNgcLoader();
            case "csv":
                return new CsvCatalogLoader(csv);
            default:
                throw new IllegalArgumentException("unknown catalog format \"" + format + "\"; allowed: " + FORMATS);
        }
    }
}
