package org.skyring.catalog;

/**
 * Spherical-astronomy helpers shared by every module that touches sky positions.
 *
 * <p>Uses {@link StrictMath} throughout: a cross-match decision must replay bit for bit on another JVM or CPU,
 * and {@code Math.sin}/{@code cos}/{@code asin} intrinsics may differ by an ulp between platforms, which is
 * enough to flip a source that sits on the edge of a cone. Separations go through unit vectors and the chord
 * between them ({@code 2 asin(chord / 2)}), which keeps full double precision at milli-arcsecond scale; the
 * spherical law of cosines loses about half the digits there because {@code acos} is flat near 1.
 */
public final class SkyMath {

    public static final double ARCSEC_PER_DEGREE = 3600.0;
    public static final double DEGREES_PER_ARCSEC = 1.0 / 3600.0;
    public static final double RADIANS_PER_ARCSEC = Math.PI / (180.0 * 3600.0);
    public static final double ARCSEC_PER_RADIAN = (180.0 * 3600.0) / Math.PI;
    /** Half a great circle: the largest meaningful cone radius. */
    public static final double MAX_RADIUS_ARCSEC = 180.0 * 3600.0;

    /*
     * Rotation from ICRS (equatorial) to galactic unit vectors, rows = galactic x, y, z expressed in ICRS:
     * the Hipparcos definition (ESA 1997, vol. 1, sec. 1.5.3), as used by IAU SOFA and astropy.
     * Galactic -> ICRS is its transpose.
     */
    private static final double[][] ICRS_TO_GALACTIC = {
        {-0.0548755604162154, -0.8734370902348850, -0.4838350155487132},
        {+0.4941094278755837, -0.4448296299600112, +0.7469822444972189},
        {-0.8676661490190047, -0.1980763734312015, +0.4559837761750669},
    };

    private SkyMath() {
    }

    /** {@code raDeg} wrapped into [0, 360); 360 and -0 become 0. */
    public static double normalizeRaDeg(double raDeg) {
        double ra = raDeg % 360.0;
        if (ra < 0.0) {
            ra += 360.0;
        }
        // -1e-20 + 360 rounds to exactly 360, and -0.0 must not reach the grid's cell arithmetic as a sign.
        return ra >= 360.0 || ra == 0.0 ? 0.0 : ra;
    }

    /** Writes the unit vector of (raDeg, decDeg) into {@code xyz[0..2]}; RA is wrapped first. */
    public static void unitVector(double raDeg, double decDeg, double[] xyz) {
        double ra = Math.toRadians(normalizeRaDeg(raDeg));
        double dec = Math.toRadians(decDeg);
        double cosDec = StrictMath.cos(dec);
        xyz[0] = cosDec * StrictMath.cos(ra);
        xyz[1] = cosDec * StrictMath.sin(ra);
        xyz[2] = StrictMath.sin(dec);
    }

    /**
     * Angular separation of two positions in arcseconds, accurate to ~1e-10 arcsec for small angles.
     * Bit-identical to what {@link SkyCatalog#search} reports for the same pair, so brute-force checks and
     * the index agree exactly.
     */
    public static double angularSeparationArcsec(double ra1Deg, double dec1Deg, double ra2Deg, double dec2Deg) {
        double ra1 = Math.toRadians(normalizeRaDeg(ra1Deg));
        double dec1 = Math.toRadians(dec1Deg);
        double ra2 = Math.toRadians(normalizeRaDeg(ra2Deg));
        double dec2 = Math.toRadians(dec2Deg);
        double cosDec1 = StrictMath.cos(dec1);
        double cosDec2 = StrictMath.cos(dec2);
        double dx = cosDec1 * StrictMath.cos(ra1) - cosDec2 * StrictMath.cos(ra2);
        double dy = cosDec1 * StrictMath.sin(ra1) - cosDec2 * StrictMath.sin(ra2);
        double dz = StrictMath.sin(dec1) - StrictMath.sin(dec2);
        return chordSquaredToArcsec(dx * dx + dy * dy + dz * dz);
    }

    /** Separation in arcseconds for a squared chord between two unit vectors. */
    static double chordSquaredToArcsec(double chordSquared) {
        // Clamp: rounding can push the chord of (near-)antipodal points a hair past 2.
        double halfChord = Math.min(1.0, 0.5 * Math.sqrt(chordSquared));
        return 2.0 * StrictMath.asin(halfChord) * ARCSEC_PER_RADIAN;
    }

    /** Squared chord between two unit vectors separated by {@code radiusArcsec}. */
    static double arcsecToChordSquared(double radiusArcsec) {
        double chord = 2.0 * StrictMath.sin(0.5 * Math.min(radiusArcsec, MAX_RADIUS_ARCSEC) * RADIANS_PER_ARCSEC);
        return chord * chord;
    }

    /** Converts galactic (l, b) in degrees to ICRS; writes RA into {@code raDecOut[0]}, Dec into [1]. */
    public static void galacticToEquatorial(double lDeg, double bDeg, double[] raDecOut) {
        rotate(lDeg, bDeg, true, raDecOut);
    }

    /** Converts ICRS (RA, Dec) in degrees to galactic; writes l into {@code lbOut[0]}, b into [1]. */
    public static void equatorialToGalactic(double raDeg, double decDeg, double[] lbOut) {
        rotate(raDeg, decDeg, false, lbOut);
    }

    private static void rotate(double lonDeg, double latDeg, boolean transpose, double[] out) {
        double lon = Math.toRadians(lonDeg);
        double lat = Math.toRadians(latDeg);
        double cosLat = StrictMath.cos(lat);
        double x = cosLat * StrictMath.cos(lon);
        double y = cosLat * StrictMath.sin(lon);
        double z = StrictMath.sin(lat);
        double[][] m = ICRS_TO_GALACTIC;
        double rx;
        double ry;
        double rz;
        if (transpose) {
            rx = m[0][0] * x + m[1][0] * y + m[2][0] * z;
            ry = m[0][1] * x + m[1][1] * y + m[2][1] * z;
            rz = m[0][2] * x + m[1][2] * y + m[2][2] * z;
        } else {
            rx = m[0][0] * x + m[0][1] * y + m[0][2] * z;
            ry = m[1][0] * x + m[1][1] * y + m[1][2] * z;
            rz = m[2][0] * x + m[2][1] * y + m[2][2] * z;
        }
        // atan2 rather than asin for latitude: asin is ill-conditioned near the poles.
        out[0] = normalizeRaDeg(Math.toDegrees(StrictMath.atan2(ry, rx)));
        out[1] = Math.toDegrees(StrictMath.atan2(rz, Math.sqrt(rx * rx + ry * ry)));
    }
}
