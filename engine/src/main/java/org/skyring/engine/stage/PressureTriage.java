package org.skyring.engine.stage;

import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.ring.ObservationEvent;

import java.util.function.IntSupplier;

/**
 * The fast-mode switch, right after the cheap stages (validate, quality): under pressure it marks events
 * {@link ObservationEvent#deferred}, and every {@link Stage#deferrable() deferrable} stage after it (cross-match
 * today; ML and anomaly scoring) is then skipped for them; the classifier records a provisional, deferred
 * decision and the reclassifier decides them fully later from the journal.
 *
 * <ul>
 *   <li>below HIGH: nothing is deferred;</li>
 *   <li>HIGH: events that look routine from their own record are deferred: the survey's own fields say known
 *       asteroid or PS1 star, or their history shows no significant change (abs(rate) below
 *       classification.slow_riser_min_rate);</li>
 *   <li>CRITICAL: routine analysis is paused: every event that is not a critical candidate is deferred;</li>
 *   <li>never deferred: rejected or bogus events (already decided by the cheap stages; nothing to save) and
 *       {@link CriticalCandidates critical candidates}, which are processed fully at every level.</li>
 * </ul>
 *
 * <p>Allocation-free: one volatile read of the level per event, arithmetic on the record.
 */
public final class PressureTriage implements Stage {
    /** Ordinals of PressureLevel.HIGH and CRITICAL (the stage package does not depend on the controller). */
    public static final int HIGH_LEVEL = 2;
    public static final int CRITICAL_LEVEL = 3;

    private final IntSupplier level;
    private final Classifier rates;
    private final SkyringConfig.Classification classification;
    private final SkyringConfig.KnownObjects known;
    private long deferred;

    /**
     * @param level current pressure level ordinal (PressureController::levelOrdinal; () -> 0 when disabled)
     * @param rates the classifier whose rate formula (a pure function of the record) triage reuses
     */
    public PressureTriage(final IntSupplier level, final Classifier rates, final SkyringConfig config) {
        this.level = level;
        this.rates = rates;
        this.classification = config.classification();
        this.known = config.knownObjects();
    }

    @Override
    public String name() {
        return "triage";
    }

    @Override
    public void onEvent(final ObservationEvent e) {
        if (e.isRejected() || e.qualityRules != 0) {
            return;
        }
        final int lvl = level.getAsInt();
        if (lvl < HIGH_LEVEL) {
            return;
        }
        final double rate = rates.riseRate(e.obs);
        if (CriticalCandidates.mayBeCritical(e.obs, rate, classification)) {
            return;
        }
        if (lvl >= CRITICAL_LEVEL || looksRoutine(e, rate)) {
            e.deferred = true;
            deferred++;
        }
    }

    private boolean looksRoutine(final ObservationEvent e, final double rate) {
        final double ss = e.obs.solarSystemDistanceArcsec;
        if (ss >= 0 && ss < known.solarSystemKnownArcsec()) {
            return true;
        }
        final double star = e.obs.nearestStarDistanceArcsec;
        if (star >= 0 && star <= known.ps1StarRadiusArcsec() && e.obs.nearestStarScore > known.ps1StarMinScore()) {
            return true;
        }
        return !Double.isNaN(rate) && Math.abs(rate) < classification.slowRiserMinRate();
    }

    /** Events deferred by this stage (read after the ring stopped). */
    public long deferred() {
        return deferred;
    }
}
