package org.skyring.catalog.load;

import org.skyring.catalog.CatalogEntry;
import org.skyring.catalog.SourceType;

/**
 * The Hipparcos Main Catalogue ({@code hip_main.dat[.gz]}, ESA 1997, CDS I/239): '|'-separated, 78 fields.
 *
 * <p>Positions (H8/H9) are ICRS at epoch J1991.25, not J2000: the epoch is recorded as 1991.25 and proper
 * motions (H12 mu_alpha* = mu_alpha cos dec, H13, mas/yr) are kept, so a search with an observation epoch
 * moves the stars (Barnard's star is ~6' from its 1991.25 position by 2026). The five stars without an
 * astrometric solution (H8 blank) take the sexagesimal H3/H4 position, also J1991.25, without motion.
 *
 * <p>Variability, H52 HvarType: P (periodic), U (unsolved), M (micro-variable) and R (colour revised for
 * variability) are intrinsic variables, loaded as {@link SourceType#VARIABLE_STAR}; C (constant), D
 * (duplicity-induced: the "variation" is a companion, not the star) and blank are {@link SourceType#STAR}.
 * Magnitudes: V (H5), and Tycho BT (H32) as the second band. Ids are {@code HIP <H1>}.
 */
public final class HipparcosLoader extends CatalogLoader {
    static final double EPOCH = 1991.25;

    @Override
    public String origin() {
        return "hipparcos";
    }

    @Override
    protected boolean parse(String line, CatalogEntry e) throws BadField {
        if (line.isBlank()) {
            return false;
        }
        String[] f = line.split("\\|", -1);
        if (f.length < 78) {
            throw new BadField("fields", Integer.toString(f.length), "expected 78 '|'-separated fields");
        }
        String hip = f[1].trim();
        if (hip.isEmpty() || !hip.chars().allMatch(Character::isDigit)) {
            throw new BadField("H1 HIP", f[1], "not a HIP number");
        }
        e.id = "HIP " + hip;
        e.epochJyear = EPOCH;
        if (f[8].isBlank()) {
            e.raDeg = sexagesimal("H3 RAhms", f[3], true);
            e.decDeg = sexagesimal("H4 DEdms", f[4], false);
        } else {
            e.raDeg = number("H8 RAdeg", f[8]);
            e.decDeg = number("H9 DEdeg", f[9]);
            e.parallaxMas = optional("H11 Plx", f[11]);
            e.pmRaMasPerYear = optional("H12 pmRA", f[12]);
            e.pmDecMasPerYear = optional("H13 pmDE", f[13]);
        }
        e.mag = optional("H5 Vmag", f[5]);
        e.mag2 = optional("H32 BTmag", f[32]);
        e.type = variabilityType(f[52]);
        return true;
    }

    /** H52 HvarType to a source type (see the class comment for why D is not variable). */
    static SourceType variabilityType(String hvarType) throws BadField {
        switch (hvarType.trim()) {
            case "P":
            case "U":
            case "M":
            case "R":
                return SourceType.VARIABLE_STAR;
            case "C":
            case "D":
            case "":
                return SourceType.STAR;
            default:
                throw new BadField("H52 HvarType", hvarType, "expected one of C, D, M, P, R, U or blank");
        }
    }
}
