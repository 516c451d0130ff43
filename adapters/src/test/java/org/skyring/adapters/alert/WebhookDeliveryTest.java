package org.skyring.adapters.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import net.openhft.chronicle.queue.ChronicleQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.alert.AlertState;
import org.skyring.engine.alert.AlertSystem;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.config.WebhookFormat;
import org.skyring.engine.port.AlertChannel;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalSet;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skyring.adapters.alert.AlertFixtures.ROLL;

/** Webhook delivery against a real HTTP server on 127.0.0.1 that refuses the first attempts. */
class WebhookDeliveryTest {
    private final AlertFixtures.ManualClock clock = new AlertFixtures.ManualClock();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> acceptedKeys = new CopyOnWriteArrayList<>();
    private final List<String> acceptedBodies = new CopyOnWriteArrayList<>();
    private final List<String> slackBodies = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/hook", ex -> {
            final String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            final int n = requests.incrementAndGet();
            final int status = n <= 2 ? 503 : 200; // down for the first two attempts
            if (status == 200) {
                acceptedKeys.add(ex.getRequestHeaders().getFirst(WebhookChannel.IDEMPOTENCY_HEADER));
                acceptedBodies.add(body);
            }
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.createContext("/slack", ex -> {
            slackBodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private AlertSystem open(final ChronicleQueue alertQueue) {
        final String base = "http://127.0.0.1:" + server.getAddress().getPort();
        final SkyringConfig.Webhook hook = new SkyringConfig.Webhook(base + "/hook", WebhookFormat.JSON, 2000);
        final SkyringConfig.Webhook slack = new SkyringConfig.Webhook(base + "/slack", WebhookFormat.SLACK, 2000);
        final Map<String, AlertChannel> channels = Map.of("ops", new WebhookChannel("ops", hook),
                "chat", new WebhookChannel("chat", slack));
        return AlertFixtures.open(dir, AlertFixtures.alerts(List.of("ops", "chat"), List.of(), 600_000, 0),
                channels, clock, alertQueue);
    }

    @Test
    void anAlertRefusedTwiceArrivesExactlyOnceAfterBackOffAndNeverAgainAfterARestart() {
        AlertFixtures.appendCritical(dir, "ZTF26webhook", 3);
        try (ChronicleQueue alertQueue = JournalSet.openQueue(dir, Destination.ALERT.queueName(), ROLL)) {
            final String id;
            final AlertSystem system = open(alertQueue);
            try {
                AlertFixtures.settle(system);
                final AlertState s = system.book().all().iterator().next();
                id = s.alert.id();
                assertEquals(1, requests.get(), "first attempt refused");
                assertEquals(1, slackBodies.size(), "the other channel is not held back by the failing one");

                clock.advanceMillis(99);
                AlertFixtures.settle(system);
                assertEquals(1, requests.get(), "no retry before the back-off (100 ms)");
                clock.advanceMillis(1);
                AlertFixtures.settle(system);
                assertEquals(2, requests.get(), "second attempt refused");
                clock.advanceMillis(199);
                AlertFixtures.settle(system);
                assertEquals(2, requests.get(), "back-off doubled to 200 ms");
                clock.advanceMillis(1);
                AlertFixtures.settle(system);
                assertEquals(3, requests.get());
                assertEquals(List.of(id + "/0"), acceptedKeys, "accepted exactly once");
                final AlertState.Delivery delivery = s.deliveries.stream().filter(d -> d.channel.equals("ops"))
                        .findFirst().orElseThrow();
                assertTrue(delivery.delivered());
                assertEquals(3, delivery.attempts);

                clock.advanceMillis(3_600_000);
                AlertFixtures.settle(system);
            } finally {
                system.onClose();
                system.close();
            }
            final AlertSystem restarted = open(alertQueue);
            try {
                AlertFixtures.settle(restarted);
                clock.advanceMillis(3_600_000);
                AlertFixtures.settle(restarted);
                assertEquals(1, restarted.book().size());
            } finally {
                restarted.onClose();
                restarted.close();
            }
            assertEquals(3, requests.get(), "a delivered alert is never sent again, even after a restart");
            assertEquals(1, acceptedBodies.size());
            final JsonNode body = AlertJson.read(acceptedBodies.get(0));
            assertEquals(id, body.get("alert_id").asText());
            assertEquals("critical", body.get("category").asText());
            assertEquals(150.25, body.get("ra_deg").asDouble());
            assertEquals(0, body.get("priority").asInt());
            assertTrue(body.get("requires_ack").asBoolean());
            assertTrue(body.get("summary").asText().contains("ZTF26webhook"));
            assertEquals(1, slackBodies.size());
            final String text = AlertJson.read(slackBodies.get(0)).get("text").asText();
            assertTrue(text.contains("*CRITICAL*") && text.contains(id), text);
        }
    }
}
