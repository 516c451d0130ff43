package org.skyring.engine.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The JSON forms of alerts: the alert object (queue channel, JSON webhooks, `skyring alerts --json`, the state
 * journal) and the Slack-compatible message. Cold path: alerts are rare, allocation here is fine.
 */
public final class AlertJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {
    }

    public static ObjectNode alert(final Alert a) {
        final ObjectNode n = MAPPER.createObjectNode();
        n.put("alert_id", a.id());
        n.put("category", a.category());
        n.put("summary", a.summary());
        if (!Double.isNaN(a.raDeg())) {
            n.put("ra_deg", a.raDeg());
            n.put("dec_deg", a.decDeg());
        }
        n.put("urgency", a.urgency());
        n.put("event_time", time(a.eventTimeNanos()));
        n.put("event_time_ns", a.eventTimeNanos());
        n.put("raised_time", time(a.raisedTimeNanos()));
        n.put("raised_time_ns", a.raisedTimeNanos());
        n.put("requires_ack", a.requiresAck());
        n.put("observation_id", a.observationId());
        n.put("facility", a.facility());
        n.put("input_index", a.inputIndex());
        n.put("priority", a.priority());
        n.put("sky_region", a.skyRegion());
        return n;
    }

    public static Alert parseAlert(final JsonNode n) {
        return new Alert(n.path("alert_id").asText(), n.path("category").asText(), n.path("summary").asText(),
                n.has("ra_deg") ? n.get("ra_deg").asDouble() : Double.NaN,
                n.has("dec_deg") ? n.get("dec_deg").asDouble() : Double.NaN,
                n.path("urgency").asDouble(), n.path("event_time_ns").asLong(), n.path("raised_time_ns").asLong(),
                n.path("requires_ack").asBoolean(), n.path("observation_id").asText(), n.path("facility").asText(),
                n.path("input_index").asLong(-1), n.path("priority").asInt(-1), n.path("sky_region").asInt(-1));
    }

    /** The message of one delivery: the alert plus its round and idempotency key. */
    public static String delivery(final AlertDelivery d) {
        final ObjectNode n = alert(d.alert());
        n.put("round", d.round());
        n.put("escalation", d.isEscalation());
        n.put("idempotency_key", d.idempotencyKey());
        return write(n);
    }

    /** A Slack incoming-webhook message: {"text": ...} (mrkdwn), readable in a channel and on a phone. */
    public static String slack(final AlertDelivery d) {
        final Alert a = d.alert();
        final StringBuilder text = new StringBuilder();
        text.append(d.isEscalation() ? ":rotating_light: *ESCALATED (round " + d.round() + ")* " : ":rotating_light: ")
            .append('*').append(a.category().toUpperCase(java.util.Locale.ROOT)).append("* ")
            .append(a.summary())
            .append("\nalert `").append(a.id()).append('`');
        if (a.requiresAck()) {
            text.append(" - acknowledge with `skyring ack ").append(a.id()).append(" --by NAME`");
        }
        final ObjectNode n = MAPPER.createObjectNode();
        n.put("text", text.toString());
        return write(n);
    }

    public static String write(final JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode read(final String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alert journal record: " + json, e);
        }
    }

    public static String time(final long epochNanos) {
        return epochNanos == Long.MIN_VALUE ? "" : Instant.ofEpochSecond(0, epochNanos).toString();
    }
}
