package org.skyring.engine.config;

/** How idle ring consumers wait. On 2 cores, spinning threads beyond the core count collapse throughput. */
public enum WaitStrategyChoice { YIELDING, SLEEPING, BLOCKING, BUSY_SPIN }
