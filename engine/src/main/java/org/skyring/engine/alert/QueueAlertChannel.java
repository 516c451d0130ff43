package org.skyring.engine.alert;

import net.openhft.chronicle.queue.RollCycle;
import org.skyring.engine.port.AlertChannel;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The durable queue channel: appends each delivery's JSON message to {@code DIR/journal/alert_messages}, which
 * downstream consumers tail. Exactly once per (alert, round): it remembers the idempotency keys already in the
 * queue (read back at start-up), so a delivery repeated after a crash between the append and the journaled
 * "delivered" is not written twice.
 */
public final class QueueAlertChannel implements AlertChannel {
    public static final String NAME = "queue";
    public static final String QUEUE = "alert_messages";
    private final TextJournal queue;
    private final Set<String> written = new HashSet<>();

    public QueueAlertChannel(final Path dataDir, final RollCycle rollCycle) {
        this.queue = TextJournal.open(dataDir, QUEUE, rollCycle);
        queue.readAll(json -> written.add(AlertJson.read(json).path("idempotency_key").asText()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void deliver(final AlertDelivery delivery) {
        if (written.add(delivery.idempotencyKey())) {
            queue.append(AlertJson.delivery(delivery));
        }
    }

    @Override
    public void close() {
        queue.close();
    }
}
