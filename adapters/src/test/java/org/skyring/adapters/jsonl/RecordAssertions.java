package org.skyring.adapters.jsonl;

import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import org.skyring.journal.FixedAscii;
import org.skyring.journal.PriorPhotometry;
import org.skyring.journal.ObservationRecord;

/** Field-by-field comparison of records by reflection, so a field added later is compared without edits here. */
public final class RecordAssertions {
    /** Stamped by the adapter or the engine, never carried in the JSON. */
    public static final Set<String> PROVENANCE = Set.of("adapter", "sourcePartition", "sourceOffset",
            "receivedTimeNanos", "ingestHost", "engineVersion");

    private RecordAssertions() {
    }

    /** Doubles compare by bits (exact, NaN equal to NaN). */
    public static void assertSameContent(final ObservationRecord expected, final ObservationRecord actual,
                                         final Set<String> ignored) {
        for (final Field f : ObservationRecord.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) || ignored.contains(f.getName())) {
                continue;
            }
            try {
                final Object e = f.get(expected);
                final Object a = f.get(actual);
                final boolean same;
                if (e instanceof FixedAscii) {
                    same = e.toString().equals(a.toString());
                } else if (e instanceof PriorPhotometry) {
                    same = ((PriorPhotometry) e).contentEquals((PriorPhotometry) a);
                } else if (e instanceof Double) {
                    same = Double.doubleToLongBits((Double) e) == Double.doubleToLongBits((Double) a);
                } else {
                    same = e.equals(a);
                }
                if (!same) {
                    fail("field " + f.getName() + ": expected <" + e + "> but was <" + a + "> (record "
                            + expected.observationId + ")");
                }
            } catch (final IllegalAccessException ex) {
                throw new AssertionError(ex);
            }
        }
    }
}
