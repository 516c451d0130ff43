package org.skyring.adapters.kafka;

import org.junit.jupiter.api.Test;
import org.skyring.catalog.SkyRegion;
import org.skyring.engine.stage.RoutingTable;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionCodec;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.ObservationRecord;

import net.openhft.chronicle.bytes.Bytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The sink keys are the decision's partition keys; a record from before decision v2 gets the same ones. */
class SinkKeysTest {

    private static ObservationRecord at(final double ra, final double dec) {
        final ObservationRecord o = new ObservationRecord();
        o.observationId.set("obs");
        o.sourceFacility.set("ZTF");
        o.raDeg = ra;
        o.decDeg = dec;
        return o;
    }

    /** A decision routed as the engine routes it, then written and read back in the layout of {@code version}. */
    private static DecisionRecord routed(final Category category, final ObservationRecord o, final int version) {
        final DecisionRecord d = new DecisionRecord();
        d.category = category;
        RoutingTable.route(d, o);
        final Bytes<?> b = Bytes.allocateElasticOnHeap();
        DecisionCodec.write(d, b, version);
        final DecisionRecord back = new DecisionRecord();
        DecisionCodec.read(b, back);
        return back;
    }

    @Test
    void keysAreTheDecisionsPartitionKeysAndAV1RecordGetsTheSameOnes() {
        final ObservationRecord nearPole = at(359.9, 88.0);
        final ObservationRecord equator = at(0.1, 0.0);
        for (final ObservationRecord o : new ObservationRecord[] {nearPole, equator}) {
            final DecisionRecord current = routed(Category.INTERESTING, o, DecisionRecord.CURRENT_VERSION);
            final DecisionRecord v1 = routed(Category.INTERESTING, o, 1);
            assertEquals(DecisionRecord.NO_SKY_REGION, v1.skyRegion, "v1 carries no keys");
            final String key = SinkKeys.key(Destination.STANDARD_REVIEW, current, o);
            assertEquals("region-" + SkyRegion.of(o.raDeg, o.decDeg), key);
            assertEquals("region-" + current.skyRegion, key);
            assertEquals(key, SinkKeys.key(Destination.STANDARD_REVIEW, v1, o), "recomputed for a v1 record");
        }
        assertNotEquals(SinkKeys.key(Destination.ARCHIVE, routed(Category.ROUTINE, nearPole, 4), nearPole),
                SinkKeys.key(Destination.ARCHIVE, routed(Category.ROUTINE, equator, 4), equator));

        final DecisionRecord critical = routed(Category.CRITICAL, equator, DecisionRecord.CURRENT_VERSION);
        assertEquals("priority-0", SinkKeys.key(Destination.ALERT, critical, equator));
        assertEquals("priority-0", SinkKeys.key(Destination.ALERT, routed(Category.CRITICAL, equator, 1), equator));
        assertEquals("priority-1", SinkKeys.key(Destination.ALERT, routed(Category.SIGNIFICANT, equator, 1), equator));

        assertEquals("ZTF", SinkKeys.key(Destination.REJECTED, routed(Category.REJECTED, equator, 4), equator));
        final ObservationRecord noPosition = at(Double.NaN, Double.NaN);
        assertEquals("no-position", SinkKeys.key(Destination.ARCHIVE, routed(Category.ROUTINE, noPosition, 4), noPosition));
    }
}
