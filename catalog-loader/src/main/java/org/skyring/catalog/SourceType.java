package org.skyring.catalog;

/**
 * What a catalog source is. The byte {@link #code()} is what gets persisted (catalog files, Chronicle Map
 * values, journals), so codes are fixed here explicitly and must never be renumbered or reused; the enum's
 * ordinal is free to change when constants are added.
 */
public enum SourceType {
    STAR((byte) 1),
    VARIABLE_STAR((byte) 2),
    GALAXY((byte) 3),
    AGN((byte) 4),
    CATACLYSMIC_VARIABLE((byte) 5),
    SOLAR_SYSTEM((byte) 6),
    OTHER((byte) 7);

    // Lookup table instead of values() so fromCode never allocates (values() clones its array per call).
    private static final SourceType[] BY_CODE = new SourceType[128];

    static {
        for (SourceType type : values()) {
            if (BY_CODE[type.code] != null) {
                throw new ExceptionInInitializerError("duplicate SourceType code " + type.code);
            }
            BY_CODE[type.code] = type;
        }
    }

    private final byte code;

    SourceType(byte code) {
        this.code = code;
    }

    /** Stable persisted code of this type. */
    public byte code() {
        return code;
    }

    /** Lower-case name used in config, CSV files and JSON output ({@code variable_star}, {@code agn}...). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The type named {@code text}: a {@link #key()} (any case) or an alias ({@code qso} = AGN, {@code cv},
     * {@code var}, {@code sso}); null if none matches. Cold path (config and CSV loading).
     */
    public static SourceType parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "qso":
            case "agn/qso":
                return AGN;
            case "cv":
                return CATACLYSMIC_VARIABLE;
            case "var":
            case "variable":
                return VARIABLE_STAR;
            case "sso":
                return SOLAR_SYSTEM;
            default:
                for (SourceType type : values()) {
                    if (type.key().equals(t)) {
                        return type;
                    }
                }
                return null;
        }
    }

    /**
     * The type persisted as {@code code}.
     *
     * @throws IllegalArgumentException if no type has that code (a corrupt or newer catalog)
     */
    public static SourceType fromCode(byte code) {
        SourceType type = code >= 0 ? BY_CODE[code] : null;
        if (type == null) {
            throw new IllegalArgumentException("unknown SourceType code " + code);
        }
        return type;
    }
}
