package org.skyring.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SourceTypeTest {

    @Test
    void codesArePinnedBecauseTheyArePersisted() {
        assertEquals(1, SourceType.STAR.code());
        assertEquals(2, SourceType.VARIABLE_STAR.code());
        assertEquals(3, SourceType.GALAXY.code());
        assertEquals(4, SourceType.AGN.code());
        assertEquals(5, SourceType.CATACLYSMIC_VARIABLE.code());
        assertEquals(6, SourceType.SOLAR_SYSTEM.code());
        assertEquals(7, SourceType.OTHER.code());
    }

    @Test
    void everyCodeRoundTrips() {
        for (SourceType type : SourceType.values()) {
            assertEquals(type, SourceType.fromCode(type.code()));
        }
    }

    @Test
    void rejectsUnknownCodes() {
        assertThrows(IllegalArgumentException.class, () -> SourceType.fromCode((byte) 0));
        assertThrows(IllegalArgumentException.class, () -> SourceType.fromCode((byte) 8));
        assertThrows(IllegalArgumentException.class, () -> SourceType.fromCode((byte) -1));
    }
}
