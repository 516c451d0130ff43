package org.skyring.catalog.load;

import org.skyring.catalog.CatalogEntry;
import org.skyring.catalog.SourceType;

/**
 * The Yale Bright Star Catalogue, 5th revised edition ({@code bsc5.dat}, CDS V/50), fixed width; columns are
 * the CDS byte positions (1-based, inclusive). Positions are J2000 (equinox and epoch, bytes 76-90); proper
 * motions (149-154, 155-160) are arcsec/yr on the great circle (mu_alpha*, checked: Polaris +0.038 vs.
 * Hipparcos 44.2 mas/yr), stored in mas/yr; parallax (162-166) arcsec, stored in mas.
 *
 * <p>Variability, VarID (bytes 52-60): a GCVS designation or "Var" is a known variable,
 * {@link SourceType#VARIABLE_STAR}; "Var?" and bare NSV numbers are only suspected, {@link SourceType#STAR}.
 * Magnitudes: V (103-107) and B = V + (B-V) (110-114). Ids are {@code HR <n>}.
 */
public final class Bsc5Loader extends CatalogLoader {
    static final double EPOCH = 2000.0;

    @Override
    public String origin() {
        return "bsc5";
    }

    @Override
    protected boolean parse(String line, CatalogEntry e) throws BadField {
        if (line.isBlank()) {
            return false;
        }
        String hr = columns(line, 1, 4).trim();
        if (hr.isEmpty() || !hr.chars().allMatch(Character::isDigit)) {
            throw new BadField("HR (bytes 1-4)", columns(line, 1, 4), "not an HR number");
        }
        e.id = "HR " + hr;
        String ra = columns(line, 76, 83);
        String de = columns(line, 84, 90);
        if (ra.isBlank() || de.isBlank()) {
            throw new BadField("RA/Dec J2000 (bytes 76-90)", ra + de, "missing");
        }
        e.raDeg = 15.0 * (number("RAh", columns(line, 76, 77)) + number("RAm", columns(line, 78, 79)) / 60.0
            + number("RAs", columns(line, 80, 83)) / 3600.0);
        double dec = number("DEd", columns(line, 85, 86)) + number("DEm", columns(line, 87, 88)) / 60.0
            + number("DEs", columns(line, 89, 90)) / 3600.0;
        String sign = columns(line, 84, 84);
        if (!sign.equals("+") && !sign.equals("-")) {
            throw new BadField("DE- (byte 84)", sign, "expected + or -");
        }
        e.decDeg = sign.equals("-") ? -dec : dec;
        e.epochJyear = EPOCH;
        e.mag = optional("Vmag (bytes 103-107)", columns(line, 103, 107));
        double bv = optional("B-V (bytes 110-114)", columns(line, 110, 114));
        e.mag2 = e.mag + bv; // NaN when either is unknown
        e.pmRaMasPerYear = optional("pmRA (bytes 149-154)", columns(line, 149, 154)) * 1000.0;
        e.pmDecMasPerYear = optional("pmDE (bytes 155-160)", columns(line, 155, 160)) * 1000.0;
        e.parallaxMas = optional("Parallax (bytes 162-166)", columns(line, 162, 166)) * 1000.0;
        e.type = variabilityType(columns(line, 52, 60));
        return true;
    }

    static SourceType variabilityType(String varId) {
        String v = varId.trim();
        if (v.isEmpty() || v.equals("Var?") || v.chars().allMatch(Character::isDigit)) {
            return SourceType.STAR;
        }
        return SourceType.VARIABLE_STAR;
    }
}
