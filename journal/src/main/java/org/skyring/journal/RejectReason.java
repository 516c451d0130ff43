package org.skyring.journal;

/** Why validation sent an observation to the dead-letter queue. Several can apply to one observation. */
public enum RejectReason {
    MISSING_ID,
    MISSING_FACILITY,
    MISSING_OBSERVATION_TIME,
    OBSERVATION_AFTER_RECEIVED,
    RA_OUT_OF_RANGE,
    DEC_OUT_OF_RANGE,
    NON_FINITE_VALUE,
    UNCERTAINTY_NOT_POSITIVE,
    PHOTOMETRIC_ERROR_OUT_OF_RANGE,
    MISSING_MEASUREMENT,
    INVALID_BAND,
    OVERSIZE_FIELD,
    UNKNOWN_SCHEMA_VERSION,
    MALFORMED_FIELD;

    private static final RejectReason[] VALUES = values();

    /** Computed once: validation writes the key into every reject detail on the hot path. */
    private final String key = name().toLowerCase(java.util.Locale.ROOT);

    public long mask() {
        return 1L << ordinal();
    }

    public boolean isIn(final long reasons) {
        return (reasons & mask()) != 0;
    }

    /** Summary key: "ra_out_of_range". */
    public String key() {
        return key;
    }

    public static RejectReason[] all() {
        return VALUES.clone();
    }
}
