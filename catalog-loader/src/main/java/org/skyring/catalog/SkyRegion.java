package org.skyring.catalog;

/**
 * The coarse sky cell used as the partition key of classified events ({@code sky_region} in decisions and the
 * Kafka key of the classified-events topic): the {@link SkyGrid} scheme with 5-degree declination zones, about
 * 1,650 cells of roughly 5 x 5 degrees (a ZTF field is ~7 x 7). Related events (same field, same host) share a
 * key, so they reach the same downstream consumer. Allocation-free; the numbering is part of the output schema
 * and must never change (a new scheme would be a new field).
 */
public final class SkyRegion {
    /** Declination zones of the region grid (180 / 36 = 5 degrees each). */
    public static final int ZONES = 36;
    /** The key of an event without a valid position (a rejected record). */
    public static final int NONE = -1;
    private static final SkyGrid GRID = new SkyGrid(ZONES);

    private SkyRegion() {
    }

    /** Region of a position; {@link #NONE} when RA is outside [0, 360) or Dec outside [-90, 90] or not finite. */
    public static int of(final double raDeg, final double decDeg) {
        if (!(raDeg >= 0.0 && raDeg < 360.0 && decDeg >= -90.0 && decDeg <= 90.0)) {
            return NONE;
        }
        return GRID.cellOf(raDeg, decDeg);
    }

    /** Number of regions: keys are 0 .. count() - 1. */
    public static int count() {
        return GRID.cellCount();
    }
}
