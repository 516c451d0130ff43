package org.skyring.engine.stage;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.skyring.engine.metrics.LiveCounters;
import org.skyring.engine.ring.ObservationEvent;
import org.skyring.journal.FixedAscii;
import org.skyring.journal.JournalAppender;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.ObservationRecord;

import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The first consumer of the ring: stamps the received time, de-duplicates by observation id, and appends every
 * new observation to the input journal before any decision is made (the LMAX way). Recovered entries (already
 * in the journal) are only indexed for de-duplication.
 *
 * <p>De-duplication keys on a 64-bit hash of the id; a hash hit is verified by reading the earlier record back
 * from the journal, so a collision can never drop an observation (two ids with one hash are two entries).
 *
 * <p>The window: an observation is dropped as a duplicate when its key is among the last {@code dedupeWindow} keys
 * journal-in remembered ({@link RecentKeyIndex}: every new live observation, and at start-up every recovered
 * entry, in journal order). A re-delivery of an older key is NOT caught: it is journaled and decided again. The
 * window survives a restart because the engine re-runs the whole input journal through journal-in first: after
 * recovery the index holds exactly the last {@code dedupeWindow} keys of the journal, as before the restart.
 */
public final class JournalIn implements Stage {
    public static final String NAME = "journal_in";

    private final Supplier<JournalAppender> appenderFactory;
    private final Supplier<JournalCursor> verifyCursorFactory;
    private final EpochNanoClock clock;
    /** Stamped into every live observation: kept as ASCII once, so stamping is an array copy, not a re-encode. */
    private final FixedAscii ingestHost = new FixedAscii(ObservationRecord.HOST_CAPACITY);
    private final FixedAscii engineVersion = new FixedAscii(ObservationRecord.NAME_CAPACITY);
    private final ToLongFunction<ObservationRecord> keyHasher;
    private final RecentKeyIndex recentKeys;
    /** Allocated once: the index calls it for each hash-equal entry of a lookup. */
    private final RecentKeyIndex.Confirm sameKeyInJournal = this::sameKeyAt;
    private final ObservationRecord verifyScratch = new ObservationRecord();
    /** The record {@link #sameKeyInJournal} compares the journal's records with (set for one lookup). */
    private ObservationRecord lookingFor;
    private JournalAppender appender;
    private JournalCursor verifyCursor;
    private AtomicCounter journaled = LiveCounters.detached();
    private AtomicCounter duplicates = LiveCounters.detached();

    /**
     * @param appenderFactory     opens the input journal appender on this stage's thread; null when the
     *                            engine only replays (nothing live is journaled)
     * @param verifyCursorFactory opens a cursor on the input journal to verify hash hits
     * @param dedupeWindow        keys remembered for de-duplication ({@code engine.dedupe_window}); the index's
     *                            whole heap ({@link RecentKeyIndex#bytesFor}) is allocated here
     */
    public JournalIn(final Supplier<JournalAppender> appenderFactory, final Supplier<JournalCursor> verifyCursorFactory,
                     final EpochNanoClock clock, final String ingestHost, final String engineVersion,
                     final int dedupeWindow) {
        this(appenderFactory, verifyCursorFactory, clock, ingestHost, engineVersion, dedupeWindow, JournalIn::keyHash);
    }

    /** @param keyHasher the key's 64-bit hash, 0 = no key; tests pass a weak one to make different ids collide */
    JournalIn(final Supplier<JournalAppender> appenderFactory, final Supplier<JournalCursor> verifyCursorFactory,
              final EpochNanoClock clock, final String ingestHost, final String engineVersion,
              final int dedupeWindow, final ToLongFunction<ObservationRecord> keyHasher) {
        this.recentKeys = new RecentKeyIndex(dedupeWindow);
        this.keyHasher = keyHasher;
        this.appenderFactory = appenderFactory;
        this.verifyCursorFactory = verifyCursorFactory;
        this.clock = clock;
        this.ingestHost.set(ingestHost);
        this.engineVersion.set(engineVersion);
    }

    /** Counts into the live counters from now on; before the ring starts. */
    public void countInto(final LiveCounters counters) {
        journaled = counters.journaled();
        duplicates = counters.duplicates();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onStart() {
        appender = appenderFactory == null ? null : appenderFactory.get();
        verifyCursor = verifyCursorFactory.get();
    }

    @Override
    public void onEvent(final ObservationEvent e) {
        final ObservationRecord obs = e.obs;
        final long key = keyHasher.applyAsLong(obs);
        if (e.kind == ObservationEvent.Kind.RECOVERED) {
            // A journal can hold an id twice: a record whose write a SIGKILL interrupted is completed by
            // Chronicle's recovery only after this process re-journaled it. The first occurrence wins.
            if (isDuplicate(obs, key)) {
                e.duplicate = true;
                duplicates.incrementRelease();
                return;
            }
            remember(key, e.inputIndex);
            return;
        }
        if (isDuplicate(obs, key)) {
            e.duplicate = true;
            duplicates.incrementRelease();
            return;
        }
        obs.receivedTimeNanos = clock.nanoTime();
        obs.ingestHost.set(ingestHost);
        obs.engineVersion.set(engineVersion);
        markOversizeFields(obs);
        e.inputIndex = appender.appendObservation(obs);
        journaled.incrementRelease();
        remember(key, e.inputIndex);
    }

    /**
     * The de-duplication key: the observation id; for a record without one (which validation will reject), its
     * source position, so that a re-delivered id-less record is not dead-lettered twice. 0 = no key.
     */
    static long keyHash(final ObservationRecord o) {
        if (!o.observationId.isEmpty()) {
            return o.observationId.hash64();
        }
        if (o.sourceOffset < 0) {
            return 0;
        }
        final long h = (o.adapter.hash64() * 31 + o.sourcePartition) * 0x9E3779B97F4A7C15L + o.sourceOffset;
        return h == 0 ? 1 : h;
    }

    private static boolean sameKey(final ObservationRecord a, final ObservationRecord b) {
        if (!a.observationId.isEmpty()) {
            return a.observationId.contentEquals(b.observationId);
        }
        return b.observationId.isEmpty() && a.adapter.contentEquals(b.adapter)
                && a.sourcePartition == b.sourcePartition && a.sourceOffset == b.sourceOffset;
    }

    private boolean isDuplicate(final ObservationRecord o, final long hash) {
        if (hash == 0) {
            return false;
        }
        lookingFor = o;
        return recentKeys.contains(hash, sameKeyInJournal);
    }

    private boolean sameKeyAt(final long journalIndex) {
        return verifyCursor.moveToIndex(journalIndex) && verifyCursor.nextObservation(verifyScratch)
                && sameKey(lookingFor, verifyScratch);
    }

    /** Only after {@link #isDuplicate} said no: the key is not in the window (its hash may be). */
    private void remember(final long hash, final long inputIndex) {
        if (hash != 0) {
            recentKeys.add(hash, inputIndex);
        }
    }

    /**
     * A string longer than its field was truncated when the source wrote it; say so in the journaled record
     * itself, so that validation rejects it identically live and on replay.
     */
    private static void markOversizeFields(final ObservationRecord obs) {
        if (!obs.sourceError.isEmpty()) {
            return;
        }
        if (obs.observationId.wasTruncated()) {
            obs.sourceError.set("oversize: observation_id longer than " + ObservationRecord.ID_CAPACITY + " characters");
        } else if (obs.objectId.wasTruncated()) {
            obs.sourceError.set("oversize: object_id longer than " + ObservationRecord.ID_CAPACITY + " characters");
        } else if (obs.sourceFacility.wasTruncated()) {
            obs.sourceError.set("oversize: source_facility longer than " + ObservationRecord.NAME_CAPACITY + " characters");
        } else if (obs.instrument.wasTruncated()) {
            obs.sourceError.set("oversize: instrument longer than " + ObservationRecord.NAME_CAPACITY + " characters");
        }
    }

    public long journaled() {
        return journaled.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    @Override
    public void onShutdown() {
        if (appender != null) {
            appender.close();
        }
        verifyCursor.close();
    }
}
