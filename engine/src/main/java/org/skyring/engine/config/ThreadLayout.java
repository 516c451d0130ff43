package org.skyring.engine.config;

/** How the stages are spread over ring consumer threads (measured table: perf/README.md, "Thread layouts"). */
public enum ThreadLayout {
    /** Journal-in on one thread; every decision stage on a second: two consumers for two cores. */
    COMPACT,
    /** One thread per stage, cross-match and artifact features in parallel: the design diagram, literally. */
    PER_STAGE,
    /** Everything on one consumer thread. */
    SINGLE
}
