package org.skyring.adapters.kafka;

import org.skyring.catalog.SkyRegion;
import org.skyring.engine.stage.RoutingTable;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.ObservationRecord;

/**
 * Kafka record keys of the sink: the partition keys every decision carries (decision v2, event_schema.md §7), so
 * a topic is partitioned exactly as the output queues show and as the Kafka alert channel keys its messages:
 * <ul>
 *   <li>alerts by priority, {@code priority-<n>} ({@link RoutingTable#priorityOf}: 0 = critical);</li>
 *   <li>dead letters by source facility (one facility's bad input together);</li>
 *   <li>every other destination by sky region, {@code region-<n>} ({@link SkyRegion}: 5° zones, ~1,650 cells),
 *       {@code no-position} for a record without one (a notice without a position).</li>
 * </ul>
 * Records written before decision v2 carry no keys: they are recomputed from the record with the same functions,
 * so a replayed old journal is keyed as a new one would be.
 */
public final class SinkKeys {
    private SinkKeys() {
    }

    public static String key(final Destination destination, final DecisionRecord d, final ObservationRecord o) {
        switch (destination) {
            case ALERT:
                return "priority-" + priority(d);
            case REJECTED:
                return o.sourceFacility.isEmpty() ? "unknown-facility" : o.sourceFacility.toString();
            default:
                final int region = region(d, o);
                return region == SkyRegion.NONE ? "no-position" : "region-" + region;
        }
    }

    static int priority(final DecisionRecord d) {
        return d.priority != DecisionRecord.NO_PRIORITY ? d.priority : RoutingTable.priorityOf(d.category);
    }

    static int region(final DecisionRecord d, final ObservationRecord o) {
        return d.skyRegion != DecisionRecord.NO_SKY_REGION ? d.skyRegion : SkyRegion.of(o.raDeg, o.decDeg);
    }
}
