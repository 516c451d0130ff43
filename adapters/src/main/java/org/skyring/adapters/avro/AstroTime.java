package org.skyring.adapters.avro;

/**
 * Survey time scales to the record's time (nanoseconds since the Unix epoch, UTC).
 * ZTF {@code jd} is a UTC Julian date; Rubin {@code midpointMjdTai} is a TAI modified Julian date, which runs
 * ahead of UTC by the accumulated leap seconds (37 s since 2017-01-01).
 */
final class AstroTime {
    private static final double JD_UNIX_EPOCH = 2440587.5;
    private static final double MJD_UNIX_EPOCH = 40587.0;
    private static final double NANOS_PER_DAY = 86_400e9;
    /** MJD (UTC) from which TAI-UTC holds {@link #TAI_MINUS_UTC_SECONDS}: IERS Bulletin C, 1999 onwards. */
    private static final double[] LEAP_MJD = {51179, 53736, 54832, 56109, 57204, 57754};
    private static final int[] TAI_MINUS_UTC_SECONDS = {32, 33, 34, 35, 36, 37};

    private AstroTime() {
    }

    /** UTC Julian date to epoch nanoseconds; NO_TIME for NaN. */
    static long jdUtcToEpochNanos(final double jd) {
        return Double.isFinite(jd) ? Math.round((jd - JD_UNIX_EPOCH) * NANOS_PER_DAY) : Long.MIN_VALUE;
    }

    /** TAI modified Julian date to UTC epoch nanoseconds; NO_TIME for NaN. Dates before 1999 use 32 s. */
    static long mjdTaiToEpochNanos(final double mjdTai) {
        if (!Double.isFinite(mjdTai)) {
            return Long.MIN_VALUE;
        }
        int leap = TAI_MINUS_UTC_SECONDS[0];
        for (int i = 0; i < LEAP_MJD.length; i++) {
            // The table is in UTC; comparing a TAI date shifts each boundary by < 40 s, harmless here.
            if (mjdTai >= LEAP_MJD[i]) {
                leap = TAI_MINUS_UTC_SECONDS[i];
            }
        }
        return Math.round((mjdTai - MJD_UNIX_EPOCH) * NANOS_PER_DAY) - leap * 1_000_000_000L;
    }
}
