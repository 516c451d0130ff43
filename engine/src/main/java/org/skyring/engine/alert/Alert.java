package org.skyring.engine.alert;

/**
 * One alert: what a human must see. Immutable; built once when the alert is raised and journaled with it.
 *
 * @param id              stable: the same event (observation + config + model versions) always gives the same id
 * @param category        "critical" for events; "operator" for the engine's own alarms (pressure CRITICAL)
 * @param summary         one line a person can act on
 * @param raDeg           position (NaN for operator alerts)
 * @param eventTimeNanos  when it happened (observation time; the level change for operator alerts)
 * @param raisedTimeNanos when the alert system raised it (the alert clock)
 * @param priority        the priority key (0 = most urgent), the Kafka key of the alert topic
 * @param skyRegion       the sky-region key of the event (-1 none)
 * @param observationId   the event's observation id; for operator alerts, what it is about ("pressure-critical")
 * @param inputIndex      the observation's input-journal index (-1 for operator alerts)
 */
public record Alert(String id, String category, String summary, double raDeg, double decDeg, double urgency,
                    long eventTimeNanos, long raisedTimeNanos, boolean requiresAck, String observationId,
                    String facility, long inputIndex, int priority, int skyRegion) {
}
