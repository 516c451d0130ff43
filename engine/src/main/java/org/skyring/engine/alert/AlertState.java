package org.skyring.engine.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one alert stands: its deliveries per channel and round, its acknowledgement, its escalations. Rebuilt at
 * start-up by replaying the alert state journal ({@link AlertBook}), so timers survive restarts. Mutated only by
 * the thread that owns the book.
 */
public final class AlertState {
    /** One round of the alert on one channel. */
    public static final class Delivery {
        public final String channel;
        public final int round;
        public int attempts;
        public long nextAttemptNanos;
        public long deliveredAtNanos = Long.MIN_VALUE;
        public String lastError = "";

        Delivery(final String channel, final int round, final long nextAttemptNanos) {
            this.channel = channel;
            this.round = round;
            this.nextAttemptNanos = nextAttemptNanos;
        }

        public boolean delivered() {
            return deliveredAtNanos != Long.MIN_VALUE;
        }
    }

    public final Alert alert;
    public final List<Delivery> deliveries = new ArrayList<>();
    /** Escalation round: 0 until the first acknowledgement timeout. */
    public int round;
    /** When the current round times out without an acknowledgement (alert clock, epoch ns). */
    public long ackDeadlineNanos;
    public String ackedBy = "";
    public String ackedVia = "";
    public long ackedAtNanos = Long.MIN_VALUE;
    /** Escalation stopped: max_escalations reached without an acknowledgement. */
    public boolean escalationExhausted;
    public final List<String> escalatedTo = new ArrayList<>();

    AlertState(final Alert alert) {
        this.alert = alert;
    }

    public boolean acknowledged() {
        return ackedAtNanos != Long.MIN_VALUE;
    }

    /** Requires an acknowledgement and has none yet. */
    public boolean pendingAck() {
        return alert.requiresAck() && !acknowledged();
    }

    Delivery delivery(final String channel, final int round) {
        for (final Delivery d : deliveries) {
            if (d.round == round && d.channel.equals(channel)) {
                return d;
            }
        }
        return null;
    }

    /** Deliveries still to make (none once acknowledged: a person has seen it). */
    public int undelivered() {
        if (acknowledged()) {
            return 0;
        }
        int n = 0;
        for (final Delivery d : deliveries) {
            if (!d.delivered()) {
                n++;
            }
        }
        return n;
    }
}
