package org.skyring.adapters.alert;

import org.skyring.engine.alert.AlertSystem;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.stage.RoutingTable;
import org.skyring.journal.Band;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalAppender;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Real Chronicle alert queues and a controlled clock for alert-system tests . */
public final class AlertFixtures {
    public static final RollCycles ROLL = RollCycles.FAST_HOURLY;
    public static final long T0 = 1_760_000_000_000_000_000L;
    public static final long MS = 1_000_000L;

    private AlertFixtures() {
    }

    /** A controlled clock: tests move time by hand. */
    public static final class ManualClock implements org.agrona.concurrent.EpochNanoClock {
        private final AtomicLong now = new AtomicLong(T0);

        @Override
        public long nanoTime() {
            return now.get();
        }

        public void advanceMillis(final long ms) {
            now.addAndGet(ms * MS);
        }

        public void set(final long nanos) {
            now.set(nanos);
        }
    }

    /** Appends a critical decision for observation {@code id} to the data directory's alert queue, as the router does. */
    public static void appendCritical(final Path dir, final String id, final long inputIndex) {
        try (ChronicleQueue q = JournalSet.openQueue(dir, Destination.ALERT.queueName(), ROLL);
             JournalAppender a = new JournalAppender(q)) {
            final ObservationRecord o = new ObservationRecord();
            o.observationId.set(id);
            o.sourceFacility.set("ZTF");
            o.raDeg = 150.25;
            o.decDeg = -12.5;
            o.band = Band.R;
            o.value = 17.2;
            o.observationTimeNanos = T0 - 60_000 * MS;
            final DecisionRecord d = new DecisionRecord();
            d.inputIndex = inputIndex;
            d.observationId.set(id);
            d.category = Category.CRITICAL;
            d.urgency = 0.97;
            d.significance = 0.95;
            d.riseRateMagPerDay = 1.4;
            d.configVersion.set("cfg-test");
            d.modelVersion.set("rules-1");
            RoutingTable.route(d, o);
            a.appendRouted(d, o);
        }
    }

    /** The default alert config with the given channels, chain and timeout. */
    public static SkyringConfig.Alerts alerts(final List<String> channels, final List<String> chain,
                                              final long ackTimeoutMs, final int maxEscalations) {
        final SkyringConfig.Alerts d = SkyringConfig.loadDefault().alerts();
        return new SkyringConfig.Alerts(true, channels, chain, true, ackTimeoutMs, maxEscalations, 100, 1_000, 2.0,
                d.webhooks(), "", d.kafkaTopic(), d.http());
    }

    public static AlertSystem open(final Path dir, final SkyringConfig.Alerts config,
                                   final Map<String, org.skyring.engine.port.AlertChannel> channels,
                                   final ManualClock clock, final ChronicleQueue alertQueue) {
        final AlertSystem s = new AlertSystem(dir, ROLL, alertQueue, config, channels, clock);
        s.onStart();
        return s;
    }

    /** Runs duty cycles until one does no work. */
    public static void settle(final AlertSystem s) {
        for (int i = 0; i < 100 && s.doWork() > 0; i++) {
            // keep going
        }
    }
}
