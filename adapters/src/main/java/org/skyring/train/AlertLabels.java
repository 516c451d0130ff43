package org.skyring.train;

import org.skyring.engine.classify.Feature;
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
 * <p>Several of these labels come from fields the model also sees (ssdistnr, sgscore, catalog matches): a model
 * trained on them with those features learns the labelling rules back (label leakage). {@link #derivation} names
 * the inputs each label rests on, and {@code skyring model train} by default excludes the features computed from
 * them ({@link Feature#derivedFrom}).
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
        return derivation(o, knownRules, fink).label();
    }

    /**
     * A label and where it came from: the labelling rule and the cross-match inputs it rests on, which a model
     * evaluated against it must not see ({@link Feature#derivedFrom}).
     */
    public record Derivation(TruthLabel label, String rule, Set<Feature.Source> from) {
        static final Derivation NONE = new Derivation(TruthLabel.NONE, "none", Set.of());
    }

    /** What a labeller derived: labels by rule, and the union of the inputs those labels rest on. */
    public static final class Tally {
        private final java.util.Map<String, Integer> byRule = new java.util.TreeMap<>();
        private final java.util.EnumSet<Feature.Source> from = java.util.EnumSet.noneOf(Feature.Source.class);

        /** Counts a labelled derivation (an unlabelled one says nothing) and returns its label. */
        public synchronized TruthLabel record(final Derivation d) {
            if (d.label() != TruthLabel.NONE) {
                byRule.merge(d.rule(), 1, Integer::sum);
                from.addAll(d.from());
            }
            return d.label();
        }

        public synchronized java.util.Map<String, Integer> byRule() {
            return new java.util.TreeMap<>(byRule);
        }

        public synchronized Set<Feature.Source> sources() {
            return from.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(from);
        }

        /** The features computed from the inputs the derived labels rest on: the ones that would leak them. */
        public Set<Feature> leakingFeatures() {
            return Feature.derivedFrom(sources());
        }

        /** "labels derived from the alerts: ssdistnr 150, ps1_sgscore 120 (inputs SOLAR_SYSTEM_MATCH, PS1_MATCH)". */
        public String describe() {
            return "labels derived from the alerts by rule " + byRule() + ", resting on " + sources();
        }
    }

    private static final Set<Feature.Source> SSO = Set.of(Feature.Source.SOLAR_SYSTEM_MATCH);
    private static final Set<Feature.Source> PS1 = Set.of(Feature.Source.PS1_MATCH);
    private static final Set<Feature.Source> CATALOG = Set.of(Feature.Source.CATALOG_MATCH);
    /**
     * Fink's science classes are decided after its own vetoes: no known solar-system object (roid), no SIMBAD
     * counterpart (cdsxmatch), and for early SN Ia a PS1 source that is not star-like: all three inputs.
     */
    private static final Set<Feature.Source> FINK_SCIENCE = Set.of(Feature.Source.SOLAR_SYSTEM_MATCH,
            Feature.Source.PS1_MATCH, Feature.Source.CATALOG_MATCH);

    /** {@link #derive}, with the rule that gave the label and the inputs that rule reads. */
    public static Derivation derivation(final ObservationRecord o, final long knownRules,
                                        final FinkAnnotations.Annotation fink) {
        if (o.truthLabel != TruthLabel.NONE) {
            return new Derivation(o.truthLabel, "truth", Set.of());
        }
        final String finkclass = fink == null || fink.finkclass() == null ? "" : fink.finkclass().trim();
        // Fink's roid 3 is its match of ZTF's own ssnamenr/ssdistnr to the MPC: the same input as ours
        if (fink != null && (fink.roid() == ROID_KNOWN_SSO || finkclass.equals("Solar System MPC"))) {
            return new Derivation(TruthLabel.KNOWN_ASTEROID, "fink_roid", SSO);
        }
        if (o.solarSystemDistanceArcsec >= 0 && o.solarSystemDistanceArcsec < ASTEROID_MAX_ARCSEC) {
            return new Derivation(TruthLabel.KNOWN_ASTEROID, "ssdistnr", SSO);
        }
        if (finkclass.equals("SN candidate") || finkclass.equals("Early SN Ia candidate")) {
            return new Derivation(TruthLabel.SUPERNOVA_LIKE, "fink_class", FINK_SCIENCE);
        }
        if (finkclass.equals("Kilonova candidate")) {
            return new Derivation(TruthLabel.FAST_TRANSIENT, "fink_class", FINK_SCIENCE);
        }
        if (finkclass.equals("Tracklet")) {
            return new Derivation(TruthLabel.ARTIFACT, "fink_tracklet", Set.of());
        }
        // a SIMBAD cross-match is a catalog match of the kind the catalog-star flag encodes
        if (fink != null && (isSimbadStar(fink.cdsxmatch()) || isSimbadStar(finkclass))) {
            return new Derivation(TruthLabel.KNOWN_STAR, "fink_simbad", CATALOG);
        }
        if ((knownRules & CATALOG_STAR_RULES) != 0) {
            return new Derivation(TruthLabel.KNOWN_STAR, "catalog_star", CATALOG);
        }
        if (o.nearestStarDistanceArcsec >= 0 && o.nearestStarDistanceArcsec <= STAR_MAX_ARCSEC
                && o.nearestStarScore > STAR_MIN_SCORE) {
            return new Derivation(TruthLabel.KNOWN_STAR, "ps1_sgscore", PS1);
        }
        if (Rule.HOST_GALAXY.isIn(knownRules)) {
            return new Derivation(TruthLabel.SUPERNOVA_LIKE, "catalog_host", CATALOG);
        }
        return Derivation.NONE;
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
