package org.skyring.cli;

import net.openhft.chronicle.queue.RollCycles;
import org.skyring.engine.alert.AlertAcks;
import org.skyring.engine.alert.AlertBook;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.alert.AlertState;
import org.skyring.engine.config.SkyringConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code skyring alerts --dir DIR [--pending] [--json]}: the alerts of a data directory and their state, from
 * the alert state journal (and acknowledgements not yet journaled). {@code --json}: one JSON object per alert
 * per line.
 */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "List alerts and their state.")
final class AlertsCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--dir", description = "Data directory (default: ./skyring-data).")
    Path dir = Path.of("skyring-data");

    @Option(names = "--pending", description = "Only alerts waiting for an acknowledgement.")
    boolean pending;

    @Option(names = "--json", description = "One JSON object per alert per line.")
    boolean json;

    @Option(names = "--config", description = "Config file (default: the shipped config/skyring.yaml).")
    Path config;

    @Override
    public Integer call() {
        final SkyringConfig cfg = EngineAssembly.config(config);
        final AlertBook book;
        try (AlertAcks acks = AlertAcks.open(dir, RollCycles.valueOf(cfg.engine().rollCycle()))) {
            book = acks.book();
        }
        final List<AlertState> shown = pending ? book.pending() : new ArrayList<>(book.all());
        for (final AlertState s : shown) {
            if (json) {
                System.out.println(AlertJson.write(AlertBook.toJson(s)));
            } else {
                System.out.printf("%-20s %-13s round %d  %s%s%n", s.alert.id(), AlertBook.stateName(s), s.round,
                        s.alert.summary(), s.acknowledged() ? "  (acknowledged by " + s.ackedBy + ")" : "");
            }
        }
        if (!json) {
            System.out.println(shown.size() + " alert(s)" + (pending ? " waiting for acknowledgement" : ""));
        }
        return 0;
    }
}
