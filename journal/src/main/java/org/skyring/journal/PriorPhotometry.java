package org.skyring.journal;

/**
 * The photometric history an alert packet carries for its object (ZTF {@code prv_candidates}, Rubin
 * {@code prvDiaSources} / {@code prvDiaForcedSources}): detections and upper limits before this observation.
 * Journaled with the observation (schema v3) so that the object-history stage is fed from the input journal and
 * replay rebuilds exactly the same state. Fixed capacity, preallocated: adapters keep the most recent
 * {@link #CAPACITY} points.
 *
 * <p>Units: magnitudes (AB) for both detections and limits; an upper limit stores its limiting magnitude in
 * {@link #mag(int)} and NaN as its error. Times are epoch nanoseconds (UTC), like every time in the record.
 */
public final class PriorPhotometry {
    /** ZTF keeps 30 days of history; 64 points cover a nightly-cadence month in three bands with room to spare. */
    public static final int CAPACITY = 64;

    private final long[] timeNanos = new long[CAPACITY];
    private final byte[] band = new byte[CAPACITY];
    private final double[] mag = new double[CAPACITY];
    private final double[] magError = new double[CAPACITY];
    private final boolean[] upperLimit = new boolean[CAPACITY];
    private int count;
    /** Points offered beyond capacity (the oldest were dropped), so a reader can tell the history is partial. */
    private int dropped;

    public int count() {
        return count;
    }

    public int dropped() {
        return dropped;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public long timeNanos(final int i) {
        return timeNanos[i];
    }

    public Band band(final int i) {
        final Band b = Band.fromCode(band[i]);
        return b == null ? Band.NONE : b;
    }

    public double mag(final int i) {
        return mag[i];
    }

    public double magError(final int i) {
        return magError[i];
    }

    public boolean isUpperLimit(final int i) {
        return upperLimit[i];
    }

    public void clear() {
        count = 0;
        dropped = 0;
    }

    /** Adds a detection. Beyond capacity the oldest point (smallest time) is replaced, so the newest are kept. */
    public void addDetection(final long timeNanos, final Band band, final double mag, final double magError) {
        add(timeNanos, band, mag, magError, false);
    }

    /** Adds a non-detection with its limiting magnitude. */
    public void addUpperLimit(final long timeNanos, final Band band, final double limitingMag) {
        add(timeNanos, band, limitingMag, Double.NaN, true);
    }

    private void add(final long t, final Band b, final double m, final double e, final boolean limit) {
        int slot = count;
        if (count == CAPACITY) {
            dropped++;
            slot = 0;
            for (int i = 1; i < CAPACITY; i++) {
                if (timeNanos[i] < timeNanos[slot]) {
                    slot = i;
                }
            }
            if (timeNanos[slot] >= t) {
                return; // older than everything kept
            }
        } else {
            count++;
        }
        timeNanos[slot] = t;
        band[slot] = (b == null ? Band.NONE : b).code();
        mag[slot] = m;
        magError[slot] = e;
        upperLimit[slot] = limit;
    }

    /** Sorts the points by time (insertion sort: at most 64, nearly always already ordered). */
    public void sortByTime() {
        for (int i = 1; i < count; i++) {
            final long t = timeNanos[i];
            final byte b = band[i];
            final double m = mag[i];
            final double e = magError[i];
            final boolean u = upperLimit[i];
            int j = i - 1;
            while (j >= 0 && timeNanos[j] > t) {
                timeNanos[j + 1] = timeNanos[j];
                band[j + 1] = band[j];
                mag[j + 1] = mag[j];
                magError[j + 1] = magError[j];
                upperLimit[j + 1] = upperLimit[j];
                j--;
            }
            timeNanos[j + 1] = t;
            band[j + 1] = b;
            mag[j + 1] = m;
            magError[j + 1] = e;
            upperLimit[j + 1] = u;
        }
    }

    public void copyFrom(final PriorPhotometry other) {
        count = other.count;
        dropped = other.dropped;
        System.arraycopy(other.timeNanos, 0, timeNanos, 0, count);
        System.arraycopy(other.band, 0, band, 0, count);
        System.arraycopy(other.mag, 0, mag, 0, count);
        System.arraycopy(other.magError, 0, magError, 0, count);
        System.arraycopy(other.upperLimit, 0, upperLimit, 0, count);
    }

    /** Same points in the same order (doubles compared by bits, so NaN equals NaN). */
    public boolean contentEquals(final PriorPhotometry other) {
        if (count != other.count || dropped != other.dropped) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (timeNanos[i] != other.timeNanos[i] || band[i] != other.band[i] || upperLimit[i] != other.upperLimit[i]
                    || Double.doubleToLongBits(mag[i]) != Double.doubleToLongBits(other.mag[i])
                    || Double.doubleToLongBits(magError[i]) != Double.doubleToLongBits(other.magError[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "PriorPhotometry[" + count + " points, " + dropped + " dropped]";
    }

    /** Codec support: sets point {@code i} directly (the codec writes points in stored order). */
    void setRaw(final int i, final long t, final byte b, final double m, final double e, final boolean limit) {
        timeNanos[i] = t;
        band[i] = b;
        mag[i] = m;
        magError[i] = e;
        upperLimit[i] = limit;
    }

    void setCounts(final int count, final int dropped) {
        this.count = count;
        this.dropped = dropped;
    }

    byte bandCode(final int i) {
        return band[i];
    }
}
