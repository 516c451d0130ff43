package org.skyring.engine.classify;

import org.junit.jupiter.api.Test;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cross-match inputs each feature declares ({@link Feature#sources()}) are the ones {@link Feature#fill} reads:
 * changing one input changes exactly the features declared to come from it. Label-leakage control rests on this
 * (a label from ssdistnr must hide every feature computed from ssdistnr, and nothing else needs hiding).
 */
class FeatureSourcesTest {
    private static double[] fill(final ObservationRecord o, final long knownRules) {
        final LightCurve lc = new LightCurve();
        lc.detections = 3;
        lc.ageDays = 2.0;
        lc.amplitude = 0.4;
        final double[] x = new double[Feature.COUNT];
        Feature.fill(o, knownRules, lc, 0.1, 40.0, x);
        return x;
    }

    /** A good detection far from any asteroid and PS1 source: the cross-match inputs then move one at a time. */
    private static ObservationRecord base() {
        final ObservationRecord o = org.skyring.engine.stage.Observations.goodZtf("f-1");
        o.solarSystemDistanceArcsec = 25.0;
        o.nearestStarDistanceArcsec = 12.0;
        o.nearestStarScore = 0.1;
        return o;
    }

    private static Set<Feature> changed(final double[] a, final double[] b) {
        final Set<Feature> out = EnumSet.noneOf(Feature.class);
        for (int i = 0; i < Feature.COUNT; i++) {
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i])) {
                out.add(Feature.of(i));
            }
        }
        return out;
    }

    @Test
    void eachCrossMatchInputChangesExactlyTheFeaturesDeclaredToComeFromIt() {
        final double[] plain = fill(base(), 0L);

        // ssdistnr: the distance and the known/suspect rules the cross-match stage derives from it
        final Set<Feature> sso = EnumSet.noneOf(Feature.class);
        final ObservationRecord near = base();
        near.solarSystemDistanceArcsec = 1.0;
        sso.addAll(changed(plain, fill(near, Rule.KNOWN_SOLAR_SYSTEM.mask())));
        near.solarSystemDistanceArcsec = 7.0;
        sso.addAll(changed(plain, fill(near, Rule.SUSPECT_SOLAR_SYSTEM.mask())));
        assertEquals(Feature.derivedFrom(Set.of(Feature.Source.SOLAR_SYSTEM_MATCH)), sso);

        // distpsnr1/sgscore1: distance, score and the PS1-star rule (through the star flag)
        final ObservationRecord star = base();
        star.nearestStarDistanceArcsec = 0.5;
        star.nearestStarScore = 0.98;
        assertEquals(Feature.derivedFrom(Set.of(Feature.Source.PS1_MATCH)),
                changed(plain, fill(star, Rule.KNOWN_PS1_STAR.mask())));

        // the catalog: every catalog rule the cone search can fire
        final Set<Feature> catalog = EnumSet.noneOf(Feature.class);
        for (final Rule r : new Rule[]{Rule.KNOWN_CATALOG_STAR, Rule.KNOWN_CATALOG_VARIABLE, Rule.KNOWN_AGN,
                Rule.KNOWN_CATACLYSMIC_VARIABLE, Rule.KNOWN_OTHER, Rule.HOST_GALAXY, Rule.BRIGHT_STAR_HALO}) {
            catalog.addAll(changed(plain, fill(base(), r.mask())));
        }
        assertEquals(Feature.derivedFrom(Set.of(Feature.Source.CATALOG_MATCH)), catalog);
    }

    @Test
    void byKeyFindsEveryFeatureAndNamesTheKnownOnesOtherwise() {
        for (final Feature f : Feature.values()) {
            assertEquals(f, Feature.byKey(f.key()));
        }
        final IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Feature.byKey("ssdistnr"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("ssdistnr")
                && e.getMessage().contains("solar_system_distance"), e.getMessage());
    }
}
