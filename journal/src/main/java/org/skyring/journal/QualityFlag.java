package org.skyring.journal;

/**
 * Survey quality flags carried in {@link ObservationRecord#qualityFlags} as a bit set. ZTF's {@code isdiffpos}
 * and Rubin's {@code isNegative}/{@code isDipole}/{@code pixelFlags_*} all map here, so filters cut on one field.
 */
public enum QualityFlag {
    /** Negative subtraction (ZTF isdiffpos 'f'/'0', Rubin isNegative): the source faded against the template. */
    NEGATIVE_SUBTRACTION,
    DIPOLE,
    PIXEL_BAD,
    PIXEL_COSMIC_RAY,
    PIXEL_COSMIC_RAY_CENTER,
    PIXEL_EDGE,
    PIXEL_INTERPOLATED,
    PIXEL_NO_DATA,
    PIXEL_SATURATED,
    PIXEL_SATURATED_CENTER,
    PIXEL_SUSPECT,
    PIXEL_STREAK,
    PIXEL_STREAK_CENTER,
    /** Rubin glint_trail: reflection trail from a satellite. */
    GLINT_TRAIL;

    private static final QualityFlag[] VALUES = values();

    public long mask() {
        return 1L << ordinal();
    }

    public boolean isSet(final long flags) {
        return (flags & mask()) != 0;
    }

    public static QualityFlag fromName(final String name) {
        for (final QualityFlag f : VALUES) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /** Readable list such as "DIPOLE|PIXEL_EDGE" (allocates; cold path). */
    public static String describe(final long flags) {
        final StringBuilder sb = new StringBuilder();
        for (final QualityFlag f : VALUES) {
            if (f.isSet(flags)) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(f.name());
            }
        }
        return sb.toString();
    }
}
