package org.skyring.journal;

/** Photometric band of an optical or archival measurement. ZTF fid 1, 2, 3 map to G, R, I. */
public enum Band {
    NONE, U, G, R, I, Z, Y, V, B, J, H, K, CLEAR;

    private static final Band[] VALUES = values();

    public byte code() {
        return (byte) ordinal();
    }

    public static Band fromCode(final int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }

    /** ZTF filter id (fid) to band; null when the fid is not 1, 2 or 3. */
    public static Band fromZtfFid(final int fid) {
        switch (fid) {
            case 1: return G;
            case 2: return R;
            case 3: return I;
            default: return null;
        }
    }

    /** Case-insensitive band name ("g", "r", ...); null when unknown. */
    public static Band fromName(final String name) {
        if (name == null) {
            return null;
        }
        for (final Band b : VALUES) {
            if (b.name().equalsIgnoreCase(name)) {
                return b;
            }
        }
        return null;
    }
}
