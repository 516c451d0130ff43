package org.skyring.adapters.generator;

import java.util.SplittableRandom;
import org.skyring.catalog.ConeResult;
import org.skyring.catalog.SkyCatalog;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;
import org.skyring.journal.TruthLabel;

/**
 * Writes one detection of a given truth label. What each label looks like:
 * <ul>
 * <li>every non-BOGUS optical detection passes the quality cuts: ZTF rb >= 0.65, drb >= 0.6, nbad 0; Rubin
 *     reliability >= 0.6; fwhm 1.5-4 px (cosmic rays excepted, see below), elong <= 1.2, |magdiff| <= 0.1,
 *     positive subtraction, distance to chip edge >= 40 px; position uncertainty > 0, mag uncertainty in (0,1).</li>
 * <li>KNOWN_STAR: within 0.3" of a catalog STAR/VARIABLE_STAR (ZTF also carries distpsnr1 = that offset and
 *     sgscore1 >= 0.8); a quarter of ZTF's have no catalog star but distpsnr1 <= 1.5", sgscore1 >= 0.8.</li>
 * <li>KNOWN_ASTEROID: solar_system_distance_arcsec in [0, 5), single detection, no catalog source within 30".</li>
 * <li>ARTIFACT singles: chip edge (distance to edge 2-30 px; Rubin also PIXEL_EDGE) or cosmic ray (detection
 *     count 1, no history, fwhm 0.6-1.15 px: the one place fwhm is below 1.5). Hot pixels and trails: see
 *     {@link #hotPixel} and {@link #trailPoint}.</li>
 * <li>SUPERNOVA_LIKE: 2.5-8" from a catalog GALAXY, previous same-band detection 1-3 d earlier and 0.05-0.2 mag
 *     fainter. CANDIDATE: nothing in the catalog within 30", mag error 0.08-0.2, >= 2 detections, variation
 *     <= 0.1 mag since the previous one (>= 0.5 d earlier). FAST_TRANSIENT: nothing within 30", rb/drb or
 *     reliability >= 0.95, mag error <= 0.04, previous detection 0.05-0.5 d earlier and 1.2-4 mag/day brighter
 *     now, first detection < 2 d ago.</li>
 * <li>BOGUS: one failed cut (ZTF: rb < 0.55, drb < 0.5, nbad > 0, fwhm > 5.5, elong > 1.4, |magdiff| > 1, or
 *     negative subtraction; Rubin: reliability < 0.5 or DIPOLE). INVALID: a candidate-like detection with one
 *     defect (no id, |dec| > 90, NaN value, time 1 h after the generator clock, zero uncertainty).</li>
 * </ul>
 */
final class DetectionFiller {
    private static final double DAY_NANOS = 86_400e9;
    private static final double CLEAR_RADIUS_ARCSEC = 30.0;
    private static final int MAX_TRIES = 16;

    private final NightGenerator g;
    private final SkyCatalog catalog;
    private final SplittableRandom rng;
    private final ConeResult clearCone = new ConeResult(256);
    private final StringBuilder text = new StringBuilder(64);
    private final double[] pos = new double[2];
    private final double[] scratch = new double[9];

    DetectionFiller(final NightGenerator g) {
        this.g = g;
        this.catalog = g.catalog;
        this.rng = g.rng;
    }

    private double uniform(final double lo, final double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    TruthLabel fill(final ObservationRecord r, final TruthLabel label) {
        common(r);
        switch (label) {
            case KNOWN_STAR: return knownStar(r);
            case KNOWN_ASTEROID: return asteroid(r);
            case ARTIFACT: return rng.nextBoolean() ? chipEdge(r) : cosmicRay(r);
            case SUPERNOVA_LIKE: return supernova(r);
            case FAST_TRANSIENT: return fast(r);
            case BOGUS: candidate(r); return bogus(r);
            case INVALID: candidate(r); return invalid(r);
            default: return candidate(r);
        }
    }

    /** Identity, exposure, conditions and a passing set of quality fields; labels then overwrite what differs. */
    private void common(final ObservationRecord r) {
        final Exposure e = g.exposure;
        final Facility f = e.facility;
        text.setLength(0);
        text.append(f.idPrefix).append('-').append(g.seedTag).append('-').append(g.sequence);
        r.observationId.set(text);
        r.sourceFacility.set(f.facilityName);
        r.instrument.set(f.instrument);
        r.observationTimeNanos = e.obsTimeNanos;
        r.positionUncertaintyArcsec = uniform(f.positionUncertaintyMin, f.positionUncertaintyMax);
        r.measurementType = f.measurementType;
        r.exposureId = e.exposureId;
        r.exposureTimeSec = f.exposureSec;
        if (f.measurementType == MeasurementType.RADIO) {
            r.frequencyGhz = 3.0;
        } else if (f.measurementType == MeasurementType.XRAY) {
            r.energyLowKev = 0.3;
            r.energyHighKev = 10.0;
        }
        if (!f.isOptical()) {
            return;
        }
        r.band = e.band;
        r.seeingArcsec = e.seeingArcsec;
        r.airmass = e.airmass;
        r.detectorId = rng.nextInt(f.detectors);
        setPixel(r, f, uniform(40, f.detectorWidthPx - 40), uniform(40, f.detectorHeightPx - 40));
        final double pixelScale = f == Facility.ZTF ? 1.01 : 0.2;
        r.fwhmPx = Math.max(1.5, Math.min(4.0, e.seeingArcsec / pixelScale * uniform(0.95, 1.1)));
        r.elongation = uniform(1.0, 1.2);
        if (f == Facility.ZTF) {
            r.realBogus = uniform(0.65, 1.0);
            r.deepRealBogus = uniform(0.6, 1.0);
            r.badPixelCount = 0;
            r.magDiff = uniform(-0.1, 0.1);
        } else {
            r.reliability = uniform(0.6, 1.0);
        }
    }

    private static void setPixel(final ObservationRecord r, final Facility f, final double x, final double y) {
        r.detectorX = x;
        r.detectorY = y;
        r.distanceToEdgePx = Math.min(Math.min(x, f.detectorWidthPx - x), Math.min(y, f.detectorHeightPx - y));
    }

    private void objectId(final ObservationRecord r, final char kind, final long number) {
        text.setLength(0);
        text.append(g.exposure.facility.idPrefix).append('-').append(kind).append(number);
        r.objectId.set(text);
    }

    /** Random position in the field (radio/X-ray: anywhere in the facility's band) with no catalog source near. */
    private void clearPosition(final ObservationRecord r, final double radiusArcsec) {
        final Exposure e = g.exposure;
        for (int t = 0; t < MAX_TRIES; t++) {
            if (e.facility.isOptical()) {
                SkyGeometry.inDisc(e.ra, e.dec, e.facility.fieldRadiusDeg, rng.nextDouble(), rng.nextDouble(), pos);
            } else {
                g.uniformInBand(e.facility, pos);
            }
            if (catalog.search(pos[0], pos[1], radiusArcsec, clearCone) == 0) {
                break; // in a catalog too dense to find a clear spot, the last try is kept
            }
        }
        r.raDeg = pos[0];
        r.decDeg = pos[1];
    }

    private void newSource(final ObservationRecord r, final double magLo, final double magHi) {
        clearPosition(r, CLEAR_RADIUS_ARCSEC);
        objectId(r, 't', g.sequence);
        r.detectionCount = 1;
        r.firstDetectionTimeNanos = r.observationTimeNanos;
        r.value = uniform(magLo, magHi);
        r.valueUncertainty = uniform(0.08, 0.2);
    }

    private TruthLabel knownStar(final ObservationRecord r) {
        final Exposure e = g.exposure;
        final Facility f = e.facility;
        if (f == Facility.ZTF && rng.nextDouble() < 0.25) {
            // Star known to PS1 only: the engine can tell it from distpsnr1/sgscore1 alone.
            clearPosition(r, CLEAR_RADIUS_ARCSEC);
            r.nearestStarDistanceArcsec = uniform(0.05, 1.5);
            r.nearestStarScore = uniform(0.8, 1.0);
            objectId(r, 'p', g.sequence);
            starPhotometry(r, Double.NaN);
            return TruthLabel.KNOWN_STAR;
        }
        int star = e.nStars > 0 ? e.stars[rng.nextInt(e.nStars)] : g.pick(g.allStars, g.allStars.length, f);
        if (star < 0) {
            return candidate(r); // a catalog without stars in reach: nothing to be a known star of
        }
        final double offsetArcsec = uniform(0.02, 0.3);
        SkyGeometry.offset(catalog.raDeg(star), catalog.decDeg(star), offsetArcsec / 3600.0, 360 * rng.nextDouble(), pos);
        r.raDeg = pos[0];
        r.decDeg = pos[1];
        objectId(r, 's', star);
        if (f == Facility.ZTF) {
            r.nearestStarDistanceArcsec = offsetArcsec;
            r.nearestStarScore = uniform(0.8, 1.0);
        }
        starPhotometry(r, catalog.mag(star));
        return TruthLabel.KNOWN_STAR;
    }

    private void starPhotometry(final ObservationRecord r, final double catalogMag) {
        final long t = r.observationTimeNanos;
        switch (r.measurementType) {
            case RADIO:
                r.value = uniform(0.8, 20);
                r.valueUncertainty = uniform(0.1, 0.15);
                return;
            case XRAY:
                r.value = uniform(0.02, 1.0);
                r.valueUncertainty = r.value * uniform(0.08, 0.2);
                return;
            default:
                final double m = Double.isNaN(catalogMag) ? uniform(14, 20) : catalogMag;
                r.value = Math.max(12.5, Math.min(20.8, m)) + uniform(-0.05, 0.05);
                r.valueUncertainty = uniform(0.01, 0.1);
                r.detectionCount = 20 + rng.nextInt(480);
                r.firstDetectionTimeNanos = t - (long) (uniform(30, 1500) * DAY_NANOS);
                r.previousMag = r.value + uniform(-0.08, 0.08);
                r.previousTimeNanos = t - (long) (uniform(1, 5) * DAY_NANOS);
        }
    }

    private TruthLabel asteroid(final ObservationRecord r) {
        newSource(r, 17, 20.5);
        r.valueUncertainty = uniform(0.05, 0.15);
        r.solarSystemDistanceArcsec = uniform(0, 5);
        r.solarSystemMag = r.value + uniform(-0.3, 0.3);
        return TruthLabel.KNOWN_ASTEROID;
    }

    private TruthLabel chipEdge(final ObservationRecord r) {
        final Facility f = g.exposure.facility;
        newSource(r, 18.5, 21);
        final double d = uniform(2, 30);
        final double x = uniform(40, f.detectorWidthPx - 40);
        final double y = uniform(40, f.detectorHeightPx - 40);
        switch (rng.nextInt(4)) {
            case 0: setPixel(r, f, d, y); break;
            case 1: setPixel(r, f, f.detectorWidthPx - d, y); break;
            case 2: setPixel(r, f, x, d); break;
            default: setPixel(r, f, x, f.detectorHeightPx - d);
        }
        if (f == Facility.RUBIN) {
            r.qualityFlags |= QualityFlag.PIXEL_EDGE.mask();
        }
        return TruthLabel.ARTIFACT;
    }

    private TruthLabel cosmicRay(final ObservationRecord r) {
        newSource(r, 18.5, 21);
        r.fwhmPx = uniform(0.6, 1.15);
        r.elongation = uniform(1.0, 1.1);
        return TruthLabel.ARTIFACT;
    }

    /** Hot pixel {@code h} of the facility: same detector and pixel (±0.9 px) in every exposure, wherever it points. */
    TruthLabel hotPixel(final ObservationRecord r, final int h) {
        common(r);
        final Facility f = g.exposure.facility;
        newSource(r, 19, 21);
        r.detectorId = g.hotDetector[f.ordinal()][h];
        setPixel(r, f, g.hotX[f.ordinal()][h] + uniform(-0.9, 0.9), g.hotY[f.ordinal()][h] + uniform(-0.9, 0.9));
        r.fwhmPx = uniform(1.5, 2.0);
        return TruthLabel.ARTIFACT;
    }

    /** Trail start, direction and span (1.1-2.4 deg for ZTF, 1.1-1.4 for Rubin: inside the field). */
    void planTrail(final Exposure e) {
        final boolean ztf = e.facility == Facility.ZTF;
        SkyGeometry.inDisc(e.ra, e.dec, ztf ? 1.0 : 0.3, rng.nextDouble(), rng.nextDouble(), pos);
        e.trailRa = pos[0];
        e.trailDec = pos[1];
        e.trailPaDeg = 360 * rng.nextDouble();
        e.trailSpanDeg = ztf ? uniform(1.1, 2.4) : uniform(1.1, 1.4);
    }

    /** Point k of the exposure's satellite trail: evenly spread along one great circle, at most 0.25" off it. */
    TruthLabel trailPoint(final ObservationRecord r, final int k) {
        common(r);
        final Exposure e = g.exposure;
        final double along = e.trailSpanDeg * k / (e.trailLength - 1);
        SkyGeometry.alongGreatCircle(e.trailRa, e.trailDec, e.trailPaDeg, along, uniform(-0.25, 0.25), scratch, pos);
        r.raDeg = pos[0];
        r.decDeg = pos[1];
        objectId(r, 't', g.sequence);
        r.detectionCount = 1;
        r.firstDetectionTimeNanos = r.observationTimeNanos;
        r.value = uniform(17, 20);
        r.valueUncertainty = uniform(0.05, 0.15);
        return TruthLabel.ARTIFACT;
    }

    private TruthLabel supernova(final ObservationRecord r) {
        final Exposure e = g.exposure;
        final int host = e.nGalaxies > 0 ? e.galaxies[rng.nextInt(e.nGalaxies)]
                : g.pick(g.allGalaxies, g.allGalaxies.length, e.facility);
        if (host < 0 || !e.facility.isOptical()) {
            return candidate(r);
        }
        double sep = 0;
        for (int t = 0; t < MAX_TRIES; t++) {
            sep = uniform(2.5, 8);
            SkyGeometry.offset(catalog.raDeg(host), catalog.decDeg(host), sep / 3600.0, 360 * rng.nextDouble(), pos);
            if (catalog.search(pos[0], pos[1], 2.0, clearCone) == 0) {
                break; // no star under the supernova: the host must be the only association
            }
        }
        r.raDeg = pos[0];
        r.decDeg = pos[1];
        objectId(r, 't', g.sequence);
        if (e.facility == Facility.ZTF) {
            r.nearestStarDistanceArcsec = sep;
            r.nearestStarScore = uniform(0.01, 0.3);
        }
        final long t = r.observationTimeNanos;
        r.value = uniform(17.5, 20.5);
        r.valueUncertainty = uniform(0.03, 0.12);
        r.previousMag = r.value + uniform(0.05, 0.2);
        r.previousTimeNanos = t - (long) (uniform(1, 3) * DAY_NANOS);
        r.firstDetectionTimeNanos = r.previousTimeNanos - (long) (uniform(2, 20) * DAY_NANOS);
        r.detectionCount = 3 + rng.nextInt(13);
        r.lastNonDetectionTimeNanos = r.firstDetectionTimeNanos - (long) (uniform(1, 4) * DAY_NANOS);
        r.lastNonDetectionLimitMag = uniform(20.6, 21.5);
        return TruthLabel.SUPERNOVA_LIKE;
    }

    private TruthLabel candidate(final ObservationRecord r) {
        if (!g.exposure.facility.isOptical()) {
            clearPosition(r, CLEAR_RADIUS_ARCSEC);
            objectId(r, 't', g.sequence);
            starPhotometry(r, Double.NaN); // same flux ranges as known sources; no history (see NightGenerator)
            return TruthLabel.CANDIDATE;
        }
        newSource(r, 18, 20.5);
        final long t = r.observationTimeNanos;
        r.detectionCount = 2 + rng.nextInt(5);
        r.previousTimeNanos = t - (long) (uniform(0.5, 10) * DAY_NANOS);
        r.previousMag = r.value + uniform(-0.1, 0.1);
        r.firstDetectionTimeNanos = r.previousTimeNanos - (long) (uniform(0, 10) * DAY_NANOS);
        r.lastNonDetectionTimeNanos = r.firstDetectionTimeNanos - (long) (uniform(1, 5) * DAY_NANOS);
        r.lastNonDetectionLimitMag = uniform(20.6, 21.5);
        return TruthLabel.CANDIDATE;
    }

    private TruthLabel fast(final ObservationRecord r) {
        final Facility f = g.exposure.facility;
        newSource(r, 16.5, 19.5);
        final long t = r.observationTimeNanos;
        final double dtDays = uniform(0.05, 0.5);
        final double rate = uniform(1.2, 4.0); // mag/day of brightening (or its flux equivalent)
        r.previousTimeNanos = t - (long) (dtDays * DAY_NANOS);
        r.detectionCount = 2 + rng.nextInt(3);
        if (!f.isOptical()) {
            starPhotometry(r, Double.NaN);
            r.value *= 5; // bright: a fast radio/X-ray riser is a strong detection
            r.previousMag = r.value / Math.pow(10, 0.4 * rate * dtDays); // previous VALUE, same unit
            r.firstDetectionTimeNanos = r.previousTimeNanos;
            r.detectionCount = 2;
            return TruthLabel.FAST_TRANSIENT;
        }
        r.valueUncertainty = uniform(0.01, 0.04);
        r.previousMag = r.value + rate * dtDays;
        r.firstDetectionTimeNanos = t - (long) (uniform(dtDays, Math.min(dtDays + 1.0, 1.9)) * DAY_NANOS);
        r.lastNonDetectionTimeNanos = r.firstDetectionTimeNanos - (long) (uniform(0.5, 2) * DAY_NANOS);
        r.lastNonDetectionLimitMag = uniform(20.6, 21.5);
        r.fwhmPx = Math.min(r.fwhmPx, 3.0);
        r.elongation = uniform(1.0, 1.1);
        if (f == Facility.ZTF) {
            r.realBogus = uniform(0.95, 1.0);
            r.deepRealBogus = uniform(0.95, 1.0);
            r.magDiff = uniform(-0.05, 0.05);
        } else {
            r.reliability = uniform(0.95, 1.0);
        }
        return TruthLabel.FAST_TRANSIENT;
    }

    private TruthLabel bogus(final ObservationRecord r) {
        if (g.exposure.facility == Facility.RUBIN) {
            if (rng.nextBoolean()) {
                r.reliability = uniform(0.0, 0.45);
            } else {
                r.qualityFlags |= QualityFlag.DIPOLE.mask();
            }
            return TruthLabel.BOGUS;
        }
        switch (rng.nextInt(7)) {
            case 0: r.realBogus = uniform(0.02, 0.5); break;
            case 1: r.deepRealBogus = uniform(0.02, 0.45); break;
            case 2: r.badPixelCount = 1 + rng.nextInt(8); break;
            case 3: r.fwhmPx = uniform(5.8, 9); break;
            case 4: r.elongation = uniform(1.5, 3); break;
            case 5: r.magDiff = (rng.nextBoolean() ? 1 : -1) * uniform(1.1, 2.5); break;
            default: r.qualityFlags |= QualityFlag.NEGATIVE_SUBTRACTION.mask();
        }
        return TruthLabel.BOGUS;
    }

    private TruthLabel invalid(final ObservationRecord r) {
        switch (rng.nextInt(5)) {
            case 0: r.observationId.clear(); break;
            case 1: r.decDeg = (rng.nextBoolean() ? 1 : -1) * uniform(90.5, 100); break;
            case 2: r.value = Double.NaN; break;
            case 3:
                // A year ahead of the simulated night: after the engine's received time whenever the night is
                // replayed (the demo's night ends in the past, so "one hour ahead" could still be accepted).
                r.observationTimeNanos = g.exposure.clockNanos + 365L * 86_400_000_000_000L;
                break;
            default:
                if (rng.nextBoolean()) {
                    r.positionUncertaintyArcsec = 0;
                } else {
                    r.valueUncertainty = 0;
                }
        }
        return TruthLabel.INVALID;
    }
}
