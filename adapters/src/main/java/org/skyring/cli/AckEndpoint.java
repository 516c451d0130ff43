package org.skyring.cli;

import net.openhft.chronicle.queue.RollCycles;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.skyring.adapters.alert.AckHttpServer;
import org.skyring.engine.alert.AlertAcks;
import org.skyring.engine.config.SkyringConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The daemon's HTTP acknowledgement endpoint, when {@code alerts.http.enabled}; closes what it opened. */
final class AckEndpoint implements AutoCloseable {
    private final AlertAcks acks;
    private final AckHttpServer server;

    private AckEndpoint(final AlertAcks acks, final AckHttpServer server) {
        this.acks = acks;
        this.server = server;
    }

    static AckEndpoint start(final SkyringConfig cfg, final Path dir) {
        final SkyringConfig.AckHttp http = cfg.alerts().http();
        if (!cfg.alerts().enabled() || !http.enabled()) {
            return new AckEndpoint(null, null);
        }
        try {
            Files.createDirectories(dir.resolve("journal"));
            final AlertAcks acks = AlertAcks.open(dir, RollCycles.valueOf(cfg.engine().rollCycle()));
            final AckHttpServer server = AckHttpServer.start(http, acks, new SystemEpochNanoClock());
            System.out.println("skyring run: acknowledgements at http://" + http.bind() + ":" + server.port()
                    + "/alerts/{id}/ack (bearer token from alerts.http.token)");
            return new AckEndpoint(acks, server);
        } catch (IOException e) {
            throw new UncheckedIOException("alerts.http: cannot listen on " + http.bind() + ":" + http.port(), e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            acks.close();
        }
    }
}
