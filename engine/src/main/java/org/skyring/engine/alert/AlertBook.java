package org.skyring.engine.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every alert of a data directory and its state, as the alert state journal says. The journal is the truth:
 * the live alert system writes an event and applies the same event here, and start-up (or {@code skyring
 * alerts}) rebuilds the book by applying every journaled event in order. Event kinds: raised, delivered,
 * failed, acked, escalated, escalation_exhausted (engine/README.md "Alerts" lists their fields).
 */
public final class AlertBook {
    private final Map<String, AlertState> byId = new LinkedHashMap<>();

    public AlertState get(final String id) {
        return byId.get(id);
    }

    public boolean contains(final String id) {
        return byId.containsKey(id);
    }

    public Collection<AlertState> all() {
        return byId.values();
    }

    public int size() {
        return byId.size();
    }

    /** Applies one journaled event. Unknown ids and repeated events (an ack applied twice) change nothing. */
    public void apply(final JsonNode e) {
        final String kind = e.path("event").asText();
        if ("raised".equals(kind)) {
            final Alert alert = AlertJson.parseAlert(e.get("alert"));
            if (byId.containsKey(alert.id())) {
                return;
            }
            final AlertState s = new AlertState(alert);
            s.ackDeadlineNanos = e.path("deadline").asLong();
            addDeliveries(s, e.get("channels"), 0, e.path("at").asLong());
            byId.put(alert.id(), s);
            return;
        }
        final AlertState s = byId.get(e.path("id").asText());
        if (s == null) {
            return;
        }
        switch (kind) {
            case "delivered": {
                final AlertState.Delivery d = s.delivery(e.path("channel").asText(), e.path("round").asInt());
                if (d != null && !d.delivered()) {
                    d.attempts = e.path("attempt").asInt();
                    d.deliveredAtNanos = e.path("at").asLong();
                }
                break;
            }
            case "failed": {
                final AlertState.Delivery d = s.delivery(e.path("channel").asText(), e.path("round").asInt());
                if (d != null) {
                    d.attempts = e.path("attempt").asInt();
                    d.nextAttemptNanos = e.path("next").asLong();
                    d.lastError = e.path("error").asText();
                }
                break;
            }
            case "acked":
                if (!s.acknowledged()) {
                    s.ackedBy = e.path("by").asText();
                    s.ackedVia = e.path("via").asText();
                    s.ackedAtNanos = e.path("at").asLong();
                }
                break;
            case "escalated":
                if (e.path("round").asInt() > s.round) {
                    s.round = e.path("round").asInt();
                    s.ackDeadlineNanos = e.path("deadline").asLong();
                    s.escalatedTo.add(e.path("escalated_to").asText());
                    addDeliveries(s, e.get("channels"), s.round, e.path("at").asLong());
                }
                break;
            case "escalation_exhausted":
                s.escalationExhausted = true;
                break;
            default:
                throw new IllegalStateException("unknown alert journal event \"" + kind + "\": " + e);
        }
    }

    private static void addDeliveries(final AlertState s, final JsonNode channels, final int round, final long at) {
        if (channels != null) {
            for (final JsonNode c : channels) {
                if (s.delivery(c.asText(), round) == null) {
                    s.deliveries.add(new AlertState.Delivery(c.asText(), round, at));
                }
            }
        }
    }

    /** Alerts waiting for an acknowledgement, oldest first. */
    public List<AlertState> pending() {
        final List<AlertState> out = new ArrayList<>();
        for (final AlertState s : byId.values()) {
            if (s.pendingAck()) {
                out.add(s);
            }
        }
        return out;
    }

    /** One alert and its state as the JSON object of {@code skyring alerts --json}. */
    public static ObjectNode toJson(final AlertState s) {
        final ObjectNode n = AlertJson.alert(s.alert);
        n.put("state", stateName(s));
        n.put("round", s.round);
        if (s.acknowledged()) {
            n.put("acknowledged_by", s.ackedBy);
            n.put("acknowledged_via", s.ackedVia);
            n.put("acknowledged_at", AlertJson.time(s.ackedAtNanos));
        } else if (s.alert.requiresAck() && !s.escalationExhausted) {
            n.put("ack_deadline", AlertJson.time(s.ackDeadlineNanos));
        }
        final ArrayNode escalated = n.putArray("escalated_to");
        s.escalatedTo.forEach(escalated::add);
        final ArrayNode deliveries = n.putArray("deliveries");
        for (final AlertState.Delivery d : s.deliveries) {
            final ObjectNode dn = deliveries.addObject();
            dn.put("channel", d.channel);
            dn.put("round", d.round);
            dn.put("attempts", d.attempts);
            dn.put("delivered", d.delivered());
            if (d.delivered()) {
                dn.put("delivered_at", AlertJson.time(d.deliveredAtNanos));
            } else if (!d.lastError.isEmpty()) {
                dn.put("last_error", d.lastError);
            }
        }
        return n;
    }

    /** raised (nothing delivered yet), delivered, escalated, acknowledged, unanswered (escalation exhausted). */
    public static String stateName(final AlertState s) {
        if (s.acknowledged()) {
            return "acknowledged";
        }
        if (s.escalationExhausted) {
            return "unanswered";
        }
        if (s.round > 0) {
            return "escalated";
        }
        for (final AlertState.Delivery d : s.deliveries) {
            if (d.delivered()) {
                return "delivered";
            }
        }
        return "raised";
    }
}
