package org.skyring.catalog.load;

import org.skyring.catalog.CatalogEntry;
import org.skyring.catalog.SourceType;

/**
 * OpenNGC ({@code NGC.csv}, {@code addendum.csv}; CC-BY-SA-4.0): ';'-separated with a header row, positions
 * J2000 sexagesimal. {@code Dup} (duplicate entries of another object) and {@code NonEx} (non-existent) rows
 * are skipped. Types: G, GPair, GTrpl, GGroup are {@link SourceType#GALAXY} (with redshift where given);
 * {@code *} and {@code **} are stars (with their Gaia proper motion and parallax); Nova is a cataclysmic
 * variable; clusters, nebulae and the rest are {@link SourceType#OTHER}. Proper motion is kept only for stars:
 * a galaxy's catalogued "proper motion" is a measurement of its nucleus, not a motion to propagate.
 * Ids keep the catalog's name with the zero padding removed: {@code NGC0224} becomes {@code NGC 224},
 * {@code IC0080 NED01} becomes {@code IC 80 NED01}. Magnitudes: V (else B), and B.
 */
public final class OpenNgcLoader extends CatalogLoader {
    static final double EPOCH = 2000.0;
    private static final int NAME = 0;
    private static final int TYPE = 1;
    private static final int RA = 2;
    private static final int DEC = 3;
    private static final int B_MAG = 8;
    private static final int V_MAG = 9;
    private static final int PAX = 15;
    private static final int PM_RA = 16;
    private static final int PM_DEC = 17;
    private static final int REDSHIFT = 19;

    @Override
    public String origin() {
        return "openngc";
    }

    @Override
    protected boolean parse(String line, CatalogEntry e) throws BadField {
        if (line.isBlank() || line.startsWith("Name;")) {
            return false;
        }
        String[] f = line.split(";", -1);
        if (f.length < 20) {
            throw new BadField("fields", Integer.toString(f.length), "expected at least 20 ';'-separated fields");
        }
        String type = f[TYPE].trim();
        if (type.equals("Dup") || type.equals("NonEx")) {
            return false;
        }
        e.id = id(f[NAME]);
        e.type = type(type);
        e.raDeg = sexagesimal("RA", f[RA], true);
        e.decDeg = sexagesimal("Dec", f[DEC], false);
        e.epochJyear = EPOCH;
        e.mag2 = optional("B-Mag", f[B_MAG]);
        double v = optional("V-Mag", f[V_MAG]);
        e.mag = Double.isNaN(v) ? e.mag2 : v;
        e.redshift = optional("Redshift", f[REDSHIFT]);
        if (e.type == SourceType.STAR) {
            e.parallaxMas = optional("Pax", f[PAX]);
            e.pmRaMasPerYear = optional("Pm-RA", f[PM_RA]);
            e.pmDecMasPerYear = optional("Pm-Dec", f[PM_DEC]);
        }
        return true;
    }

    /** "NGC0224" -> "NGC 224", "IC0080 NED01" -> "IC 80 NED01"; other names unchanged. */
    static String id(String name) throws BadField {
        String n = name.trim();
        if (n.isEmpty()) {
            throw new BadField("Name", name, "missing");
        }
        int letters = n.startsWith("NGC") ? 3 : n.startsWith("IC") ? 2 : 0;
        if (letters == 0 || n.length() == letters || !Character.isDigit(n.charAt(letters))) {
            return n;
        }
        int digitsStart = letters;
        while (digitsStart < n.length() - 1 && n.charAt(digitsStart) == '0'
                && Character.isDigit(n.charAt(digitsStart + 1))) {
            digitsStart++;
        }
        return n.substring(0, letters) + " " + n.substring(digitsStart);
    }

    static SourceType type(String openNgcType) {
        switch (openNgcType) {
            case "G":
            case "GPair":
            case "GTrpl":
            case "GGroup":
                return SourceType.GALAXY;
            case "*":
            case "**":
                return SourceType.STAR;
            case "Nova":
                return SourceType.CATACLYSMIC_VARIABLE;
            default:
                return SourceType.OTHER;
        }
    }
}
