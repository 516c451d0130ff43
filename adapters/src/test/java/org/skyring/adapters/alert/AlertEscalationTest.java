package org.skyring.adapters.alert;

import com.fasterxml.jackson.databind.JsonNode;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.engine.alert.AlertAcks;
import org.skyring.engine.alert.AlertBook;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.alert.AlertState;
import org.skyring.engine.alert.AlertSystem;
import org.skyring.engine.alert.LogAlertChannel;
import org.skyring.engine.alert.QueueAlertChannel;
import org.skyring.engine.alert.TextJournal;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.AlertChannel;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalSet;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skyring.adapters.alert.AlertFixtures.MS;
import static org.skyring.adapters.alert.AlertFixtures.ROLL;
import static org.skyring.adapters.alert.AlertFixtures.T0;

/**
 * Acknowledgement timeouts and escalation, with a controlled clock and the real alert state journal, ack queue
 * and queue/log channels on Chronicle files.
 */
class AlertEscalationTest {
    private static final long TIMEOUT_MS = 60_000;
    private final SkyringConfig.Alerts config = AlertFixtures.alerts(List.of("queue"), List.of("log"), TIMEOUT_MS, 2);
    private final AlertFixtures.ManualClock clock = new AlertFixtures.ManualClock();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    /** One process lifetime of the alert system over the data directory. */
    private final class Daemon implements AutoCloseable {
        final ChronicleQueue alertQueue = JournalSet.openQueue(dir, Destination.ALERT.queueName(), ROLL);
        final AlertSystem system;

        Daemon() {
            final Map<String, AlertChannel> channels = Map.of(
                    "queue", new QueueAlertChannel(dir, ROLL),
                    "log", new LogAlertChannel(new PrintStream(log, true, StandardCharsets.UTF_8)));
            system = AlertFixtures.open(dir, config, channels, clock, alertQueue);
            AlertFixtures.settle(system);
        }

        AlertState only() {
            assertEquals(1, system.book().size());
            return system.book().all().iterator().next();
        }

        void at(final long msAfterT0) {
            clock.set(T0 + msAfterT0 * MS);
            AlertFixtures.settle(system);
        }

        @Override
        public void close() {
            system.onClose();
            system.close();
            alertQueue.close();
        }
    }

    private List<JsonNode> queueMessages() {
        final List<JsonNode> out = new ArrayList<>();
        try (TextJournal q = TextJournal.open(dir, QueueAlertChannel.QUEUE, ROLL)) {
            q.readAll(json -> out.add(AlertJson.read(json)));
        }
        return out;
    }

    private String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnacknowledgedAlertIsResentAndEscalatedAtItsTimeoutUntilTheChainIsExhausted() {
        AlertFixtures.appendCritical(dir, "ZTF26aaaaaa", 1);
        try (Daemon d = new Daemon()) {
            final AlertState s = d.only();
            assertEquals("delivered", AlertBook.stateName(s));
            assertEquals(1, queueMessages().size());
            assertEquals("", logText(), "the log channel is only in the escalation chain");

            d.at(TIMEOUT_MS - 1);
            assertEquals(0, s.round, "not escalated before the timeout");

            d.at(TIMEOUT_MS);
            assertEquals(1, s.round);
            assertEquals("escalated", AlertBook.stateName(s));
            assertEquals(List.of("log"), s.escalatedTo);
            final List<JsonNode> messages = queueMessages();
            assertEquals(2, messages.size(), "re-sent on its channels");
            assertEquals(1, messages.get(1).get("round").asInt());
            assertEquals(s.alert.id() + "/1", messages.get(1).get("idempotency_key").asText());
            assertTrue(logText().contains(s.alert.id() + " ESCALATED round 1"), logText());

            d.at(2 * TIMEOUT_MS);
            assertEquals(2, s.round, "the last channel of the chain repeats");
            d.at(3 * TIMEOUT_MS);
            assertTrue(s.escalationExhausted, "max_escalations = 2");
            assertEquals("unanswered", AlertBook.stateName(s));
            d.at(10 * TIMEOUT_MS);
            assertEquals(3, queueMessages().size(), "nothing more after the chain is exhausted");
        }
    }

    @Test
    void anAcknowledgedAlertIsNeverEscalated() {
        AlertFixtures.appendCritical(dir, "ZTF26bbbbbb", 1);
        try (Daemon d = new Daemon(); AlertAcks acks = AlertAcks.open(dir, ROLL)) {
            final AlertState s = d.only();
            clock.set(T0 + 10_000 * MS);
            assertEquals(AlertAcks.Outcome.RECORDED, acks.acknowledge(s.alert.id(), "alice", "cli", clock.nanoTime()));
            d.at(10_000);
            assertTrue(s.acknowledged());
            assertEquals("alice", s.ackedBy);
            assertEquals(T0 + 10_000 * MS, s.ackedAtNanos);
            d.at(5 * TIMEOUT_MS);
            assertEquals(0, s.round);
            assertEquals(1, queueMessages().size());
            assertEquals("", logText());
            assertEquals(AlertAcks.Outcome.ALREADY_ACKNOWLEDGED, acks.acknowledge(s.alert.id(), "bob", "cli", 0));
        }
    }

    @Test
    void aRestartKeepsTheAcknowledgementTimerRunningFromTheRaise() {
        AlertFixtures.appendCritical(dir, "ZTF26cccccc", 1);
        final String id;
        try (Daemon d = new Daemon()) {
            id = d.only().alert.id();
        }
        clock.set(T0 + TIMEOUT_MS / 2 * MS); // down for half the timeout
        try (Daemon d = new Daemon()) {
            final AlertState s = d.only();
            assertEquals(id, s.alert.id(), "the same alert, not raised again");
            assertEquals(1, queueMessages().size(), "not delivered again");
            d.at(TIMEOUT_MS - 1);
            assertEquals(0, s.round);
            d.at(TIMEOUT_MS);
            assertEquals(1, s.round, "escalated at raise + timeout, not restart + timeout");
        }
        try (Daemon d = new Daemon()) {
            assertEquals(1, d.only().round, "the escalation is journaled too");
            assertEquals(2, queueMessages().size());
            assertFalse(d.only().escalationExhausted);
        }
    }
}
