package org.skyring.engine.classify;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.skyring.journal.Band;
import org.skyring.journal.FixedAscii;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.PriorPhotometry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Per-object state across observations, in a Chronicle Map keyed by the survey object id (or, without one, a
 * 1.5-arcsec sky cell "pos:DEC:RA"). Persisted to a file in the data directory so it survives restarts; updated
 * only on the decision thread, in input-journal order, from journaled fields only, so a replay rebuilds the same
 * state. Seeded from the packet's own history ({@link ObservationRecord#history}: ZTF prv_candidates, Rubin
 * prvDiaSources) and its summary fields (previous detection, last non-detection, first detection).
 *
 * <p>Exactly once: each entry records the last input index applied; a recovered observation at or below it (the
 * engine re-runs the input journal after a crash) is not applied again, and its features are computed from the
 * stored points up to its own time.
 *
 * <p>No allocation per observation: the key is a reused {@link FixedAscii}, the value is read into and written from
 * one reused {@link ObjectState} ({@code getUsing}/{@code put} of a constant-size BytesMarshallable).
 */
public final class ObjectHistory implements AutoCloseable {
    public static final String FILE_NAME = "object-history.cm";
    static final double NANOS_PER_DAY = 86_400e9;
    /** Sky cell of objects without an id: 1.5 arcsec, the same-object cross-match scale. */
    static final double CELL_ARCSEC = 1.5;
    private static final double COLOUR_MAX_SEPARATION_DAYS = 1.0;
    static final double MAX_BLOAT_FACTOR = 20;

    private final ChronicleMap<CharSequence, ObjectState> map;
    private final double minPairSeparationDays;
    private final FixedAscii key = new FixedAscii(ObservationRecord.ID_CAPACITY);
    private final ObjectState state = new ObjectState();
    private final byte g = Band.G.code();
    private final byte r = Band.R.code();

    private ObjectHistory(final ChronicleMap<CharSequence, ObjectState> map, final double minPairSeparationDays) {
        this.map = map;
        this.minPairSeparationDays = minPairSeparationDays;
    }

    /** Opens (or creates) the persisted store {@code dir/object-history.cm}. */
    public static ObjectHistory open(final Path dir, final long maxObjects, final double minPairSeparationDays) {
        try {
            Files.createDirectories(dir);
            final java.io.File file = dir.resolve(FILE_NAME).toFile();
            // An existing file may have been left by a killed process (segment locks held by a dead pid):
            // recoverPersistedTo repairs the locks and headers before use, so a restart after a crash is safe.
            final ChronicleMap<CharSequence, ObjectState> map = file.exists()
                    ? builder(maxObjects).recoverPersistedTo(file, true)
                    : builder(maxObjects).createPersistedTo(file);
            return new ObjectHistory(map, minPairSeparationDays);
        } catch (IOException e) {
            throw new UncheckedIOException("object history " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    /** An off-heap store that lives only as long as this process (offline training and evaluation). */
    public static ObjectHistory inMemory(final long maxObjects, final double minPairSeparationDays) {
        return new ObjectHistory(builder(maxObjects).create(), minPairSeparationDays);
    }

    private static ChronicleMapBuilder<CharSequence, ObjectState> builder(final long maxObjects) {
        return ChronicleMapBuilder.of(CharSequence.class, ObjectState.class)
                .name("skyring-object-history")
                .entries(maxObjects)
                // entries() sizes the file (about 0.45 kB per entry, written out at creation); beyond it the map
                // grows by extra tiers up to this factor, so a busy night degrades gracefully instead of failing.
                .maxBloatFactor(MAX_BLOAT_FACTOR)
                .averageKeySize(16)
                // put() would otherwise return (deserialize into a new object) the previous value: 0.5 kB garbage
                .putReturnsNull(true)
                .constantValueSizeBySample(new ObjectState());
    }

    public long size() {
        return map.longSize();
    }

    /**
     * True when both stores hold the same objects with the same state (cold path: tests and tools compare a
     * restarted or replayed store with the original this way).
     */
    public boolean sameStateAs(final ObjectHistory other) {
        if (map.longSize() != other.map.longSize()) {
            return false;
        }
        final ObjectState theirs = new ObjectState();
        for (final java.util.Map.Entry<CharSequence, ObjectState> e : map.entrySet()) {
            if (other.map.getUsing(e.getKey(), theirs) == null || !e.getValue().contentEquals(theirs)) {
                return false;
            }
        }
        return true;
    }

    /** Reads the stored state of {@code objectKey} into {@code into}; false when unknown (tests, tools). */
    public boolean read(final CharSequence objectKey, final ObjectState into) {
        return map.getUsing(objectKey, into) != null;
    }

    /**
     * Applies one observation (if not applied before) and writes its light-curve features into {@code out}.
     * Radio and X-ray detections update the counts and times only; their rates come from the packet.
     */
    public void apply(final ObservationRecord o, final long inputIndex, final LightCurve out) {
        out.clear();
        keyOf(o, key);
        if (map.getUsing(key, state) == null) {
            state.clear();
        }
        final boolean magnitudes = o.measurementType.isMagnitude() && !Double.isNaN(o.value);
        final byte band = o.band.code();
        if (inputIndex >= 0 && inputIndex <= state.lastAppliedInput) {
            out.alreadyApplied = true;
        } else {
            seed(o, magnitudes, band);
            detection(o.observationTimeNanos, band, magnitudes ? (float) o.value : Float.NaN,
                    magnitudes ? (float) o.valueUncertainty : Float.NaN, magnitudes);
            state.lastAppliedInput = inputIndex;
            map.put(key, state);
        }
        features(o, magnitudes, band, out);
    }

    /** Points the packet carries about earlier epochs; duplicates of stored points are ignored. */
    private void seed(final ObservationRecord o, final boolean magnitudes, final byte band) {
        final PriorPhotometry h = o.history;
        for (int i = 0; i < h.count(); i++) {
            final byte b = h.band(i).code();
            if (h.isUpperLimit(i)) {
                limit(h.timeNanos(i), b, (float) h.mag(i));
            } else {
                detection(h.timeNanos(i), b, (float) h.mag(i), (float) h.magError(i), true);
            }
        }
        if (magnitudes && !Double.isNaN(o.previousMag) && o.previousTimeNanos != ObservationRecord.NO_TIME) {
            detection(o.previousTimeNanos, band, (float) o.previousMag, Float.NaN, true);
        }
        if (!Double.isNaN(o.lastNonDetectionLimitMag) && o.lastNonDetectionTimeNanos != ObservationRecord.NO_TIME) {
            limit(o.lastNonDetectionTimeNanos, band, (float) o.lastNonDetectionLimitMag);
        }
        if (o.firstDetectionTimeNanos != ObservationRecord.NO_TIME
                && (state.firstDetectionNanos == ObservationRecord.NO_TIME
                || o.firstDetectionTimeNanos < state.firstDetectionNanos)) {
            state.firstDetectionNanos = o.firstDetectionTimeNanos;
        }
    }

    private void detection(final long t, final byte band, final float mag, final float err, final boolean magnitudes) {
        if (t == ObservationRecord.NO_TIME) {
            return;
        }
        if (magnitudes) {
            final int slot = state.slot(band, true);
            if (slot < 0 || !state.addDetection(slot, t, mag, err)) {
                return; // already held (packets repeat their history), or older than every point kept
            }
            if (Float.isNaN(state.peakMag) || mag < state.peakMag) {
                state.peakMag = mag;
                state.peakBand = band;
                state.peakTimeNanos = t;
            }
        } else if (t == state.lastDetectionNanos) {
            return;
        }
        state.detections++;
        if (state.firstDetectionNanos == ObservationRecord.NO_TIME || t < state.firstDetectionNanos) {
            state.firstDetectionNanos = t;
        }
        if (state.lastDetectionNanos == ObservationRecord.NO_TIME || t > state.lastDetectionNanos) {
            state.lastDetectionNanos = t;
        }
    }

    private void limit(final long t, final byte band, final float limitMag) {
        if (t == ObservationRecord.NO_TIME || Float.isNaN(limitMag)) {
            return;
        }
        final int slot = state.slot(band, true);
        if (slot >= 0) {
            state.addLimit(slot, t, limitMag);
        }
        if (state.lastNonDetectionNanos == ObservationRecord.NO_TIME || t > state.lastNonDetectionNanos) {
            state.lastNonDetectionNanos = t;
            state.lastNonDetectionMag = limitMag;
        }
    }

    /** Features from the stored points no later than this observation (so a re-applied one sees the same). */
    private void features(final ObservationRecord o, final boolean magnitudes, final byte band, final LightCurve out) {
        final long t = o.observationTimeNanos;
        final ObjectState s = state;
        // as of t: detections stored with a later time (applied before a crash, re-decided after it) do not count
        int later = 0;
        for (int slot = 0; slot < ObjectState.BANDS; slot++) {
            final int base = slot * ObjectState.DETECTIONS;
            for (int i = 0; i < s.detCount[slot]; i++) {
                later += s.detTime[base + i] > t ? 1 : 0;
            }
        }
        out.detections = Math.max(s.detections - later, o.detectionCount);
        if (s.firstDetectionNanos != ObservationRecord.NO_TIME) {
            out.ageDays = Math.max(0, (t - s.firstDetectionNanos) / NANOS_PER_DAY);
        }
        final long lastNonDet = latestLimitBefore(t);
        if (lastNonDet != ObservationRecord.NO_TIME) {
            out.daysSinceNonDetection = (t - lastNonDet) / NANOS_PER_DAY;
        }
        if (!magnitudes) {
            return;
        }
        final long minGap = (long) (minPairSeparationDays * NANOS_PER_DAY);
        double brightest = Double.NaN;
        double faintest = Double.NaN;
        double latestG = Double.NaN;
        long latestGTime = ObservationRecord.NO_TIME;
        double latestR = Double.NaN;
        long latestRTime = ObservationRecord.NO_TIME;
        for (int slot = 0; slot < ObjectState.BANDS; slot++) {
            final byte b = s.bandCode[slot];
            if (b == 0) {
                continue;
            }
            final int base = slot * ObjectState.DETECTIONS;
            long prevT = ObservationRecord.NO_TIME;
            double prevM = Double.NaN;
            for (int i = 0; i < s.detCount[slot]; i++) {
                final long ti = s.detTime[base + i];
                if (ti > t) {
                    break; // sorted: later points belong to later observations
                }
                final double m = s.detMag[base + i];
                brightest = Double.isNaN(brightest) ? m : Math.min(brightest, m);
                faintest = Double.isNaN(faintest) ? m : Math.max(faintest, m);
                if (prevT != ObservationRecord.NO_TIME && ti - prevT >= minGap) {
                    final double rate = (prevM - m) / ((ti - prevT) / NANOS_PER_DAY);
                    out.maxRiseRate = Double.isNaN(out.maxRiseRate) ? rate : Math.max(out.maxRiseRate, rate);
                    out.maxFadeRate = Double.isNaN(out.maxFadeRate) ? -rate : Math.max(out.maxFadeRate, -rate);
                }
                if (prevT == ObservationRecord.NO_TIME || ti - prevT >= minGap) {
                    prevT = ti;
                    prevM = m;
                }
                if (b == band && ti <= t - minGap) {
                    out.rate = (m - o.value) / ((t - ti) / NANOS_PER_DAY);
                    out.rateBaselineDays = (t - ti) / NANOS_PER_DAY;
                }
                if (b == g) {
                    latestG = m;
                    latestGTime = ti;
                } else if (b == r) {
                    latestR = m;
                    latestRTime = ti;
                }
            }
            if (b == band && Double.isNaN(out.rate)) {
                final int lb = slot * ObjectState.LIMITS;
                for (int i = s.limCount[slot] - 1; i >= 0; i--) {
                    final long ti = s.limTime[lb + i];
                    if (ti <= t - minGap) {
                        if (s.limMag[lb + i] > o.value) {
                            out.rateFromLimit = (s.limMag[lb + i] - o.value) / ((t - ti) / NANOS_PER_DAY);
                            out.rateFromLimitBaselineDays = (t - ti) / NANOS_PER_DAY;
                        }
                        break;
                    }
                }
            }
        }
        if (!Double.isNaN(brightest)) {
            out.amplitude = faintest - brightest;
            out.fromPeak = o.value - brightest;
        }
        if (latestGTime != ObservationRecord.NO_TIME && latestRTime != ObservationRecord.NO_TIME
                && Math.abs(latestGTime - latestRTime) <= COLOUR_MAX_SEPARATION_DAYS * NANOS_PER_DAY) {
            out.colourGr = latestG - latestR;
        }
    }

    private long latestLimitBefore(final long t) {
        long best = ObservationRecord.NO_TIME;
        for (int slot = 0; slot < ObjectState.BANDS; slot++) {
            final int lb = slot * ObjectState.LIMITS;
            for (int i = 0; i < state.limCount[slot]; i++) {
                final long ti = state.limTime[lb + i];
                if (ti <= t && (best == ObservationRecord.NO_TIME || ti > best)) {
                    best = ti;
                }
            }
        }
        return best;
    }

    /** The map key of an observation: its object id, else its 1.5-arcsec sky cell. No allocation. */
    public static void keyOf(final ObservationRecord o, final FixedAscii into) {
        if (!o.objectId.isEmpty()) {
            into.set(o.objectId);
            return;
        }
        final double cell = CELL_ARCSEC / 3600.0;
        final long decCell = (long) Math.floor((o.decDeg + 90.0) / cell);
        final double cosDec = Math.max(1e-6, Math.cos(Math.toRadians(o.decDeg)));
        final long raCell = (long) Math.floor(o.raDeg * cosDec / cell);
        into.clear();
        into.append("pos:").append(decCell).append(':').append(raCell);
    }

    @Override
    public void close() {
        map.close();
    }
}
