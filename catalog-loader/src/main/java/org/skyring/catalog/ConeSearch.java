package org.skyring.catalog;

/**
 * Exact cone search over a sky catalog: the catalog port the engine's known-object filter calls.
 *
 * <p>Called on the cross-match handler thread for every observation, so implementations must not allocate in
 * steady state and must be safe for concurrent calls from several threads, each with its own {@link ConeResult}.
 * Results are deterministic for a given catalog version, so replay reproduces cross-matches bit for bit.
 */
public interface ConeSearch {

    /**
     * Finds every source whose angular separation from ({@code raDeg}, {@code decDeg}) is at most
     * {@code radiusArcsec}, never missing one (including across RA 0/360 and at the poles).
     *
     * @param raDeg        right ascension of the centre in degrees; any finite value, wrapped into [0, 360)
     * @param decDeg       declination of the centre in degrees, in [-90, 90]
     * @param radiusArcsec search radius in arcseconds, in [0, 648000]
     * @param out          caller-owned result, cleared then filled with catalog indices ordered by ascending
     *                     separation (ties by ascending index)
     * @return the number of matches, equal to {@code out.size()}
     * @throws IllegalArgumentException if a coordinate or the radius is out of range or not finite
     */
    int search(double raDeg, double decDeg, double radiusArcsec, ConeResult out);

    /**
     * As {@link #search(double, double, double, ConeResult)}, with sources that have a proper motion first moved
     * from their catalog epoch to {@code epochJyear} (Julian year, e.g. 2026.5); separations are to the moved
     * positions. NaN means "no epoch": positions as the catalog gives them.
     */
    int search(double raDeg, double decDeg, double radiusArcsec, double epochJyear, ConeResult out);

    /** Julian year (TT ~ UTC at this precision) of a time in nanoseconds since the Unix epoch. */
    static double julianYearOfUnixNanos(long unixNanos) {
        // JD 2440587.5 is the Unix epoch, J2000.0 is JD 2451545.0, a Julian year is 365.25 days.
        double days = unixNanos / 86_400e9 + (2440587.5 - 2451545.0);
        return 2000.0 + days / 365.25;
    }
}
