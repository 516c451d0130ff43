package org.skyring.engine.pressure;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.engine.stage.EngineCounters;
import org.skyring.engine.stage.RoutingTable;
import org.skyring.engine.stage.Stage;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalAppender;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalReads;
import org.skyring.journal.JournalSet;
import org.skyring.journal.Rule;

import java.util.List;
import java.util.function.IntSupplier;

/**
 * Full classification, later, of the decisions fast mode deferred. Tails the decision journal; for each decision
 * flagged DEFERRED it reads the observation back from the input journal, runs the stages fast mode skipped
 * (every {@link Stage#deferrable()} stage, then the classifier) with the cheap stages' results taken from the
 * provisional decision and the object history's light curve it recorded, and writes the full decision, flagged
 * RECLASSIFIED:
 * <ul>
 *   <li>to every destination queue of its category the provisional decision did not already reach (a deferred
 *       event was archived; a full classification of "interesting" adds it to standard_review, and a critical
 *       one to the alert queue, where the alert system raises it like any other);</li>
 *   <li>then, last, to {@code DIR/journal/reclassified}: "input index i is there" means "i is completely
 *       reclassified", the same rule the router follows with the decision journal.</li>
 * </ul>
 * Exactly once across crashes the way the router does it: outputs go in input order, and at start-up an
 * output is written only above the highest RECLASSIFIED input index already in its queue.
 *
 * <p>It runs on the background thread and only while pressure is NORMAL (or once the ring has stopped): it is
 * routine analysis, the first work given up under load, and on two cores it would otherwise take CPU from the
 * ring exactly when the ring is behind. Deterministic: the same stages and versions as the ring, so the full decision is
 * byte for byte the decision a replay makes (apart from the flag).
 */
public final class Reclassifier implements Agent {
    public static final String QUEUE = "reclassified";
    private static final int BATCH = 256;
    /**
     * After reaching the end of the decision journal, wait this long (alert clock) before looking again: tailing
     * it continuously would keep the background thread spinning beside the ring on two cores.
     */
    static final long RESCAN_INTERVAL_NANOS = 50_000_000L;
    private static final long QUALITY_RULES = rulesOfStage("quality");
    private static final long ARTIFACT_FILTER_RULES = Rule.ARTIFACT_CHIP_EDGE.mask() | Rule.ARTIFACT_HOT_PIXEL.mask()
            | Rule.ARTIFACT_COSMIC_RAY.mask() | Rule.ARTIFACT_SATELLITE_TRAIL.mask() | Rule.ARTIFACT_RUBIN_TRAIL.mask();
    private static final Destination[] DESTINATIONS = Destination.all();

    private final JournalSet journals;
    private final ChronicleQueue reclassifiedQueue;
    private final List<Stage> deferrableStages;
    private final Stage classifier;
    private final IntSupplier level;
    private final EpochNanoClock clock;
    private final long lastDecidedAtStart;
    private long nextScanNanos = Long.MIN_VALUE;
    private final EngineCounters corrections = new EngineCounters();
    private final ObservationEvent event = new ObservationEvent();
    private final DecisionRecord provisional = new DecisionRecord();
    private final long[] lastRouted = new long[DESTINATIONS.length];
    private final JournalAppender[] appenders = new JournalAppender[DESTINATIONS.length];
    private long lastReclassified;
    private JournalCursor decisions;
    private JournalCursor input;
    private JournalAppender reclassifiedAppender;
    private volatile boolean caughtUp;
    private volatile boolean draining;
    private volatile long pendingSeen;

    /**
     * @param deferrableStages fresh instances of the stages fast mode skips, in ring order (not the ring's own:
     *                         a stage belongs to one thread)
     * @param classifier       a fresh classifier instance
     * @param level            the pressure level ordinal; work waits while it is above NORMAL
     * @param clock            paces the re-scans of the decision journal once caught up
     * @param lastDecidedAtStart the decision journal's last input index when the engine started: outcomes of
     *                         deferred decisions made by an earlier run are not in this run's counters
     */
    public Reclassifier(final JournalSet journals, final RollCycle rollCycle, final List<Stage> deferrableStages,
                        final Stage classifier, final IntSupplier level, final EpochNanoClock clock,
                        final long lastDecidedAtStart) {
        this.journals = journals;
        this.reclassifiedQueue = JournalSet.openQueue(journals.dataDir(), QUEUE, rollCycle);
        this.deferrableStages = deferrableStages;
        this.classifier = classifier;
        this.level = level;
        this.clock = clock;
        this.lastDecidedAtStart = lastDecidedAtStart;
        this.lastReclassified = JournalReads.lastInputIndex(reclassifiedQueue);
        for (final Destination d : DESTINATIONS) {
            lastRouted[d.ordinal()] = JournalReads.lastInputIndexFlagged(journals.destination(d),
                    DecisionRecord.FLAG_RECLASSIFIED);
        }
    }

    private static long rulesOfStage(final String stage) {
        long m = 0;
        for (final Rule r : Rule.all()) {
            if (r.stage().equals(stage)) {
                m |= r.mask();
            }
        }
        return m;
    }

    @Override
    public String roleName() {
        return "reclassifier";
    }

    @Override
    public void onStart() {
        decisions = new JournalCursor(journals.decisions());
        input = new JournalCursor(journals.input());
        reclassifiedAppender = new JournalAppender(reclassifiedQueue);
        for (final Destination d : DESTINATIONS) {
            appenders[d.ordinal()] = new JournalAppender(journals.destination(d));
        }
        for (final Stage s : deferrableStages) {
            s.onStart();
        }
        classifier.onStart();
    }

    @Override
    public int doWork() {
        if (level.getAsInt() != 0 && !draining) {
            return 0; // routine analysis waits while the engine is behind
        }
        final long now = clock.nanoTime();
        if (!draining && now < nextScanNanos) {
            return 0;
        }
        int work = 0;
        while (work < BATCH) {
            if (!decisions.nextDecision(provisional)) {
                caughtUp = true;
                nextScanNanos = now + RESCAN_INTERVAL_NANOS;
                return work;
            }
            work++;
            if (provisional.isDeferred()) {
                pendingSeen++;
                if (provisional.inputIndex > lastReclassified) {
                    reclassify();
                }
            }
        }
        caughtUp = false;
        return work;
    }

    private void reclassify() {
        final long inputIndex = provisional.inputIndex;
        final ObservationEvent e = event;
        e.reset(ObservationEvent.Kind.RECOVERED);
        if (!input.moveToIndex(inputIndex) || !input.nextObservation(e.obs)) {
            throw new IllegalStateException("deferred decision for input index " + inputIndex
                    + " has no observation in the input journal");
        }
        e.inputIndex = inputIndex;
        e.qualityRules = provisional.rulesFired & QUALITY_RULES;
        e.artifactRules = provisional.rulesFired & ARTIFACT_FILTER_RULES;
        // The provisional decision carries the object history's light curve as of this observation (recorded by
        // the decision thread when it deferred it): the history itself has moved on, and belongs to that thread.
        e.deferredDecision = provisional;
        for (final Stage s : deferrableStages) {
            s.onEvent(e);
        }
        classifier.onEvent(e);
        final DecisionRecord full = e.decision;
        full.inputIndex = inputIndex;
        RoutingTable.route(full, e.obs);
        full.flags |= DecisionRecord.FLAG_RECLASSIFIED;
        for (final Destination dest : DESTINATIONS) {
            if (dest.isIn(full.destinations) && !dest.isIn(provisional.destinations)
                    && inputIndex > lastRouted[dest.ordinal()]) {
                appenders[dest.ordinal()].appendRouted(full, e.obs);
            }
        }
        reclassifiedAppender.appendRouted(full, e.obs);
        lastReclassified = inputIndex;
        if (inputIndex > lastDecidedAtStart) {
            corrections.recount(provisional, full, e.obs.truthLabel);
        } else {
            corrections.reclassified++;
        }
    }

    /** The ring has stopped: nothing left to protect, so catch up whatever the pressure level. */
    public void drain() {
        draining = true;
    }

    /** True once the last doWork reached the end of the decision journal (any thread). */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Deferred decisions seen in the decision journal by this process (any thread). */
    public long deferredSeen() {
        return pendingSeen;
    }

    /** This run's corrections to the router's counters; read after the agent stopped. */
    public EngineCounters corrections() {
        return corrections;
    }

    @Override
    public void onClose() {
        if (decisions == null) {
            return;
        }
        for (final Stage s : deferrableStages) {
            s.onShutdown();
        }
        classifier.onShutdown();
        decisions.close();
        input.close();
        reclassifiedAppender.close();
        for (final JournalAppender a : appenders) {
            a.close();
        }
        decisions = null;
    }

    /** Closes the reclassified queue; after the agent stopped. */
    public void closeQueue() {
        reclassifiedQueue.close();
    }
}
