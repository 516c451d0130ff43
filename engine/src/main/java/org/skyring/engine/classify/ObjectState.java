package org.skyring.engine.classify;

import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesMarshallable;
import net.openhft.chronicle.bytes.BytesOut;
import org.skyring.journal.ObservationRecord;

/**
 * What the engine remembers about one astronomical object between observations: the value of the object-history
 * Chronicle Map. Fixed size (every array has a fixed length and is always written whole), so the map stores it
 * with a constant value size and {@code getUsing} reads it into one reused instance: no allocation per
 * observation.
 *
 * <p>Per band slot (up to {@link #BANDS} bands per object) it keeps the {@link #DETECTIONS} most recent
 * detections and the {@link #LIMITS} most recent upper limits, each sorted by time; plus whole-object
 * aggregates (first/last detection, peak, detection count, last non-detection) and the last input-journal index
 * applied, which makes re-applying a replayed observation after a crash a no-op.
 */
public final class ObjectState implements BytesMarshallable {
    public static final int BANDS = 3;
    public static final int DETECTIONS = 4;
    public static final int LIMITS = 2;
    /** Bumped when the layout changes; a map file of another layout is refused at open. */
    static final int LAYOUT_VERSION = 1;

    long lastAppliedInput = -1;
    int detections;
    long firstDetectionNanos = ObservationRecord.NO_TIME;
    long lastDetectionNanos = ObservationRecord.NO_TIME;
    float peakMag = Float.NaN;
    byte peakBand;
    long peakTimeNanos = ObservationRecord.NO_TIME;
    long lastNonDetectionNanos = ObservationRecord.NO_TIME;
    float lastNonDetectionMag = Float.NaN;

    /** Band code per slot; 0 ({@code Band.NONE}) marks a free slot. */
    final byte[] bandCode = new byte[BANDS];
    final byte[] detCount = new byte[BANDS];
    final long[] detTime = new long[BANDS * DETECTIONS];
    final float[] detMag = new float[BANDS * DETECTIONS];
    final float[] detErr = new float[BANDS * DETECTIONS];
    final byte[] limCount = new byte[BANDS];
    final long[] limTime = new long[BANDS * LIMITS];
    final float[] limMag = new float[BANDS * LIMITS];

    public void clear() {
        lastAppliedInput = -1;
        detections = 0;
        firstDetectionNanos = ObservationRecord.NO_TIME;
        lastDetectionNanos = ObservationRecord.NO_TIME;
        peakMag = Float.NaN;
        peakBand = 0;
        peakTimeNanos = ObservationRecord.NO_TIME;
        lastNonDetectionNanos = ObservationRecord.NO_TIME;
        lastNonDetectionMag = Float.NaN;
        java.util.Arrays.fill(bandCode, (byte) 0);
        java.util.Arrays.fill(detCount, (byte) 0);
        java.util.Arrays.fill(limCount, (byte) 0);
        java.util.Arrays.fill(detTime, 0L);
        java.util.Arrays.fill(detMag, 0f);
        java.util.Arrays.fill(detErr, 0f);
        java.util.Arrays.fill(limTime, 0L);
        java.util.Arrays.fill(limMag, 0f);
    }

    public long lastAppliedInput() {
        return lastAppliedInput;
    }

    public int detections() {
        return detections;
    }

    public long firstDetectionNanos() {
        return firstDetectionNanos;
    }

    public long lastDetectionNanos() {
        return lastDetectionNanos;
    }

    public double peakMag() {
        return peakMag;
    }

    public long lastNonDetectionNanos() {
        return lastNonDetectionNanos;
    }

    public double lastNonDetectionMag() {
        return lastNonDetectionMag;
    }

    /** Slot of {@code band}, creating it when free; -1 when all slots hold other bands. */
    int slot(final byte band, final boolean create) {
        for (int s = 0; s < BANDS; s++) {
            if (bandCode[s] == band) {
                return s;
            }
        }
        if (!create) {
            return -1;
        }
        for (int s = 0; s < BANDS; s++) {
            if (bandCode[s] == 0) {
                bandCode[s] = band;
                return s;
            }
        }
        return -1;
    }

    /**
     * Inserts a detection into its band slot, time-sorted, keeping the newest {@link #DETECTIONS}.
     * @return false when the point is already held or older than everything held in a full slot
     */
    boolean addDetection(final int slot, final long t, final float mag, final float err) {
        final int base = slot * DETECTIONS;
        final int n = detCount[slot];
        for (int i = 0; i < n; i++) {
            if (detTime[base + i] == t) {
                return false;
            }
        }
        if (n == DETECTIONS) {
            if (t <= detTime[base]) {
                return false;
            }
            // drop the oldest (index 0), shift left, then insert
            System.arraycopy(detTime, base + 1, detTime, base, n - 1);
            System.arraycopy(detMag, base + 1, detMag, base, n - 1);
            System.arraycopy(detErr, base + 1, detErr, base, n - 1);
            detCount[slot] = (byte) (n - 1);
        }
        int i = detCount[slot];
        while (i > 0 && detTime[base + i - 1] > t) {
            detTime[base + i] = detTime[base + i - 1];
            detMag[base + i] = detMag[base + i - 1];
            detErr[base + i] = detErr[base + i - 1];
            i--;
        }
        detTime[base + i] = t;
        detMag[base + i] = mag;
        detErr[base + i] = err;
        detCount[slot]++;
        return true;
    }

    boolean addLimit(final int slot, final long t, final float limitMag) {
        final int base = slot * LIMITS;
        final int n = limCount[slot];
        for (int i = 0; i < n; i++) {
            if (limTime[base + i] == t) {
                return false;
            }
        }
        if (n == LIMITS) {
            if (t <= limTime[base]) {
                return false;
            }
            System.arraycopy(limTime, base + 1, limTime, base, n - 1);
            System.arraycopy(limMag, base + 1, limMag, base, n - 1);
            limCount[slot] = (byte) (n - 1);
        }
        int i = limCount[slot];
        while (i > 0 && limTime[base + i - 1] > t) {
            limTime[base + i] = limTime[base + i - 1];
            limMag[base + i] = limMag[base + i - 1];
            i--;
        }
        limTime[base + i] = t;
        limMag[base + i] = limitMag;
        limCount[slot]++;
        return true;
    }

    @Override
    public void readMarshallable(final BytesIn<?> in) {
        final int layout = in.readInt();
        if (layout != LAYOUT_VERSION) {
            throw new IllegalStateException("object-history entry layout " + layout + " is not readable by this build ("
                    + LAYOUT_VERSION + ")");
        }
        lastAppliedInput = in.readLong();
        detections = in.readInt();
        firstDetectionNanos = in.readLong();
        lastDetectionNanos = in.readLong();
        peakMag = in.readFloat();
        peakBand = in.readByte();
        peakTimeNanos = in.readLong();
        lastNonDetectionNanos = in.readLong();
        lastNonDetectionMag = in.readFloat();
        for (int s = 0; s < BANDS; s++) {
            bandCode[s] = in.readByte();
            detCount[s] = in.readByte();
            limCount[s] = in.readByte();
        }
        for (int i = 0; i < BANDS * DETECTIONS; i++) {
            detTime[i] = in.readLong();
            detMag[i] = in.readFloat();
            detErr[i] = in.readFloat();
        }
        for (int i = 0; i < BANDS * LIMITS; i++) {
            limTime[i] = in.readLong();
            limMag[i] = in.readFloat();
        }
    }

    @Override
    public void writeMarshallable(final BytesOut<?> out) {
        out.writeInt(LAYOUT_VERSION);
        out.writeLong(lastAppliedInput);
        out.writeInt(detections);
        out.writeLong(firstDetectionNanos);
        out.writeLong(lastDetectionNanos);
        out.writeFloat(peakMag);
        out.writeByte(peakBand);
        out.writeLong(peakTimeNanos);
        out.writeLong(lastNonDetectionNanos);
        out.writeFloat(lastNonDetectionMag);
        for (int s = 0; s < BANDS; s++) {
            out.writeByte(bandCode[s]);
            out.writeByte(detCount[s]);
            out.writeByte(limCount[s]);
        }
        for (int i = 0; i < BANDS * DETECTIONS; i++) {
            out.writeLong(detTime[i]);
            out.writeFloat(detMag[i]);
            out.writeFloat(detErr[i]);
        }
        for (int i = 0; i < BANDS * LIMITS; i++) {
            out.writeLong(limTime[i]);
            out.writeFloat(limMag[i]);
        }
    }

    /** Same content (floats compared by bits): the determinism tests compare states this way. */
    public boolean contentEquals(final ObjectState o) {
        return lastAppliedInput == o.lastAppliedInput && detections == o.detections
                && firstDetectionNanos == o.firstDetectionNanos && lastDetectionNanos == o.lastDetectionNanos
                && Float.floatToIntBits(peakMag) == Float.floatToIntBits(o.peakMag) && peakBand == o.peakBand
                && peakTimeNanos == o.peakTimeNanos && lastNonDetectionNanos == o.lastNonDetectionNanos
                && Float.floatToIntBits(lastNonDetectionMag) == Float.floatToIntBits(o.lastNonDetectionMag)
                && java.util.Arrays.equals(bandCode, o.bandCode) && java.util.Arrays.equals(detCount, o.detCount)
                && java.util.Arrays.equals(detTime, o.detTime) && java.util.Arrays.equals(detMag, o.detMag)
                && java.util.Arrays.equals(detErr, o.detErr) && java.util.Arrays.equals(limCount, o.limCount)
                && java.util.Arrays.equals(limTime, o.limTime) && java.util.Arrays.equals(limMag, o.limMag);
    }
}
