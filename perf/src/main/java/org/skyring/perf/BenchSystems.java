package org.skyring.perf;

import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.config.WaitStrategyChoice;

import java.util.List;

/** The names of the systems compared, in table order, and how to open each for a run. */
final class BenchSystems {
    static final String SKYRING = "skyring";
    static final String BLOCKING_QUEUE = "blocking_queue";
    static final String KAFKA_STREAMS = "kafka_streams";
    static final String RING_LIMIT = "ring_limit";
    static final String JOURNAL_LIMIT = "journal_limit";
    static final List<String> ALL = List.of(SKYRING, BLOCKING_QUEUE, KAFKA_STREAMS, RING_LIMIT, JOURNAL_LIMIT);

    private BenchSystems() {
    }

    static SystemUnderTest open(final String name, final Workload w, final ThreadLayout layout,
                                final WaitStrategyChoice wait) {
        switch (name) {
            case SKYRING:
                return new SkyringSystem(w, layout, wait);
            case BLOCKING_QUEUE:
                return new BlockingQueueSystem(w, layout);
            case KAFKA_STREAMS:
                return new KafkaStreamsSystem(w);
            case RING_LIMIT:
                return new DisruptorLimitSystem(w, layout, wait);
            case JOURNAL_LIMIT:
                return new JournalLimitSystem(w);
            default:
                throw new IllegalArgumentException("unknown system \"" + name + "\"; allowed: " + ALL);
        }
    }
}
