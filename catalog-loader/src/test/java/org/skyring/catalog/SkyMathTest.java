package org.skyring.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SkyMathTest {

    /** Well below what the law of cosines achieves at 1" (~5e-6"), so using it would fail these tests. */
    private static final double TIGHT = 1e-8;

    @Test
    void oneArcsecondAlongDeclinationAtTheEquator() {
        assertEquals(1.0, SkyMath.angularSeparationArcsec(10.0, 0.0, 10.0, 1.0 / 3600), TIGHT);
    }

    @Test
    void oneArcsecondAlongDeclinationNearThePole() {
        double dec = 89.9999;
        assertEquals(1.0, SkyMath.angularSeparationArcsec(250.0, dec, 250.0, dec - 1.0 / 3600), TIGHT);
    }

    @Test
    void tenthOfAnArcsecondStaysAccurate() {
        assertEquals(0.1, SkyMath.angularSeparationArcsec(123.4, -45.6, 123.4, -45.6 + 0.1 / 3600), TIGHT);
    }

    @Test
    void separationAlongRaNearThePoleFollowsTheSmallCircleChord() {
        double dec = 89.9999;
        double dRa = 1.0;
        // Exact: sin(theta/2) = cos(dec) sin(dRa/2); well-conditioned at small angles.
        double expected = 2 * Math.asin(Math.cos(Math.toRadians(dec)) * Math.sin(Math.toRadians(dRa / 2)))
            * SkyMath.ARCSEC_PER_RADIAN;
        assertEquals(expected, SkyMath.angularSeparationArcsec(10.0, dec, 10.0 + dRa, dec), TIGHT);
        assertEquals(0.72, SkyMath.angularSeparationArcsec(0.0, dec, 180.0, dec), TIGHT);
    }

    @Test
    void separationAcrossRaZero() {
        assertEquals(0.72, SkyMath.angularSeparationArcsec(359.9999, 0.0, 0.0001, 0.0), TIGHT);
        assertEquals(0.36, SkyMath.angularSeparationArcsec(-0.0001, 0.0, 0.0, 0.0), TIGHT);
        assertEquals(0.0, SkyMath.angularSeparationArcsec(360.0, 12.0, 0.0, 12.0), 0.0);
    }

    @Test
    void largeSeparations() {
        assertEquals(90 * 3600.0, SkyMath.angularSeparationArcsec(0, 0, 90, 0), 1e-6);
        assertEquals(180 * 3600.0, SkyMath.angularSeparationArcsec(0, 90, 0, -90), 1e-3);
        assertEquals(60 * 3600.0, SkyMath.angularSeparationArcsec(0, 30, 0, 90), 1e-6);
    }

    @Test
    void galacticCentreAndNorthPoleLandWhereIcrsPutsThem() {
        double[] raDec = new double[2];
        SkyMath.galacticToEquatorial(0, 0, raDec);
        assertEquals(266.40499, raDec[0], 1e-4); // Sgr A* region, 17h45m37.2s
        assertEquals(-28.93617, raDec[1], 1e-4);
        SkyMath.galacticToEquatorial(0, 90, raDec);
        assertEquals(192.85948, raDec[0], 1e-4);
        assertEquals(27.12825, raDec[1], 1e-4);
    }

    @Test
    void galacticRoundTrip() {
        double[] raDec = new double[2];
        double[] lb = new double[2];
        SkyMath.galacticToEquatorial(123.456, -33.3, raDec);
        SkyMath.equatorialToGalactic(raDec[0], raDec[1], lb);
        assertEquals(123.456, lb[0], 1e-10);
        assertEquals(-33.3, lb[1], 1e-10);
    }

    @Test
    void normalizesRaIntoZeroTo360() {
        assertEquals(0.0, SkyMath.normalizeRaDeg(360.0), 0.0);
        assertEquals(359.0, SkyMath.normalizeRaDeg(-1.0), 0.0);
        assertEquals(0.0, SkyMath.normalizeRaDeg(-1e-20), 0.0);
        assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(SkyMath.normalizeRaDeg(-0.0)));
        assertEquals(10.0, SkyMath.normalizeRaDeg(730.0), 1e-12);
    }
}
