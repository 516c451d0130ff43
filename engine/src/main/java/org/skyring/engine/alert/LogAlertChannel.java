package org.skyring.engine.alert;

import org.skyring.engine.port.AlertChannel;

import java.io.PrintStream;

/** The log channel: one line per delivery on the engine's log stream (stderr by default). */
public final class LogAlertChannel implements AlertChannel {
    public static final String NAME = "log";
    private final PrintStream out;

    public LogAlertChannel(final PrintStream out) {
        this.out = out;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(final AlertDelivery d) {
        final Alert a = d.alert();
        out.println("skyring ALERT " + a.id() + (d.isEscalation() ? " ESCALATED round " + d.round() : "")
                + (a.requiresAck() ? " [ack required]" : "") + ": " + a.summary());
    }
}
