package org.skyring.engine.ring;

import org.skyring.journal.DecisionRecord;
import org.skyring.journal.ObservationRecord;

/**
 * One preallocated ring entry. Each field group has exactly one writing stage (noted per field), so parallel
 * stages never write the same memory; the Disruptor's sequence barriers publish their writes to later stages.
 */
public final class ObservationEvent {
    /** Live: from a source, to be journaled. Recovered: read back from the input journal (restart, replay). */
    public enum Kind { LIVE, RECOVERED, EMPTY }

    /** Written by the ingest thread (the ring's producer). */
    public Kind kind = Kind.EMPTY;
    public final ObservationRecord obs = new ObservationRecord();
    /** System.nanoTime() when the producer claimed the entry: the start of end-to-end latency. */
    public long publishNanos;

    /** Written by journal-in: input journal index (recovered events carry theirs from the journal). */
    public long inputIndex = -1;
    /** Written by journal-in: the observation id was already journaled; no stage acts on it. */
    public boolean duplicate;

    /**
     * Written by the triage stage (fast mode under pressure): skip every deferrable stage; the classifier
     * records a provisional decision flagged DEFERRED and the reclassifier decides it fully later. Read by
     * StageHandler and by any expensive stage that is not a separate deferrable stage.
     */
    public boolean deferred;

    /**
     * Set by the reclassifier only: the provisional decision of this deferred observation, whose recorded object-
     * history light curve the classifier uses instead of a history it does not own. Null otherwise.
     */
    public DecisionRecord deferredDecision;

    /** Written by the quality filter: bit set of quality rules that failed. */
    public long qualityRules;
    /** Written by the known-object filter (plus the match fields of {@link #decision}). */
    public long knownRules;
    /** Written by the artifact filter. */
    public long artifactRules;

    /**
     * Written by validation (reject reasons), the known-object filter (match fields), classification
     * (scores, category, rules) and routing (destinations), in that order.
     */
    public final DecisionRecord decision = new DecisionRecord();

    /** Prepares the entry for reuse by the producer. */
    public void reset(final Kind newKind) {
        kind = newKind;
        obs.clear();
        publishNanos = 0;
        inputIndex = -1;
        duplicate = false;
        deferred = false;
        deferredDecision = null;
        qualityRules = 0;
        knownRules = 0;
        artifactRules = 0;
        decision.clear();
    }

    /** True when decision stages should act on this entry. */
    public boolean needsDecision() {
        return kind != Kind.EMPTY && !duplicate;
    }

    public boolean isRejected() {
        return decision.rejectReasons != 0;
    }
}
