package org.skyring.cli;

import net.openhft.chronicle.queue.RollCycles;
import org.skyring.engine.alert.AlertAcks;
import org.skyring.engine.config.SkyringConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code skyring ack ALERT_ID [--by NAME] [--dir DIR]}: acknowledges an alert. Appends to the data directory's
 * ack queue, which a running daemon tails (it journals the acknowledgement and stops escalating) and a daemon
 * started later reads; works whether or not the daemon runs.
 */
@Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an alert.")
final class AckCommand implements java.util.concurrent.Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ALERT_ID", description = "The alert id (see `skyring alerts`).")
    String alertId;

    @Option(names = "--by", description = "Who acknowledges (default: the user name).")
    String by = System.getProperty("user.name", "operator");

    @Option(names = "--dir", description = "Data directory (default: ./skyring-data).")
    Path dir = Path.of("skyring-data");

    @Option(names = "--config", description = "Config file (default: the shipped config/skyring.yaml).")
    Path config;

    @Override
    public Integer call() {
        final SkyringConfig cfg = EngineAssembly.config(config);
        try (AlertAcks acks = AlertAcks.open(dir, RollCycles.valueOf(cfg.engine().rollCycle()))) {
            final AlertAcks.Outcome outcome = acks.acknowledge(alertId, by, "cli",
                    TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));
            switch (outcome) {
                case RECORDED:
                    System.out.println("skyring ack: " + alertId + " acknowledged by " + by);
                    return 0;
                case ALREADY_ACKNOWLEDGED:
                    System.out.println("skyring ack: " + alertId + " was already acknowledged; nothing changed");
                    return 0;
                case UNKNOWN_ALERT:
                default:
                    System.err.println("skyring ack: no alert " + alertId + " in " + dir + "; nothing changed");
                    return 1;
            }
        }
    }
}
