package org.skyring.adapters.generator;

import java.util.SplittableRandom;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.TruthLabel;

/**
 * A synthetic observing night with ground truth: deterministic for a (catalog, seed, start) triple, allocation-free
 * per observation once warmed up, so it serves as both the demo feed and the load generator.
 *
 * <h2>Shape of the night</h2>
 * The night is a sequence of 30 s cycles starting at {@code startEpochNanos}. In each cycle every {@link Facility}
 * delivers one exposure, in enum order: ZTF 660 detections, Rubin 200, VLASS 80, Swift-XRT 60 (stream shares
 * 66 / 20 / 8 / 6 %, exact per cycle). Detections of an exposure share its exposureId, filter, seeing, airmass and
 * mid-exposure time ({@code cycle end - exposure/2}), so observation times never pass the generator's clock
 * ({@link #clockNanos()}, the end of the current cycle). Received time is never set: the engine stamps it.
 * Optical fields are centred half of the time on a random catalog star (stars crowd the galactic plane, so fields
 * do too) and half uniformly in the facility's declination band (ZTF dec > -30, Rubin dec < +30).
 *
 * <h2>Label mix (fractions of the whole stream)</h2>
 * INVALID 1 %, BOGUS 20 %, KNOWN_STAR 38 %, KNOWN_ASTEROID 9.4 % (together 60 % of what is neither invalid nor
 * bogus), ARTIFACT 3.2 % (10 % of the rest), SUPERNOVA_LIKE 8 %, FAST_TRANSIENT 0.75 %, CANDIDATE the remaining
 * 19.65 %. Radio and X-ray detections are 1 % INVALID, 55 % KNOWN_STAR, 42 % CANDIDATE, 2 % FAST_TRANSIENT (no
 * bogus, asteroids, CCD artifacts or hosts there); the optical mix is scaled so that the stream totals come out as
 * above. Exposure-level artifacts (hot pixels in every optical exposure, a satellite trail in some) are taken out
 * of the artifact share so it stays at 3.2 %. What each label looks like is documented in {@link DetectionFiller}.
 *
 * <h2>Conventions</h2>
 * For radio and X-ray, {@code previous*}, {@code detectionCount} and {@code firstDetectionTime} are absent except
 * for FAST_TRANSIENT, where {@code previousMag} holds the previous VALUE in the record's own unit (mJy or
 * count/s), not a magnitude, so the rise is {@code -2.5 log10(value / previousMag) / days <= -1}. Detector x/y are
 * drawn independently of the sky position: nothing downstream maps pixels to sky, and it keeps hot pixels
 * (fixed pixel, moving sky) and chip edges simple. {@code sourcePartition} is the facility's ordinal and
 * {@code sourceOffset} the 0-based position in the stream.
 *
 * <p>Not thread-safe: one generator per ingest thread.
 */
public final class NightGenerator {
    public static final String ADAPTER = "generator";
    public static final long CYCLE_NANOS = 30_000_000_000L;

    static final TruthLabel[] LABELS = TruthLabel.values();
    /** Target fractions of the whole stream, by TruthLabel ordinal. */
    static final double[] STREAM_FRACTIONS = new double[LABELS.length];
    /** Label mix of radio and X-ray detections. */
    static final double[] NON_OPTICAL_FRACTIONS = new double[LABELS.length];
    /** Label mix of optical detections, derived so that the stream totals match STREAM_FRACTIONS. */
    static final double[] OPTICAL_FRACTIONS = new double[LABELS.length];

    /** Hot pixels emitting in every exposure, and the chance of one satellite trail per exposure. */
    static final int ZTF_HOT_PIXELS = 3;
    static final int RUBIN_HOT_PIXELS = 1;
    static final double ZTF_TRAIL_CHANCE = 0.30;
    static final double RUBIN_TRAIL_CHANCE = 0.20;
    static final int TRAIL_MIN = 6;
    static final int TRAIL_MAX = 10;

    static {
        STREAM_FRACTIONS[TruthLabel.INVALID.ordinal()] = 0.010;
        STREAM_FRACTIONS[TruthLabel.BOGUS.ordinal()] = 0.200;
        STREAM_FRACTIONS[TruthLabel.KNOWN_STAR.ordinal()] = 0.380;
        STREAM_FRACTIONS[TruthLabel.KNOWN_ASTEROID.ordinal()] = 0.094;
        STREAM_FRACTIONS[TruthLabel.ARTIFACT.ordinal()] = 0.032;
        STREAM_FRACTIONS[TruthLabel.SUPERNOVA_LIKE.ordinal()] = 0.080;
        STREAM_FRACTIONS[TruthLabel.FAST_TRANSIENT.ordinal()] = 0.0075;
        STREAM_FRACTIONS[TruthLabel.CANDIDATE.ordinal()] = 0.1965;
        NON_OPTICAL_FRACTIONS[TruthLabel.INVALID.ordinal()] = 0.01;
        NON_OPTICAL_FRACTIONS[TruthLabel.KNOWN_STAR.ordinal()] = 0.55;
        NON_OPTICAL_FRACTIONS[TruthLabel.FAST_TRANSIENT.ordinal()] = 0.02;
        NON_OPTICAL_FRACTIONS[TruthLabel.CANDIDATE.ordinal()] = 0.42;
        double optical = 0;
        for (final Facility f : Facility.VALUES) {
            optical += f.isOptical() ? f.detectionsPerCycle : 0;
        }
        final double opticalShare = optical / Facility.DETECTIONS_PER_CYCLE;
        for (int l = 0; l < LABELS.length; l++) {
            OPTICAL_FRACTIONS[l] = (STREAM_FRACTIONS[l] - (1 - opticalShare) * NON_OPTICAL_FRACTIONS[l]) / opticalShare;
        }
    }

    final SkyCatalog catalog;
    final SplittableRandom rng;
    final long seed;
    final long startEpochNanos;
    /** Eight hex digits of the seed in every observation id, so nights with different seeds never collide. */
    final String seedTag;
    final Exposure exposure;
    private final DetectionFiller filler;
    /** Cumulative label thresholds for a normal (non-exposure-artifact) slot, per facility ordinal. */
    private final double[][] cumulative = new double[Facility.VALUES.length][LABELS.length];
    private final long[] counts = new long[LABELS.length];
    /** Every catalog star / variable star and galaxy: fallback when a field has none, and radio/X-ray picks. */
    final int[] allStars;
    final int[] allGalaxies;
    /** Per facility: hot pixel detector, x, y (fixed for the night). */
    final int[][] hotDetector = new int[Facility.VALUES.length][];
    final double[][] hotX = new double[Facility.VALUES.length][];
    final double[][] hotY = new double[Facility.VALUES.length][];
    private final double[] scratchPos = new double[2];
    private long cycle = -1;
    private int facilityIndex = Facility.VALUES.length - 1;
    long sequence;

    public NightGenerator(final SkyCatalog catalog, final long seed, final long startEpochNanos) {
        this.catalog = catalog;
        this.seed = seed;
        this.rng = new SplittableRandom(seed);
        this.startEpochNanos = startEpochNanos;
        this.seedTag = String.format("%08x", (int) (seed ^ (seed >>> 32)));
        int nStars = 0;
        int nGalaxies = 0;
        for (int i = 0; i < catalog.size(); i++) {
            final SourceType t = catalog.type(i);
            nStars += t == SourceType.STAR || t == SourceType.VARIABLE_STAR ? 1 : 0;
            nGalaxies += t == SourceType.GALAXY ? 1 : 0;
        }
        allStars = new int[nStars];
        allGalaxies = new int[nGalaxies];
        nStars = 0;
        nGalaxies = 0;
        for (int i = 0; i < catalog.size(); i++) {
            final SourceType t = catalog.type(i);
            if (t == SourceType.STAR || t == SourceType.VARIABLE_STAR) {
                allStars[nStars++] = i;
            } else if (t == SourceType.GALAXY) {
                allGalaxies[nGalaxies++] = i;
            }
        }
        // Room for a dense (galactic-plane) ZTF field up front: a growing ConeResult would allocate mid-night.
        final double fieldShare = Math.PI * Facility.ZTF.fieldRadiusDeg * Facility.ZTF.fieldRadiusDeg / 41253.0;
        exposure = new Exposure((int) Math.min(catalog.size() + 1L, 256 + 8 * fieldShare * catalog.size()));
        for (final Facility f : Facility.VALUES) {
            final int hot = hotPixels(f);
            hotDetector[f.ordinal()] = new int[hot];
            hotX[f.ordinal()] = new double[hot];
            hotY[f.ordinal()] = new double[hot];
            for (int h = 0; h < hot; h++) {
                hotDetector[f.ordinal()][h] = rng.nextInt(f.detectors);
                hotX[f.ordinal()][h] = 100 + rng.nextInt(f.detectorWidthPx - 200);
                hotY[f.ordinal()][h] = 100 + rng.nextInt(f.detectorHeightPx - 200);
            }
            buildThresholds(f);
        }
        filler = new DetectionFiller(this);
    }

    static int hotPixels(final Facility f) {
        return f == Facility.ZTF ? ZTF_HOT_PIXELS : f == Facility.RUBIN ? RUBIN_HOT_PIXELS : 0;
    }

    static double trailChance(final Facility f) {
        return f == Facility.ZTF ? ZTF_TRAIL_CHANCE : f == Facility.RUBIN ? RUBIN_TRAIL_CHANCE : 0;
    }

    /**
     * Exposure-level artifacts fill a share g of the facility's slots; the other slots draw labels from the mix
     * rescaled by 1/(1-g), with the artifact share reduced by g, so every label lands on its target fraction.
     */
    private void buildThresholds(final Facility f) {
        final double[] mix = f.isOptical() ? OPTICAL_FRACTIONS : NON_OPTICAL_FRACTIONS;
        final double g = (hotPixels(f) + trailChance(f) * (TRAIL_MIN + TRAIL_MAX) / 2.0) / f.detectionsPerCycle;
        double sum = 0;
        for (int l = 0; l < LABELS.length; l++) {
            final double p = l == TruthLabel.ARTIFACT.ordinal() ? Math.max(0, mix[l] - g) : mix[l];
            sum += p / (1 - g);
            cumulative[f.ordinal()][l] = sum;
        }
        cumulative[f.ordinal()][LABELS.length - 1] = Double.POSITIVE_INFINITY; // rounding never falls off the end
    }

    /** Fills {@code into} with the next observation of the night (clearing it first). Never runs out. */
    public void next(final ObservationRecord into) {
        final Exposure e = exposure;
        if (e.facility == null || e.slot >= e.size) {
            nextExposure();
        }
        into.clear();
        final TruthLabel label;
        if (e.isHotPixelSlot()) {
            label = filler.hotPixel(into, e.slot);
        } else if (e.isTrailSlot()) {
            label = filler.trailPoint(into, e.slot - e.trailStart);
        } else {
            final double u = rng.nextDouble();
            final double[] c = cumulative[e.facility.ordinal()];
            int l = 0;
            while (u >= c[l]) {
                l++;
            }
            label = filler.fill(into, LABELS[l]);
        }
        into.truthLabel = label;
        into.adapter.set(ADAPTER);
        into.sourcePartition = e.facility.ordinal();
        into.sourceOffset = sequence;
        counts[label.ordinal()]++;
        sequence++;
        e.slot++;
    }

    private void nextExposure() {
        final Exposure e = exposure;
        facilityIndex++;
        if (facilityIndex == Facility.VALUES.length) {
            facilityIndex = 0;
            cycle++;
        }
        final Facility f = Facility.VALUES[facilityIndex];
        e.facility = f;
        e.exposureId = (f.ordinal() + 1) * 1_000_000_000L + cycle;
        e.clockNanos = startEpochNanos + (cycle + 1) * CYCLE_NANOS;
        e.obsTimeNanos = e.clockNanos - (long) (f.exposureSec * 500_000_000L);
        e.size = f.detectionsPerCycle;
        e.slot = 0;
        e.band = f.bands[rng.nextInt(f.bands.length)];
        e.airmass = f.isOptical() ? 1.0 + rng.nextDouble() : Double.NaN;
        e.seeingArcsec = f == Facility.ZTF ? 1.6 + 1.6 * rng.nextDouble()
                : f == Facility.RUBIN ? 0.45 + 0.27 * rng.nextDouble() : Double.NaN;
        pointField(e);
        e.findFieldSources(catalog);
        e.hotPixels = hotPixels(f);
        e.trailLength = 0;
        e.trailStart = 0;
        if (rng.nextDouble() < trailChance(f)) {
            e.trailLength = TRAIL_MIN + rng.nextInt(TRAIL_MAX - TRAIL_MIN + 1);
            e.trailStart = e.hotPixels + rng.nextInt(e.size - e.hotPixels - e.trailLength + 1);
            filler.planTrail(e);
        }
    }

    /** Field centre: half the time a random catalog star (crowding fields toward the plane), else uniform. */
    private void pointField(final Exposure e) {
        final Facility f = e.facility;
        if (f.isOptical() && rng.nextDouble() < 0.5) {
            final int star = pick(allStars, allStars.length, f);
            if (star >= 0) {
                e.ra = catalog.raDeg(star);
                e.dec = catalog.decDeg(star);
                return;
            }
        }
        uniformInBand(f, scratchPos);
        e.ra = scratchPos[0];
        e.dec = scratchPos[1];
    }

    void uniformInBand(final Facility f, final double[] out) {
        final double lo = StrictMath.sin(Math.toRadians(f.centreDecMin));
        final double hi = StrictMath.sin(Math.toRadians(f.centreDecMax));
        out[0] = 360.0 * rng.nextDouble();
        out[1] = Math.toDegrees(StrictMath.asin(uniform(lo, hi)));
    }

    /** A random entry of {@code list} whose dec is a valid field centre for {@code f}, or -1. */
    int pick(final int[] list, final int n, final Facility f) {
        for (int t = 0; n > 0 && t < 16; t++) { // bounded: a seed must never spin
            final int i = list[rng.nextInt(n)];
            final double dec = catalog.decDeg(i);
            if (dec >= f.centreDecMin && dec <= f.centreDecMax) {
                return i;
            }
        }
        return -1;
    }

    private double uniform(final double lo, final double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    public SkyCatalog catalog() {
        return catalog;
    }

    public long seed() {
        return seed;
    }

    public long startEpochNanos() {
        return startEpochNanos;
    }

    /** The generator's "now": end of the current 30 s cycle. No observation time exceeds it except INVALID ones. */
    public long clockNanos() {
        return exposure.facility == null ? startEpochNanos : exposure.clockNanos;
    }

    /** Observations generated so far. */
    public long generated() {
        return sequence;
    }

    /** Ground-truth counts of the observations generated so far, indexed by {@link TruthLabel#ordinal()}. */
    public long[] countsByLabel() {
        return counts.clone();
    }

    public long count(final TruthLabel label) {
        return counts[label.ordinal()];
    }

    /** The documented target fraction of the stream for {@code label}. */
    public static double targetFraction(final TruthLabel label) {
        return STREAM_FRACTIONS[label.ordinal()];
    }
}
