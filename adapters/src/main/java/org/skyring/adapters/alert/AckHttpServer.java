package org.skyring.adapters.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.agrona.concurrent.EpochNanoClock;
import org.skyring.engine.alert.AlertAcks;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.config.SkyringConfig;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP acknowledgement endpoint: {@code POST /alerts/{id}/ack[?by=NAME]} with
 * {@code Authorization: Bearer TOKEN}. Binds {@code alerts.http.bind} (127.0.0.1 by default). Answers 401 to a
 * missing or wrong token before looking at anything else (nothing changes), 404 for an unknown alert, 200 with
 * the outcome once the acknowledgement is durably in the ack queue (the alert agent journals it on its next
 * duty cycle), 405 for another method. One handler thread.
 */
public final class AckHttpServer implements AutoCloseable {
    private static final String PREFIX = "/alerts/";
    private static final String SUFFIX = "/ack";
    private final HttpServer server;
    private final ExecutorService executor;
    private final AlertAcks acks;
    private final byte[] expectedAuthorization;
    private final EpochNanoClock clock;

    private AckHttpServer(final HttpServer server, final AlertAcks acks, final String token, final EpochNanoClock clock) {
        this.server = server;
        this.acks = acks;
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            final Thread t = new Thread(r, "skyring-ack-http");
            t.setDaemon(true);
            return t;
        });
        server.createContext(PREFIX, this::handle);
        server.setExecutor(executor);
    }

    /** Starts serving; {@code acks} stays owned by the caller. */
    public static AckHttpServer start(final SkyringConfig.AckHttp config, final AlertAcks acks,
                                      final EpochNanoClock clock) throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 16);
        final AckHttpServer s = new AckHttpServer(server, acks, config.token(), clock);
        server.start();
        return s;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(final HttpExchange ex) throws IOException {
        try (ex) {
            final String auth = ex.getRequestHeaders().getFirst("Authorization");
            // Constant-time comparison: the token must not leak through response timing.
            if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                reply(ex, 401, "{\"error\":\"missing or wrong bearer token\"}");
                return;
            }
            final String path = ex.getRequestURI().getPath();
            if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() <= PREFIX.length() + SUFFIX.length()) {
                reply(ex, 404, "{\"error\":\"expected POST /alerts/{id}/ack\"}");
                return;
            }
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().add("Allow", "POST");
                reply(ex, 405, "{\"error\":\"use POST\"}");
                return;
            }
            final String id = URLDecoder.decode(path.substring(PREFIX.length(), path.length() - SUFFIX.length()),
                    StandardCharsets.UTF_8);
            final String by = queryParam(ex.getRequestURI().getRawQuery(), "by", "http");
            final AlertAcks.Outcome outcome = acks.acknowledge(id, by, "http", clock.nanoTime());
            final String body = AlertJson.write(AlertJson.MAPPER.createObjectNode().put("alert_id", id)
                    .put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).put("by", by));
            reply(ex, outcome == AlertAcks.Outcome.UNKNOWN_ALERT ? 404 : 200, body);
        }
    }

    private static String queryParam(final String rawQuery, final String name, final String dflt) {
        if (rawQuery == null) {
            return dflt;
        }
        for (final String pair : rawQuery.split("&")) {
            final int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                final String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return v.isBlank() ? dflt : v;
            }
        }
        return dflt;
    }

    private static void reply(final HttpExchange ex, final int status, final String json) throws IOException {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
