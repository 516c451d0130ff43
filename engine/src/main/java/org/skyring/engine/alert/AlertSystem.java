package org.skyring.engine.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycle;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.AlertChannel;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.ObservationRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The design's AlertSystem: raises an alert for every record of the {@code alert} queue (critical events) and
 * for operator events, delivers it on every configured channel with retries and back-off, waits for its
 * acknowledgement and escalates it when none comes in time. Runs as an Agrona {@link Agent} on the engine's
 * background thread, never on a ring thread, so a slow webhook can never hold back the ring.
 *
 * <p>Durable and idempotent: every state change is first appended to the alert state journal
 * ({@code DIR/journal/alert_state}), then applied to the in-memory {@link AlertBook}; start-up replays the
 * journal, so delivery retries and acknowledgement timers continue across restarts. An alert's id is stable
 * ({@link AlertIds}), so re-reading the alert queue after a restart raises nothing twice, and a delivery
 * journaled as done is never made again. Acknowledgements arrive through the ack queue
 * ({@code DIR/journal/alert_acks}, written by {@code skyring ack} and the HTTP endpoint, see {@link AlertAcks}).
 *
 * <p>Everything that waits uses the injected clock, so tests drive retries and timeouts by moving time.
 */
public final class AlertSystem implements Agent, AutoCloseable {
    public static final String STATE_QUEUE = "alert_state";
    public static final String ACK_QUEUE = "alert_acks";
    private static final System.Logger LOG = System.getLogger("skyring.alerts");

    private final SkyringConfig.Alerts config;
    private final Map<String, AlertChannel> channels;
    private final EpochNanoClock clock;
    private final ChronicleQueue alertQueue;
    private final TextJournal stateJournal;
    private final TextJournal ackJournal;
    private final AlertBook book = new AlertBook();
    private final PriorityQueue<Due> dueDeliveries = new PriorityQueue<>();
    private final PriorityQueue<Due> ackTimers = new PriorityQueue<>();
    private final DecisionRecord decision = new DecisionRecord();
    private final ObservationRecord observation = new ObservationRecord();
    private JournalCursor alertCursor;
    private TextJournal.Reader ackReader;
    private volatile int undelivered;
    private volatile boolean caughtUp;
    private long raised;
    private long delivered;
    private long failedAttempts;
    private long escalations;

    /** An action due at a time: a delivery attempt or an acknowledgement deadline. */
    private record Due(long atNanos, AlertState state, AlertState.Delivery delivery) implements Comparable<Due> {
        @Override
        public int compareTo(final Due o) {
            return Long.compare(atNanos, o.atNanos);
        }
    }

    /**
     * @param alertQueue the engine's {@code alert} destination queue (critical events), tailed from its start
     * @param channels   every channel named in the config, by name
     */
    public AlertSystem(final Path dataDir, final RollCycle rollCycle, final ChronicleQueue alertQueue,
                       final SkyringConfig.Alerts config, final Map<String, AlertChannel> channels,
                       final EpochNanoClock clock) {
        for (final String name : config.channelNames()) {
            if (!channels.containsKey(name)) {
                throw new IllegalArgumentException("alerts: channel \"" + name + "\" is configured but not available");
            }
        }
        this.config = config;
        this.channels = channels;
        this.clock = clock;
        this.alertQueue = alertQueue;
        this.stateJournal = TextJournal.open(dataDir, STATE_QUEUE, rollCycle);
        this.ackJournal = TextJournal.open(dataDir, ACK_QUEUE, rollCycle);
        stateJournal.readAll(json -> book.apply(AlertJson.read(json)));
        for (final AlertState s : book.all()) {
            schedule(s);
        }
        undelivered = countUndelivered();
    }

    @Override
    public String roleName() {
        return "alerts";
    }

    @Override
    public void onStart() {
        alertCursor = new JournalCursor(alertQueue);
        ackReader = ackJournal.reader();
    }

    @Override
    public int doWork() {
        final long now = clock.nanoTime();
        int work = raiseNewAlerts(now);
        work += applyAcks();
        work += deliverDue(now);
        work += escalateDue(now);
        if (work > 0) {
            undelivered = countUndelivered();
        }
        return work;
    }

    /** Alerts raised but not yet delivered on every channel of their rounds: the output lag pressure reads. */
    public int undelivered() {
        return undelivered;
    }

    public AlertBook book() {
        return book;
    }

    private int raiseNewAlerts(final long now) {
        int n = 0;
        caughtUp = false;
        while (true) {
            if (n >= 256) {
                return n;
            }
            if (!alertCursor.nextRouted(decision, observation)) {
                caughtUp = true;
                return n;
            }
            final String id = AlertIds.forDecision(decision);
            n++;
            if (!book.contains(id)) {
                raise(new Alert(id, decision.category.key(), summary(decision, observation), observation.raDeg,
                        observation.decDeg, decision.urgency, observation.observationTimeNanos, now,
                        config.requireAck(), observation.observationId.toString(),
                        observation.sourceFacility.toString(), decision.inputIndex, decision.priority,
                        decision.skyRegion), now);
            }
        }
    }

    /** True once the last duty cycle read the alert queue to its end (any thread). */
    public boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Raises an alert about the engine itself (pressure CRITICAL). Call on the agent's thread. Raising the same
     * (what, when) twice raises it once, and nothing new is raised about {@code what} while an earlier alert
     * about it still waits for its acknowledgement (an operator is already on it; its escalation continues).
     */
    public void raiseOperatorAlert(final String what, final String summary, final long eventTimeNanos) {
        final String id = AlertIds.forOperatorEvent(what, eventTimeNanos);
        if (book.contains(id)) {
            return;
        }
        for (final AlertState s : book.all()) {
            if ("operator".equals(s.alert.category()) && what.equals(s.alert.observationId())
                    && s.pendingAck() && !s.escalationExhausted) {
                return;
            }
        }
        final long now = clock.nanoTime();
        raise(new Alert(id, "operator", summary, Double.NaN, Double.NaN, 1.0, eventTimeNanos, now,
                config.requireAck(), what, "skyring", -1, 0, -1), now);
        undelivered = countUndelivered();
    }

    private void raise(final Alert alert, final long now) {
        final ObjectNode e = event("raised", null, now);
        e.set("alert", AlertJson.alert(alert));
        e.put("deadline", now + config.ackTimeoutMs() * 1_000_000L);
        final ArrayNode ch = e.putArray("channels");
        config.channels().forEach(ch::add);
        record(e);
        final AlertState s = book.get(alert.id());
        schedule(s);
        raised++;
        LOG.log(System.Logger.Level.DEBUG, "raised {0}: {1}", alert.id(), alert.summary());
    }

    private int applyAcks() {
        int n = 0;
        String json;
        while (n < 64 && (json = ackReader.next()) != null) {
            n++;
            final JsonNode ack = AlertJson.read(json);
            final AlertState s = book.get(ack.path("id").asText());
            if (s == null) {
                LOG.log(System.Logger.Level.WARNING, "acknowledgement for unknown alert {0} ignored", ack.path("id").asText());
                continue;
            }
            if (s.acknowledged()) {
                continue;
            }
            final ObjectNode e = event("acked", s, ack.path("at").asLong());
            e.put("by", ack.path("by").asText());
            e.put("via", ack.path("via").asText());
            record(e);
        }
        return n;
    }

    private int deliverDue(final long now) {
        int n = 0;
        while (!dueDeliveries.isEmpty() && dueDeliveries.peek().atNanos() <= now && n < 64) {
            final Due due = dueDeliveries.poll();
            final AlertState s = due.state();
            final AlertState.Delivery d = due.delivery();
            if (d.delivered() || s.acknowledged() || d.nextAttemptNanos != due.atNanos()) {
                continue; // done, no longer needed, or rescheduled
            }
            n++;
            final int attempt = d.attempts + 1;
            try {
                channels.get(d.channel).deliver(new AlertDelivery(s.alert, d.round, d.channel));
                final ObjectNode e = event("delivered", s, now);
                e.put("channel", d.channel).put("round", d.round).put("attempt", attempt);
                record(e);
                delivered++;
            } catch (Exception ex) {
                final long next = now + backoffNanos(attempt);
                final ObjectNode e = event("failed", s, now);
                e.put("channel", d.channel).put("round", d.round).put("attempt", attempt).put("next", next)
                        .put("error", String.valueOf(ex.getMessage()));
                record(e);
                failedAttempts++;
                dueDeliveries.add(new Due(next, s, d));
                LOG.log(System.Logger.Level.WARNING, "alert {0} on {1} attempt {2} failed ({3}); retry in {4} ms",
                        s.alert.id(), d.channel, attempt, ex.getMessage(), (next - now) / 1_000_000);
            }
        }
        return n;
    }

    /** Back-off after the {@code attempt}-th failure: initial x multiplier^(attempt-1), capped. */
    long backoffNanos(final int attempt) {
        final double ms = Math.min(config.retryMaxMs(),
                config.retryInitialMs() * Math.pow(config.retryMultiplier(), attempt - 1));
        return (long) ms * 1_000_000L;
    }

    private int escalateDue(final long now) {
        int n = 0;
        while (!ackTimers.isEmpty() && ackTimers.peek().atNanos() <= now && n < 64) {
            final Due due = ackTimers.poll();
            final AlertState s = due.state();
            if (!s.pendingAck() || s.escalationExhausted || s.ackDeadlineNanos != due.atNanos()) {
                continue;
            }
            n++;
            if (s.round >= config.maxEscalations()) {
                record(event("escalation_exhausted", s, now));
                LOG.log(System.Logger.Level.WARNING, "alert {0} unacknowledged after {1} escalations",
                        s.alert.id(), s.round);
                continue;
            }
            final int round = s.round + 1;
            final List<String> chain = config.escalationChain();
            final String to = chain.isEmpty() ? "" : chain.get(Math.min(round, chain.size()) - 1);
            final Set<String> targets = new LinkedHashSet<>(config.channels());
            if (!to.isEmpty()) {
                targets.add(to);
            }
            final ObjectNode e = event("escalated", s, now);
            e.put("round", round).put("escalated_to", to).put("deadline", now + config.ackTimeoutMs() * 1_000_000L);
            final ArrayNode ch = e.putArray("channels");
            targets.forEach(ch::add);
            record(e);
            for (final AlertState.Delivery d : s.deliveries) {
                if (d.round == round) {
                    dueDeliveries.add(new Due(d.nextAttemptNanos, s, d));
                }
            }
            ackTimers.add(new Due(s.ackDeadlineNanos, s, null));
            escalations++;
            LOG.log(System.Logger.Level.WARNING, "alert {0} not acknowledged in time: re-sent, escalated to {1} (round {2})",
                    s.alert.id(), to, round);
        }
        return n;
    }

    private ObjectNode event(final String kind, final AlertState s, final long at) {
        final ObjectNode e = AlertJson.MAPPER.createObjectNode();
        e.put("event", kind);
        if (s != null) {
            e.put("id", s.alert.id());
        }
        e.put("at", at);
        return e;
    }

    /** Journal first, then memory: the book never holds a state the journal does not. */
    private void record(final ObjectNode e) {
        stateJournal.append(AlertJson.write(e));
        book.apply(e);
    }

    /** Queues the not-yet-delivered deliveries and the acknowledgement deadline of a state. */
    private void schedule(final AlertState s) {
        if (s.acknowledged()) {
            return;
        }
        for (final AlertState.Delivery d : s.deliveries) {
            if (!d.delivered()) {
                dueDeliveries.add(new Due(d.nextAttemptNanos, s, d));
            }
        }
        if (s.pendingAck() && !s.escalationExhausted) {
            ackTimers.add(new Due(s.ackDeadlineNanos, s, null));
        }
    }

    private int countUndelivered() {
        int n = 0;
        for (final Due d : dueDeliveries) {
            if (!d.delivery().delivered() && !d.state().acknowledged()) {
                n++;
            }
        }
        return n;
    }

    /** raised / delivered / failed attempts / escalations in this process's lifetime. */
    public long[] counts() {
        return new long[] {raised, delivered, failedAttempts, escalations};
    }

    static String summary(final DecisionRecord d, final ObservationRecord o) {
        final StringBuilder sb = new StringBuilder(160);
        sb.append(d.category.key()).append(' ').append(o.observationId);
        if (!o.objectId.isEmpty()) {
            sb.append(" (").append(o.objectId).append(')');
        }
        sb.append(String.format(Locale.ROOT, " from %s at RA %.5f Dec %+.5f: urgency %.2f, significance %.2f",
                o.sourceFacility, o.raDeg, o.decDeg, d.urgency, d.significance));
        if (!Double.isNaN(d.riseRateMagPerDay)) {
            sb.append(String.format(Locale.ROOT, ", %s %.2f mag/day", d.riseRateMagPerDay >= 0 ? "rising" : "fading",
                    Math.abs(d.riseRateMagPerDay)));
        }
        return sb.toString();
    }

    @Override
    public void onClose() {
        if (alertCursor != null) {
            alertCursor.close();
            alertCursor = null;
        }
        if (ackReader != null) {
            ackReader.close();
            ackReader = null;
        }
    }

    /** Closes the journals and channels; call after the agent has stopped (or was never started). */
    @Override
    public void close() {
        onClose();
        for (final AlertChannel c : new ArrayList<>(channels.values())) {
            c.close();
        }
        stateJournal.close();
        ackJournal.close();
    }
}
