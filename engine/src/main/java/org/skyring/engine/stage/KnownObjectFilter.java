package org.skyring.engine.stage;

import org.skyring.catalog.ConeResult;
import org.skyring.catalog.ConeSearch;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;

/**
 * Cross-match against known objects (Sherlock, Fink, AMPEL): the survey's own nearest-object fields (ZTF
 * ssdistnr, distpsnr1/sgscore1) and one cone search of the catalog at the widest radius any rule needs, each
 * source then judged at its type's radius. A galaxy never suppresses a transient: it is recorded as the host.
 * The nearest non-galaxy match is the {@code known_object:<id>} flag (decision {@code matchSourceId}, the
 * catalog's own id such as {@code HIP 19}). Stars with proper motion are matched where they are at the
 * observation's time (the catalog propagates them from their catalog epoch).
 *
 * <p>Writes {@code event.knownRules} and the match/host fields of the decision, nothing else.
 */
public final class KnownObjectFilter implements Stage {
    private final SkyringConfig.KnownObjects config;
    private final SkyCatalog catalog;
    private final ConeResult cone = new ConeResult(64);
    /** Reused id buffer: ids are copied catalog -> decision as bytes, never as a String (hot path). */
    private final byte[] idBytes = new byte[64];
    private final double searchRadiusArcsec;

    public KnownObjectFilter(final SkyringConfig.KnownObjects config, final SkyCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
        this.searchRadiusArcsec = config.searchRadiusArcsec();
    }

    @Override
    public String name() {
        return "cross_match";
    }

    /** A catalog look-up per event, stateless: fast mode skips it for deferred events (done again later). */
    @Override
    public boolean deferrable() {
        return true;
    }

    @Override
    public void onEvent(final ObservationEvent e) {
        // A notice is trigger context, not a source: it has no catalog counterpart to look for.
        if (!e.isRejected() && e.qualityRules == 0 && e.obs.measurementType != MeasurementType.NOTICE) {
            e.knownRules = match(e.obs, e.decision);
        }
    }

    /** Returns the fired known-object rules and fills the decision's match and host fields. */
    public long match(final ObservationRecord o, final DecisionRecord d) {
        long rules = 0;
        final double ss = o.solarSystemDistanceArcsec;
        if (ss >= 0.0 && ss < config.solarSystemKnownArcsec()) {
            rules |= Rule.KNOWN_SOLAR_SYSTEM.mask();
        } else if (ss >= config.solarSystemKnownArcsec() && ss < config.solarSystemSuspectArcsec()) {
            rules |= Rule.SUSPECT_SOLAR_SYSTEM.mask();
        }
        if (o.nearestStarDistanceArcsec >= 0.0 && o.nearestStarDistanceArcsec <= config.ps1StarRadiusArcsec()
                && o.nearestStarScore > config.ps1StarMinScore()) {
            rules |= Rule.KNOWN_PS1_STAR.mask();
        }
        final double epoch = o.observationTimeNanos == ObservationRecord.NO_TIME ? Double.NaN
                : ConeSearch.julianYearOfUnixNanos(o.observationTimeNanos);
        final int n = catalog.search(o.raDeg, o.decDeg, searchRadiusArcsec, epoch, cone);
        for (int k = 0; k < n; k++) { // ascending separation: the first hit of each kind is the nearest
            final int i = cone.index(k);
            final double sep = cone.separationArcsec(k);
            final SourceType type = catalog.type(i);
            if (type == SourceType.GALAXY) {
                if (sep <= config.hostGalaxyRadiusArcsec() && d.hostId.isEmpty()) {
                    rules |= Rule.HOST_GALAXY.mask();
                    d.hostId.setBytes(idBytes, 0, catalog.sourceIdBytes(i, idBytes));
                    d.hostSeparationArcsec = sep;
                }
                continue;
            }
            final Rule rule = ruleFor(type);
            if (sep <= radiusFor(type)) {
                rules |= rule.mask();
                if (d.matchSourceId.isEmpty()) {
                    d.matchSourceId.setBytes(idBytes, 0, catalog.sourceIdBytes(i, idBytes));
                    d.matchType = type.code();
                    d.matchSeparationArcsec = sep;
                }
            } else if (isStar(type) && sep <= config.brightStarHaloArcsec()
                    && catalog.mag(i) < config.brightStarMaxMag()) {
                rules |= Rule.BRIGHT_STAR_HALO.mask();
            }
        }
        return rules;
    }

    private static boolean isStar(final SourceType type) {
        return type == SourceType.STAR || type == SourceType.VARIABLE_STAR;
    }

    private double radiusFor(final SourceType type) {
        switch (type) {
            case STAR:
            case VARIABLE_STAR:
                return config.starRadiusArcsec();
            case AGN:
                return config.agnRadiusArcsec();
            case CATACLYSMIC_VARIABLE:
                return config.cvRadiusArcsec();
            default:
                return config.defaultRadiusArcsec();
        }
    }

    private static Rule ruleFor(final SourceType type) {
        switch (type) {
            case STAR:
                return Rule.KNOWN_CATALOG_STAR;
            case VARIABLE_STAR:
                return Rule.KNOWN_CATALOG_VARIABLE;
            case AGN:
                return Rule.KNOWN_AGN;
            case CATACLYSMIC_VARIABLE:
                return Rule.KNOWN_CATACLYSMIC_VARIABLE;
            case SOLAR_SYSTEM:
                return Rule.KNOWN_SOLAR_SYSTEM;
            default:
                return Rule.KNOWN_OTHER;
        }
    }
}
