package org.skyring.adapters.alert;

import com.fasterxml.jackson.databind.JsonNode;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.cli.SkyringCli;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.alert.AlertSystem;
import org.skyring.engine.alert.QueueAlertChannel;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalSet;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skyring.adapters.alert.AlertFixtures.ROLL;

/** {@code skyring alerts} and {@code skyring ack} against a data directory whose daemon is running. */
class AlertCommandsTest {
    private final AlertFixtures.ManualClock clock = new AlertFixtures.ManualClock();

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run cli(final String... args) {
        final PrintStream saved = System.out;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            final int exit = new CommandLine(new SkyringCli()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    private static List<JsonNode> lines(final String out) {
        final List<JsonNode> nodes = new ArrayList<>();
        for (final String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(AlertJson.read(line));
            }
        }
        return nodes;
    }

    @Test
    void listsAlertsAsJsonAndAcknowledgesOneWhileTheDaemonRuns() {
        AlertFixtures.appendCritical(dir, "ZTF26first", 1);
        AlertFixtures.appendCritical(dir, "ZTF26second", 2);
        try (ChronicleQueue alertQueue = JournalSet.openQueue(dir, Destination.ALERT.queueName(), ROLL)) {
            final AlertSystem daemon = AlertFixtures.open(dir, AlertFixtures.alerts(List.of("queue"), List.of("queue"),
                    60_000, 1), Map.of("queue", new QueueAlertChannel(dir, ROLL)), clock, alertQueue);
            try {
                AlertFixtures.settle(daemon);
                final List<JsonNode> all = lines(cli("alerts", "--dir", dir.toString(), "--json").out());
                assertEquals(2, all.size());
                assertEquals("ZTF26first", all.get(0).get("observation_id").asText());
                assertEquals("delivered", all.get(0).get("state").asText());
                assertEquals(true, all.get(0).get("deliveries").get(0).get("delivered").asBoolean());
                final String first = all.get(0).get("alert_id").asText();

                final Run ack = cli("ack", first, "--by", "dave", "--dir", dir.toString());
                assertEquals(0, ack.exit());
                assertTrue(ack.out().contains("acknowledged by dave"), ack.out());
                AlertFixtures.settle(daemon);
                assertTrue(daemon.book().get(first).acknowledged(), "the running daemon picked it up");
                assertEquals("cli", daemon.book().get(first).ackedVia);

                final List<JsonNode> pending = lines(cli("alerts", "--dir", dir.toString(), "--pending", "--json").out());
                assertEquals(1, pending.size());
                assertEquals("ZTF26second", pending.get(0).get("observation_id").asText());
                final List<JsonNode> after = lines(cli("alerts", "--dir", dir.toString(), "--json").out());
                assertEquals("acknowledged", after.get(0).get("state").asText());
                assertEquals("dave", after.get(0).get("acknowledged_by").asText());

                assertEquals(1, cli("ack", "al-0000000000000000", "--dir", dir.toString()).exit(), "unknown id");
                assertEquals(0, cli("ack", first, "--dir", dir.toString()).exit(), "a second ack changes nothing");
                assertTrue(cli("alerts", "--dir", dir.toString()).out().contains("2 alert(s)"));
            } finally {
                daemon.onClose();
                daemon.close();
            }
        }
    }
}
