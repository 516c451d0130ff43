package org.skyring.engine.stage;

import org.skyring.catalog.SkyRegion;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.ObservationRecord;

/** The design's routing table: category to destinations. Every classified event is archived. */
public final class RoutingTable {
    private RoutingTable() {
    }

    public static int destinationsFor(final Category category) {
        switch (category) {
            case CRITICAL:
                return Destination.ALERT.mask() | Destination.PRIORITY_REVIEW.mask() | Destination.ARCHIVE.mask();
            case SIGNIFICANT:
                return Destination.PRIORITY_REVIEW.mask() | Destination.ARCHIVE.mask();
            case INTERESTING:
                return Destination.STANDARD_REVIEW.mask() | Destination.ARCHIVE.mask();
            case UNKNOWN:
                return Destination.MANUAL_TRIAGE.mask() | Destination.ARCHIVE.mask();
            case REJECTED:
                return Destination.REJECTED.mask();
            case KNOWN_TYPE:
            case ROUTINE:
            default:
                return Destination.ARCHIVE.mask();
        }
    }

    /**
     * The priority key of a category, 0 = most urgent: critical 0, significant 1, unknown 2, interesting 3,
     * known_type 4, routine 5, rejected 6. Recorded in every decision ({@code priority}); the Kafka key of the
     * alert topic, so that critical alerts never queue behind less urgent ones.
     */
    public static byte priorityOf(final Category category) {
        switch (category) {
            case CRITICAL:
                return 0;
            case SIGNIFICANT:
                return 1;
            case UNKNOWN:
                return 2;
            case INTERESTING:
                return 3;
            case KNOWN_TYPE:
                return 4;
            case ROUTINE:
                return 5;
            case REJECTED:
            default:
                return 6;
        }
    }

    /** Fills a decision's routing fields: destinations and the two partition keys (sky region, priority). */
    public static void route(final DecisionRecord d, final ObservationRecord o) {
        d.destinations = destinationsFor(d.category);
        d.priority = priorityOf(d.category);
        d.skyRegion = d.category == Category.REJECTED ? SkyRegion.NONE : SkyRegion.of(o.raDeg, o.decDeg);
    }
}
