package org.skyring.engine.stage;

import org.skyring.engine.ring.ObservationEvent;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.Destination;
import org.skyring.journal.JournalAppender;
import org.skyring.journal.JournalSet;

/**
 * Routes each decided observation: appends it to every destination queue of its category, then appends the
 * decision to the decision journal. The decision is written last, so "the decision journal holds input
 * index i" means "i is completely routed".
 *
 * <p>Exactly-once after a crash: on restart every input-journal entry is replayed through the ring in order,
 * and an output is written only if its queue's last input index (read once at start-up) is below the entry's.
 * A single thread writes all outputs in input order, so at most one entry can be partly routed, and this check
 * completes it without writing anything twice.
 */
public final class Router implements Stage {
    public static final String NAME = "route";

    private final JournalSet journals;
    private final long[] lastRoutedInput = new long[Destination.values().length];
    private final long lastDecidedInput;
    private final EngineCounters counters;
    private final JournalAppender[] appenders = new JournalAppender[Destination.values().length];
    private final Destination[] destinations = Destination.all();
    private JournalAppender decisionAppender;

    /**
     * @param lastRoutedInput  per destination, the last input index already in its queue (-1 if empty)
     * @param lastDecidedInput the last input index already in the decision journal (-1 if empty)
     */
    public Router(final JournalSet journals, final long[] lastRoutedInput, final long lastDecidedInput,
                  final EngineCounters counters) {
        this.journals = journals;
        System.arraycopy(lastRoutedInput, 0, this.lastRoutedInput, 0, lastRoutedInput.length);
        this.lastDecidedInput = lastDecidedInput;
        this.counters = counters;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onStart() {
        decisionAppender = new JournalAppender(journals.decisions());
        for (final Destination d : destinations) {
            appenders[d.ordinal()] = new JournalAppender(journals.destination(d));
        }
    }

    @Override
    public void onEvent(final ObservationEvent e) {
        final DecisionRecord d = e.decision;
        d.inputIndex = e.inputIndex;
        RoutingTable.route(d, e.obs);
        final long input = e.inputIndex;
        if (input <= lastDecidedInput) {
            counters.countAlreadyDecided(); // fully routed before the restart
            return;
        }
        for (final Destination dest : destinations) {
            if (dest.isIn(d.destinations) && input > lastRoutedInput[dest.ordinal()]) {
                appenders[dest.ordinal()].appendRouted(d, e.obs);
            }
        }
        decisionAppender.appendDecision(d);
        counters.count(d, e.obs.truthLabel, e.kind == ObservationEvent.Kind.RECOVERED);
    }

    @Override
    public void onShutdown() {
        decisionAppender.close();
        for (final JournalAppender a : appenders) {
            a.close();
        }
    }
}
