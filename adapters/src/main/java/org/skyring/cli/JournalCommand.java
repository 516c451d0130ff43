package org.skyring.cli;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.skyring.engine.alert.AlertSystem;
import org.skyring.engine.alert.QueueAlertChannel;
import org.skyring.engine.alert.TextJournal;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.pressure.PressureController;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.RecordText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code skyring journal dump}: any journal of a data directory as readable text. */
@Command(name = "journal", mixinStandardHelpOptions = true, description = "Inspect journals.",
        subcommands = JournalCommand.Dump.class)
final class JournalCommand {

    @Command(name = "dump", mixinStandardHelpOptions = true, description = "Print journal records as text.")
    static final class Dump implements java.util.concurrent.Callable<Integer> {
        @Parameters(index = "0", description = "Data directory.")
        Path dir;

        @Option(names = "--queue", description = "input, decisions, alert, priority_review, standard_review, "
                + "manual_triage, archive or rejected (default: all, in that order); also reclassified, and the "
                + "JSON journals alert_state, alert_acks, alert_messages, pressure.")
        String queue;

        @Option(names = "--limit", description = "At most this many records per queue (default: ${DEFAULT-VALUE}).")
        long limit = 20;

        @Override
        public Integer call() {
            final List<String> names = new ArrayList<>();
            if (queue != null) {
                names.add(queue);
            } else {
                names.add(JournalSet.INPUT);
                names.add(JournalSet.DECISIONS);
                for (final Destination d : Destination.all()) {
                    names.add(d.queueName());
                }
            }
            final RollCycles roll = RollCycles.valueOf(SkyringConfig.loadDefault().engine().rollCycle());
            for (final String name : names) {
                final Path qdir = JournalSet.queueDir(dir, name);
                if (!Files.isDirectory(qdir)) {
                    throw new IllegalArgumentException("--queue " + name + ": no journal at " + qdir);
                }
                System.out.println("== " + name + " (" + qdir + ")");
                if (TEXT_JOURNALS.contains(name)) {
                    dumpText(name, roll);
                    continue;
                }
                try (ChronicleQueue q = JournalSet.openQueue(dir, name, roll);
                     JournalCursor cursor = new JournalCursor(q)) {
                    final ObservationRecord obs = new ObservationRecord();
                    final DecisionRecord decision = new DecisionRecord();
                    for (long n = 0; n < limit; n++) {
                        final String line;
                        if (JournalSet.INPUT.equals(name)) {
                            line = cursor.nextObservation(obs) ? RecordText.observation(obs) : null;
                        } else if (JournalSet.DECISIONS.equals(name)) {
                            line = cursor.nextDecision(decision) ? RecordText.decision(decision) : null;
                        } else {
                            line = cursor.nextRouted(decision, obs)
                                    ? RecordText.decision(decision) + "\n    " + RecordText.observation(obs) : null;
                        }
                        if (line == null) {
                            break;
                        }
                        System.out.println(cursor.index() + " " + line);
                    }
                }
            }
            return 0;
        }

        private void dumpText(final String name, final RollCycles roll) {
            try (TextJournal j = TextJournal.open(dir, name, roll); TextJournal.Reader r = j.reader()) {
                String json;
                for (long n = 0; n < limit && (json = r.next()) != null; n++) {
                    System.out.println(json);
                }
            }
        }
    }

    /** Queues of one JSON record per document (alert system and pressure controller). */
    static final List<String> TEXT_JOURNALS = List.of(AlertSystem.STATE_QUEUE, AlertSystem.ACK_QUEUE,
            QueueAlertChannel.QUEUE, PressureController.QUEUE);
}
