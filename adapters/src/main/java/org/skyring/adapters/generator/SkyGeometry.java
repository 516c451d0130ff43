package org.skyring.adapters.generator;

import org.skyring.catalog.SkyMath;

/**
 * Placement on the sphere for the generator: offsets by separation and position angle, and points along a great
 * circle. StrictMath, like {@link SkyMath}, so a seed gives the same night on every JVM and CPU; output goes into
 * caller-owned arrays so nothing allocates.
 */
final class SkyGeometry {
    private SkyGeometry() {
    }

    /**
     * The point {@code sepDeg} from (ra, dec) at position angle {@code paDeg} (north through east), exact on the
     * sphere (works across RA 0 and near the poles). Writes RA into out[0], Dec into out[1].
     */
    static void offset(final double raDeg, final double decDeg, final double sepDeg, final double paDeg,
                       final double[] out) {
        final double d = Math.toRadians(sepDeg);
        final double pa = Math.toRadians(paDeg);
        final double lat1 = Math.toRadians(decDeg);
        final double sinLat2 = StrictMath.sin(lat1) * StrictMath.cos(d)
                + StrictMath.cos(lat1) * StrictMath.sin(d) * StrictMath.cos(pa);
        final double lat2 = StrictMath.asin(Math.max(-1.0, Math.min(1.0, sinLat2)));
        final double dLon = StrictMath.atan2(StrictMath.sin(pa) * StrictMath.sin(d) * StrictMath.cos(lat1),
                StrictMath.cos(d) - StrictMath.sin(lat1) * sinLat2);
        out[0] = SkyMath.normalizeRaDeg(raDeg + Math.toDegrees(dLon));
        out[1] = Math.toDegrees(lat2);
    }

    /**
     * A point on the great circle that leaves (ra, dec) at position angle {@code paDeg}, {@code alongDeg} along
     * it, then pushed {@code acrossArcsec} perpendicular to it: its distance from the great circle is exactly
     * {@code |acrossArcsec|}. Used for satellite trails. {@code v} is a scratch array of at least 9 doubles.
     */
    static void alongGreatCircle(final double raDeg, final double decDeg, final double paDeg, final double alongDeg,
                                 final double acrossArcsec, final double[] v, final double[] out) {
        final double a = Math.toRadians(raDeg);
        final double dl = Math.toRadians(decDeg);
        final double pa = Math.toRadians(paDeg);
        final double sa = StrictMath.sin(a);
        final double ca = StrictMath.cos(a);
        final double sd = StrictMath.sin(dl);
        final double cd = StrictMath.cos(dl);
        // p: the start point; t: unit tangent along the position angle; n = p x t: the circle's pole.
        v[0] = cd * ca;
        v[1] = cd * sa;
        v[2] = sd;
        final double cp = StrictMath.cos(pa);
        final double sp = StrictMath.sin(pa);
        v[3] = -sd * ca * cp - sa * sp;
        v[4] = -sd * sa * cp + ca * sp;
        v[5] = cd * cp;
        v[6] = v[1] * v[5] - v[2] * v[4];
        v[7] = v[2] * v[3] - v[0] * v[5];
        v[8] = v[0] * v[4] - v[1] * v[3];
        final double s = Math.toRadians(alongDeg);
        final double j = acrossArcsec * SkyMath.RADIANS_PER_ARCSEC;
        final double cs = StrictMath.cos(s);
        final double ss = StrictMath.sin(s);
        final double cj = StrictMath.cos(j);
        final double sj = StrictMath.sin(j);
        final double x = (v[0] * cs + v[3] * ss) * cj + v[6] * sj;
        final double y = (v[1] * cs + v[4] * ss) * cj + v[7] * sj;
        final double z = (v[2] * cs + v[5] * ss) * cj + v[8] * sj;
        out[0] = SkyMath.normalizeRaDeg(Math.toDegrees(StrictMath.atan2(y, x)));
        out[1] = Math.toDegrees(StrictMath.atan2(z, Math.sqrt(x * x + y * y)));
    }

    /** Uniform point in a disc of {@code radiusDeg} around (ra, dec); two draws {@code u1}, {@code u2} in [0,1). */
    static void inDisc(final double raDeg, final double decDeg, final double radiusDeg, final double u1,
                       final double u2, final double[] out) {
        offset(raDeg, decDeg, radiusDeg * Math.sqrt(u1), 360.0 * u2, out);
    }
}
