package org.skyring.adapters.generator;

import java.util.Arrays;
import org.skyring.catalog.ConeResult;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.journal.Band;

/**
 * The exposure the generator is currently emitting: pointing, filter, conditions, the catalog sources inside
 * the field (found once per exposure, so per-detection work is a random pick), and which slots carry the
 * exposure-level artifacts (hot pixels first, then one satellite trail at a random offset). Mutable and reused.
 */
final class Exposure {
    Facility facility;
    long exposureId;
    /** Mid-exposure time of every detection in it. */
    long obsTimeNanos;
    /** End of the 30 s cycle: the generator's "now" while this exposure is emitted. */
    long clockNanos;
    double ra;
    double dec;
    Band band = Band.NONE;
    double seeingArcsec;
    double airmass;
    int size;
    int slot;
    int hotPixels;
    int trailStart;
    int trailLength;
    double trailRa;
    double trailDec;
    double trailPaDeg;
    double trailSpanDeg;

    private final ConeResult fieldCone;
    int[] stars;
    int nStars;
    int[] galaxies;
    int nGalaxies;

    Exposure(final int coneCapacity) {
        fieldCone = new ConeResult(coneCapacity);
        stars = new int[coneCapacity];
        galaxies = new int[coneCapacity];
    }

    /** Lists the stars (incl. variable stars) and galaxies inside the field; allocation-free once warmed up. */
    void findFieldSources(final SkyCatalog catalog) {
        nStars = 0;
        nGalaxies = 0;
        if (!facility.isOptical()) {
            return; // radio/X-ray detections are placed one by one, not from a field (see NightGenerator)
        }
        catalog.search(ra, dec, facility.fieldRadiusDeg * 3600.0, fieldCone);
        final int n = fieldCone.size();
        if (n > stars.length) {
            stars = Arrays.copyOf(stars, n);
            galaxies = Arrays.copyOf(galaxies, n);
        }
        for (int k = 0; k < n; k++) {
            final int i = fieldCone.index(k);
            final SourceType t = catalog.type(i);
            if (t == SourceType.STAR || t == SourceType.VARIABLE_STAR) {
                stars[nStars++] = i;
            } else if (t == SourceType.GALAXY) {
                galaxies[nGalaxies++] = i;
            }
        }
    }

    boolean isHotPixelSlot() {
        return slot < hotPixels;
    }

    boolean isTrailSlot() {
        return trailLength > 0 && slot >= trailStart && slot < trailStart + trailLength;
    }
}
