package org.skyring.adapters.alert;

import net.openhft.chronicle.queue.ChronicleQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.engine.alert.AlertAcks;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.alert.AlertState;
import org.skyring.engine.alert.AlertSystem;
import org.skyring.engine.alert.LogAlertChannel;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalSet;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.skyring.adapters.alert.AlertFixtures.ROLL;

/** POST /alerts/{id}/ack on a real server bound to 127.0.0.1: no token, a wrong token, the right one. */
class AckHttpServerTest {
    private static final String TOKEN = "s3cret-token";
    private final AlertFixtures.ManualClock clock = new AlertFixtures.ManualClock();
    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private HttpResponse<String> post(final int port, final String path, final String authorization) throws Exception {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyTheRightBearerTokenAcknowledgesAndAWrongOrMissingOneChangesNothing() throws Exception {
        AlertFixtures.appendCritical(dir, "ZTF26httpack", 1);
        final SkyringConfig.AckHttp http = new SkyringConfig.AckHttp(true, "127.0.0.1", 0, TOKEN);
        try (ChronicleQueue alertQueue = JournalSet.openQueue(dir, Destination.ALERT.queueName(), ROLL);
             AlertAcks acks = AlertAcks.open(dir, ROLL);
             AckHttpServer server = AckHttpServer.start(http, acks, clock)) {
            final AlertSystem system = AlertFixtures.open(dir, AlertFixtures.alerts(List.of("log"), List.of(), 60_000, 1),
                    Map.of("log", new LogAlertChannel(new PrintStream(OutputStream.nullOutputStream()))), clock, alertQueue);
            try {
                AlertFixtures.settle(system);
                final AlertState s = system.book().all().iterator().next();
                final String path = "/alerts/" + s.alert.id() + "/ack?by=carol";

                final HttpResponse<String> none = post(server.port(), path, null);
                assertEquals(401, none.statusCode());
                assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElse(""));
                final HttpResponse<String> wrong = post(server.port(), path, "Bearer not-the-token");
                assertEquals(401, wrong.statusCode());
                assertEquals(401, post(server.port(), path, TOKEN).statusCode(), "the scheme is part of the header");
                AlertFixtures.settle(system);
                assertFalse(s.acknowledged(), "a rejected request changes nothing");
                assertEquals(0, acks.requests(), "nothing was even queued");

                assertEquals(404, post(server.port(), "/alerts/al-unknown/ack", "Bearer " + TOKEN).statusCode());
                final HttpResponse<String> right = post(server.port(), path, "Bearer " + TOKEN);
                assertEquals(200, right.statusCode(), right.body());
                assertEquals("recorded", AlertJson.read(right.body()).get("outcome").asText());
                AlertFixtures.settle(system);
                assertTrue(s.acknowledged());
                assertEquals("carol", s.ackedBy);
                assertEquals("http", s.ackedVia);
                clock.advanceMillis(120_000);
                AlertFixtures.settle(system);
                assertEquals(0, s.round, "acknowledged: no escalation");

                final HttpResponse<String> again = post(server.port(), path, "Bearer " + TOKEN);
                assertEquals("already_acknowledged", AlertJson.read(again.body()).get("outcome").asText());
                final HttpResponse<String> get = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path))
                        .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(405, get.statusCode());
            } finally {
                system.onClose();
                system.close();
            }
        }
    }
}
