package org.skyring.catalog.load;

import java.util.Objects;
import org.skyring.catalog.SourceType;

/**
 * Column mapping of the generic CSV loader, so users can load Gaia, VSX or their own lists: which header column
 * holds each field. Empty column name = field absent. Comes from {@code catalog_csv} in
 * {@code config/skyring.yaml} (validated there). Units: degrees, magnitudes, Julian years, mas/yr
 * (pm_ra is mu_alpha* = mu_alpha cos dec, as Gaia's pmra), mas.
 *
 * @param delimiter      field separator (one character)
 * @param idColumn       column holding the source's own identifier (required)
 * @param idPrefix       prepended to every id, e.g. "Gaia DR3 "
 * @param typeColumn     column whose value names the type ({@link SourceType#parse}); "" = all {@code defaultType}
 * @param epochColumn    Julian-year epoch column; "" = every row at {@code epoch}
 * @param origin         catalog-of-origin name recorded with each source
 */
public record CsvMapping(char delimiter, String idColumn, String idPrefix, String raColumn, String decColumn,
                         String typeColumn, SourceType defaultType, String magColumn, String mag2Column,
                         String epochColumn, double epoch, String pmRaColumn, String pmDecColumn,
                         String parallaxColumn, String redshiftColumn, String origin) {

    public CsvMapping {
        Objects.requireNonNull(defaultType, "defaultType");
        for (String required : new String[] {idColumn, raColumn, decColumn, origin}) {
            if (required == null || required.isBlank()) {
                throw new IllegalArgumentException("CSV mapping: id, ra, dec columns and origin are required");
            }
        }
    }

    /** id,ra,dec,type,mag columns; J2000; origin "csv". */
    public static CsvMapping defaults() {
        return new CsvMapping(',', "id", "", "ra", "dec", "type", SourceType.STAR, "mag", "", "", 2000.0,
            "", "", "", "", "csv");
    }
}
