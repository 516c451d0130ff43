package org.skyring.catalog.load;

import java.util.ArrayList;
import java.util.List;
import org.skyring.catalog.CatalogEntry;
import org.skyring.catalog.SourceType;

/**
 * Generic delimited-text catalog: the first line is a header naming the columns, the {@link CsvMapping} says
 * which column is which field. Fields may be double-quoted ({@code ""} inside quotes is a quote).
 */
public final class CsvCatalogLoader extends CatalogLoader {
    private final CsvMapping mapping;
    private final List<String> fields = new ArrayList<>();
    private int id = -1;
    private int ra;
    private int dec;
    private int type;
    private int mag;
    private int mag2;
    private int epoch;
    private int pmRa;
    private int pmDec;
    private int parallax;
    private int redshift;

    public CsvCatalogLoader(CsvMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public String origin() {
        return mapping.origin();
    }

    @Override
    protected boolean parse(String line, CatalogEntry e) throws BadField {
        if (line.isBlank()) {
            return false;
        }
        split(line);
        if (id < 0) {
            header();
            return false;
        }
        e.id = mapping.idPrefix() + field(id, "id").trim();
        e.raDeg = number(mapping.raColumn(), field(ra, mapping.raColumn()));
        e.decDeg = number(mapping.decColumn(), field(dec, mapping.decColumn()));
        e.type = mapping.defaultType();
        if (type >= 0 && !field(type, mapping.typeColumn()).isBlank()) {
            e.type = SourceType.parse(field(type, mapping.typeColumn()));
            if (e.type == null) {
                throw new BadField(mapping.typeColumn(), field(type, mapping.typeColumn()),
                    "unknown type; allowed: star, variable_star, galaxy, agn (qso), cataclysmic_variable (cv), "
                        + "solar_system, other");
            }
        }
        e.mag = optionalField(mag, mapping.magColumn());
        e.mag2 = optionalField(mag2, mapping.mag2Column());
        e.epochJyear = epoch >= 0 ? number(mapping.epochColumn(), field(epoch, mapping.epochColumn())) : mapping.epoch();
        e.pmRaMasPerYear = optionalField(pmRa, mapping.pmRaColumn());
        e.pmDecMasPerYear = optionalField(pmDec, mapping.pmDecColumn());
        e.parallaxMas = optionalField(parallax, mapping.parallaxColumn());
        e.redshift = optionalField(redshift, mapping.redshiftColumn());
        return true;
    }

    private double optionalField(int column, String name) throws BadField {
        return column < 0 ? Double.NaN : optional(name, field(column, name));
    }

    private String field(int column, String name) throws BadField {
        if (column >= fields.size()) {
            throw new BadField(name, "", "row has only " + fields.size() + " fields");
        }
        return fields.get(column);
    }

    private void header() throws BadField {
        id = column(mapping.idColumn(), true);
        ra = column(mapping.raColumn(), true);
        dec = column(mapping.decColumn(), true);
        type = column(mapping.typeColumn(), false);
        mag = column(mapping.magColumn(), false);
        mag2 = column(mapping.mag2Column(), false);
        epoch = column(mapping.epochColumn(), false);
        pmRa = column(mapping.pmRaColumn(), false);
        pmDec = column(mapping.pmDecColumn(), false);
        parallax = column(mapping.parallaxColumn(), false);
        redshift = column(mapping.redshiftColumn(), false);
    }

    /** Index of a mapped column in the header; -1 if not mapped (or optional and absent from the file). */
    private int column(String name, boolean required) throws BadField {
        if (name == null || name.isEmpty()) {
            return -1;
        }
        int index = fields.indexOf(name);
        if (index < 0 && (required || !mapping.typeColumn().equals(name))) {
            id = -1;
            throw new BadField("header", String.join(String.valueOf(mapping.delimiter()), fields),
                "no column '" + name + "' (mapped in catalog_csv)");
        }
        return index;
    }

    private void split(String line) {
        fields.clear();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == mapping.delimiter()) {
                fields.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        fields.add(sb.toString());
    }
}
