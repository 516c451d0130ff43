package org.skyring.train;

import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;
import org.skyring.journal.TruthLabel;

import java.util.Locale;
import java.util.Set;

/**
 * Labels a real alert from its own fields when no truth label and no label file exist (issue 5). In order of
 * trust, the first that applies:
 * <ol>
 *   <li>the journaled truth label (generated data);</li>
 *   <li>Fink: {@code roid} = 3 or {@code finkclass} "Solar System MPC" -> {@link TruthLabel#KNOWN_ASTEROID};</li>
 *   <li>a known solar-system object within 5 arcsec (ZTF ssdistnr) -> {@link TruthLabel#KNOWN_ASTEROID};</li>
 *   <li>Fink {@code finkclass}: SN candidates -> {@link TruthLabel#SUPERNOVA_LIKE}, kilonova candidates ->
 *       {@link TruthLabel#FAST_TRANSIENT}, tracklets (satellite glints) -> {@link TruthLabel#ARTIFACT};</li>
 *   <li>Fink {@code cdsxmatch} (SIMBAD type) of a star or variable star -> {@link TruthLabel#KNOWN_STAR};</li>
 *   <li>a real catalog's star or variable star (Hipparcos, BSC5: rules known_catalog_star/variable) ->
 *       {@link TruthLabel#KNOWN_STAR};</li>
 *   <li>a PS1 point source (sgscore1 > 0.76) within 2 arcsec -> {@link TruthLabel#KNOWN_STAR} (BTS/Fink);</li>
 *   <li>a real catalog's galaxy as host (OpenNGC: rule host_galaxy), nothing above -> {@link TruthLabel#SUPERNOVA_LIKE}
 *       (a transient on a catalogued galaxy: the weakest label here).</li>
 * </ol>
 * Anything else stays unlabelled ({@link TruthLabel#NONE}) and is left out. SIMBAD galaxies and AGN have no class
 * of their own in {@link TruthLabel} and stay unlabelled.
 *
 * <p>Several of these labels come from fields the model also sees (ssdistnr, sgscore, catalog matches), so a model
 * trained on them partly learns those rules back: they test the pipeline on real packets more than the model's
 * insight. The Fink labels (brokers' own classifiers) are the independent ones.
 */
public final class AlertLabels {
    static final double ASTEROID_MAX_ARCSEC = 5.0;
    static final double STAR_MAX_ARCSEC = 2.0;
    static final double STAR_MIN_SCORE = 0.76;
    /** Fink roid: 3 = matched to a known (MPC) solar-system object. */
    static final int ROID_KNOWN_SSO = 3;

    private static final long CATALOG_STAR_RULES = Rule.KNOWN_CATALOG_STAR.mask() | Rule.KNOWN_CATALOG_VARIABLE.mask();
    /** SIMBAD types (short and long forms) of stars and variable stars that appear in Fink's cdsxmatch. */
    private static final Set<String> SIMBAD_STAR_WORDS = Set.of("star", "rrlyr", "rrlyrae", "cepheid", "mira", "yso",
            "eclbin", "eb*", "lpv*", "longperiodv*", "delsct", "delsctv*", "bydra", "rscvn", "wd*", "ttau*", "pulsv*",
            "variable*", "v*", "*", "ev*", "em*", "be*", "pm*", "highpm*", "cv*", "catalyv*", "cataclyv*", "agb*",
            "rgb*", "hb*", "c*", "s*", "low-mass*", "brownd*", "orion_v*", "irregular_v*", "eruptive*", "semiregv*");

    private AlertLabels() {
    }

    /** From the record alone (no catalog rules, no broker annotations). */
    public static TruthLabel derive(final ObservationRecord o) {
        return derive(o, 0L, null);
    }

    /**
     * @param knownRules the cross-match rules that fired for it (0 when the catalog is synthetic: its matches
     *                   mean nothing for a real alert)
     * @param fink       its Fink annotations, or null
     */
    public static TruthLabel derive(final ObservationRecord o, final long knownRules, final FinkAnnotations.Annotation fink) {
        if (o.truthLabel != TruthLabel.NONE) {
            return o.truthLabel;
        }
        final String finkclass = fink == null || fink.finkclass() == null ? "" : fink.finkclass().trim();
        if (fink != null && (fink.roid() == ROID_KNOWN_SSO || finkclass.equals("Solar System MPC"))) {
            return TruthLabel.KNOWN_ASTEROID;
        }
        if (o.solarSystemDistanceArcsec >= 0 && o.solarSystemDistanceArcsec < ASTEROID_MAX_ARCSEC) {
            return TruthLabel.KNOWN_ASTEROID;
        }
        if (finkclass.equals("SN candidate") || finkclass.equals("Early SN Ia candidate")) {
            return TruthLabel.SUPERNOVA_LIKE;
        }
        if (finkclass.equals("Kilonova candidate")) {
            return TruthLabel.FAST_TRANSIENT;
        }
        if (finkclass.equals("Tracklet")) {
            return TruthLabel.ARTIFACT;
        }
        if (fink != null && (isSimbadStar(fink.cdsxmatch()) || isSimbadStar(finkclass))) {
            return TruthLabel.KNOWN_STAR;
        }
        if ((knownRules & CATALOG_STAR_RULES) != 0) {
            return TruthLabel.KNOWN_STAR;
        }
        if (o.nearestStarDistanceArcsec >= 0 && o.nearestStarDistanceArcsec <= STAR_MAX_ARCSEC
                && o.nearestStarScore > STAR_MIN_SCORE) {
            return TruthLabel.KNOWN_STAR;
        }
        if (Rule.HOST_GALAXY.isIn(knownRules)) {
            return TruthLabel.SUPERNOVA_LIKE;
        }
        return TruthLabel.NONE;
    }

    /** A SIMBAD type naming a star or variable star ("RRLyr", "EB*", "Candidate_EB*", "Star", ...). */
    static boolean isSimbadStar(final String simbadType) {
        if (simbadType == null || simbadType.isBlank()) {
            return false;
        }
        String t = simbadType.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("candidate_")) {
            t = t.substring("candidate_".length());
        }
        return SIMBAD_STAR_WORDS.contains(t) || t.endsWith("v*") || t.endsWith("star");
    }
}
