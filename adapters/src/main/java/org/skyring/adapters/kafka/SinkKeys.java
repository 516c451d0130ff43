package org.skyring.adapters.kafka;

import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;

/**
 * Kafka record keys of the sink, so that related records share a partition (DESIGN.md, "Scaling past one
 * machine"): classified events by a coarse sky cell, alerts by priority, dead letters by source facility.
 *
 * <p>Sky cell: {@code cell-<zone>-<ra band>}, zone = floor((dec + 90) / size), ra band = floor(ra / size), with
 * size = {@code kafka.sink.region_cell_deg} (equal-angle cells: coarse and simple to recompute anywhere, smaller in
 * area near the poles). A record without a position (a notice) is keyed {@code no-position}.
 * Alert priority: {@code priority-1} when the alert coincides with a GRB/neutrino trigger, {@code priority-2}
 * when its urgency is at least 0.99, {@code priority-3} otherwise.
 */
public final class SinkKeys {
    private final double cellDeg;

    public SinkKeys(final double cellDeg) {
        this.cellDeg = cellDeg;
    }

    public String key(final Destination destination, final DecisionRecord d, final ObservationRecord o) {
        switch (destination) {
            case ALERT:
                return "priority-" + alertPriority(d);
            case REJECTED:
                return o.sourceFacility.isEmpty() ? "unknown-facility" : o.sourceFacility.toString();
            default:
                return skyCell(o.raDeg, o.decDeg);
        }
    }

    public static int alertPriority(final DecisionRecord d) {
        if (d.fired(Rule.TRIGGER_COINCIDENCE)) {
            return 1;
        }
        return d.urgency >= 0.99 ? 2 : 3;
    }

    public String skyCell(final double raDeg, final double decDeg) {
        if (!Double.isFinite(raDeg) || !Double.isFinite(decDeg)) {
            return "no-position";
        }
        final int zone = (int) Math.floor((Math.min(decDeg, 89.999999) + 90.0) / cellDeg);
        final int band = (int) Math.floor(Math.min(raDeg, 359.999999) / cellDeg);
        return "cell-" + zone + "-" + band;
    }
}
