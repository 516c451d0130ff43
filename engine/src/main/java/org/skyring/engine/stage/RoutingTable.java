package org.skyring.engine.stage;

import org.skyring.journal.Category;
import org.skyring.journal.Destination;

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
}
