package org.skyring.journal;

/**
 * The true nature of a generated (synthetic) observation, carried through the journal so that a demo can score
 * the pipeline against ground truth. Real data carries {@link #NONE}. Decisions never read this field.
 */
public enum TruthLabel {
    NONE,
    /** Malformed input: must end in the dead-letter queue. */
    INVALID,
    /** Fails the real/bogus or PSF-shape quality cuts. */
    BOGUS,
    /** Known star or variable star in the catalog. */
    KNOWN_STAR,
    /** Known solar-system object (ssdistnr within 5 arcsec). */
    KNOWN_ASTEROID,
    /** Instrument artifact: satellite trail, hot pixel, cosmic ray, chip edge. */
    ARTIFACT,
    /** Supernova-like transient in a host galaxy, slow rise: a known transient type. */
    SUPERNOVA_LIKE,
    /** New, real, moderately significant transient without a class: standard review. */
    CANDIDATE,
    /** Genuine fast transient (kilonova/GRB afterglow-like): must come out critical. */
    FAST_TRANSIENT;

    private static final TruthLabel[] VALUES = values();

    public byte code() {
        return (byte) ordinal();
    }

    public static TruthLabel fromCode(final int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : NONE;
    }
}
