package org.skyring.journal;

/**
 * What kind of quantity {@link ObservationRecord#value} holds. The unit is fixed by the type, never a free-form
 * string, so a rule can never compare magnitudes with janskys.
 */
public enum MeasurementType {
    /** Optical/IR photometry: value is an AB magnitude in {@link ObservationRecord#band}. */
    OPTICAL_PHOTOMETRY(1, "mag"),
    /** Radio: value is a flux density in millijansky at {@link ObservationRecord#frequencyGhz}. */
    RADIO(2, "mJy"),
    /** X-ray: value is a count rate in counts/s between energyLowKev and energyHighKev. */
    XRAY(3, "count/s"),
    /** Archival measurement (plates, catalogue epochs): value is a magnitude in {@link ObservationRecord#band}. */
    ARCHIVAL(4, "mag"),
    /**
     * A GCN / VOEvent notice (GRB, GW, neutrino trigger), journaled like an observation so that replay sees it at
     * the same place in the stream (schema v3). Position = trigger position, positionUncertaintyArcsec = error
     * radius (NaN: no position, the notice matches nothing), observationTime = event (trigger) time; value unused.
     */
    NOTICE(5, "notice");

    private static final MeasurementType[] BY_CODE = new MeasurementType[8];

    static {
        for (final MeasurementType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final byte code;
    private final String unit;

    MeasurementType(final int code, final String unit) {
        this.code = (byte) code;
        this.unit = unit;
    }

    public byte code() {
        return code;
    }

    public String unit() {
        return unit;
    }

    /** True when value is a magnitude (smaller = brighter), so rates and errors are in mag. */
    public boolean isMagnitude() {
        return this == OPTICAL_PHOTOMETRY || this == ARCHIVAL;
    }

    /** Null for an unknown code, so that a reader can report it rather than throw. */
    public static MeasurementType fromCode(final int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
