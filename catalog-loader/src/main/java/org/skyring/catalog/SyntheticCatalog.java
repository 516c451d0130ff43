package org.skyring.catalog;

import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * Deterministic synthetic catalogs for load tests, benchmarks and demos, at any size.
 *
 * <p>Roughly the shape of a real all-sky catalog, so cone-search cost is realistic: stars (and variable
 * stars, cataclysmic variables) crowd toward the galactic plane, extragalactic sources are isotropic, and
 * faint sources outnumber bright ones. Positions are drawn in galactic coordinates and rotated to ICRS.
 *
 * <p>The same (count, seed) gives the same catalog, source for source, on any JVM: {@link SplittableRandom}'s
 * algorithm is specified, and every draw happens in a fixed order per source.
 */
public final class SyntheticCatalog {

    /** Share of plane-concentrated (stellar) sources drawn from the thin disk; the rest are isotropic. */
    private static final double DISK_FRACTION = 0.75;
    /** Exponential scale height of the disk in galactic latitude, degrees. */
    private static final double DISK_SCALE_DEG = 10.0;
    private static final double MAG_BRIGHT = 8.0;
    private static final double MAG_FAINT = 21.0;
    /** Euclidean number counts, N(<m) ~ 10^(0.6 m), flattened to ~10^(0.3 m) as real star counts are. */
    private static final double MAG_SLOPE = 0.3 * Math.log(10.0);

    private SyntheticCatalog() {
    }

    /**
     * A catalog of {@code count} sources, ids {@code "SYN 0"} to {@code "SYN <count-1>"}, version
     * {@code "synthetic-<count>-<seed>"}. Type mix: 70% star, 10% variable star, 15% galaxy, 2% AGN,
     * 1% cataclysmic variable, 2% other; magnitudes in [8, 21].
     */
    public static SkyCatalog generate(int count, long seed) {
        return generate(count, seed, new SkyCatalog.Builder());
    }

    /** As {@link #generate(int, long)}, into a given builder (tests use one with a different grid). */
    static SkyCatalog generate(int count, long seed, SkyCatalog.Builder builder) {
        return builder.build(addTo(builder, count, seed, fraction -> { }));
    }

    /**
     * Adds the {@code count} sources of {@link #generate(int, long)} to {@code builder} (origin "synthetic"),
     * reporting the fraction done to {@code progress} every 65,536 sources; returns the version the catalog
     * should carry ({@code "synthetic-<count>-<seed>"}). {@code skyring catalog build --synthetic N} uses
     * this to write the same sky the demo generates.
     */
    public static String addTo(SkyCatalog.Builder builder, int count, long seed, DoubleConsumer progress) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        CatalogEntry entry = new CatalogEntry();
        byte origin = builder.origin("synthetic");
        double[] raDec = new double[2];
        for (int i = 0; i < count; i++) {
            SourceType type = drawType(random.nextDouble());
            double l = 360.0 * random.nextDouble();
            double b = concentratedInPlane(type) ? drawStellarLatitude(random) : drawIsotropicLatitude(random);
            SkyMath.galacticToEquatorial(l, b, raDec);
            entry.clear();
            entry.id = "SYN " + i;
            entry.raDeg = raDec[0];
            entry.decDeg = raDec[1];
            entry.type = type;
            entry.mag = drawMagnitude(random);
            entry.origin = origin;
            builder.add(entry);
            if ((i & 0xffff) == 0xffff) {
                progress.accept((i + 1) / (double) count);
            }
        }
        progress.accept(1.0);
        return version(count, seed);
    }

    /** Version of the synthetic catalog of {@code count} sources and {@code seed}. */
    public static String version(int count, long seed) {
        return "synthetic-" + count + "-" + seed;
    }

    private static SourceType drawType(double u) {
        if (u < 0.70) {
            return SourceType.STAR;
        } else if (u < 0.80) {
            return SourceType.VARIABLE_STAR;
        } else if (u < 0.95) {
            return SourceType.GALAXY;
        } else if (u < 0.97) {
            return SourceType.AGN;
        } else if (u < 0.98) {
            return SourceType.CATACLYSMIC_VARIABLE;
        }
        return SourceType.OTHER;
    }

    private static boolean concentratedInPlane(SourceType type) {
        return type == SourceType.STAR || type == SourceType.VARIABLE_STAR
            || type == SourceType.CATACLYSMIC_VARIABLE;
    }

    private static double drawStellarLatitude(SplittableRandom random) {
        // Two draws always, so the stream position per source does not depend on which branch is taken.
        double mix = random.nextDouble();
        double u = random.nextDouble();
        if (mix >= DISK_FRACTION) {
            return isotropicLatitude(u);
        }
        double sign = u < 0.5 ? -1.0 : 1.0;
        double v = u < 0.5 ? 2.0 * u : 2.0 * u - 1.0;
        // Exponential in |b|, truncated at the pole by inverse CDF (no rejection loop, fixed draw count).
        double tail = 1.0 - StrictMath.exp(-90.0 / DISK_SCALE_DEG);
        return sign * -DISK_SCALE_DEG * StrictMath.log(1.0 - v * tail);
    }

    private static double drawIsotropicLatitude(SplittableRandom random) {
        random.nextDouble(); // keep two draws per latitude, as above
        return isotropicLatitude(random.nextDouble());
    }

    /** Uniform on the sphere: sin(b) uniform in [-1, 1]. */
    private static double isotropicLatitude(double u) {
        return Math.toDegrees(StrictMath.asin(2.0 * u - 1.0));
    }

    private static double drawMagnitude(SplittableRandom random) {
        double u = random.nextDouble();
        double span = StrictMath.expm1(MAG_SLOPE * (MAG_FAINT - MAG_BRIGHT));
        double m = MAG_BRIGHT + StrictMath.log1p(u * span) / MAG_SLOPE;
        return Math.min(MAG_FAINT, m);
    }
}
