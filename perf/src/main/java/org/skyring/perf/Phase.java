package org.skyring.perf;

/**
 * One measured phase of one system: {@code offeredRate} observations per second (0 = as fast as the system
 * takes them) for at most {@code maxCount} observations or {@code maxSeconds}, whichever comes first.
 */
record Phase(String name, long offeredRate, long maxCount, double maxSeconds) {
    static Phase maxThroughput(final String name, final long maxCount, final double maxSeconds) {
        return new Phase(name, 0, maxCount, maxSeconds);
    }

    /**
     * A fixed rate for {@code seconds}: {@code rate * seconds} observations at evenly spaced intended times. A
     * system that falls behind is given three times as long before the phase stops (and is marked saturated).
     */
    static Phase fixedRate(final long rate, final double seconds) {
        return new Phase("rate_" + rate, rate, Math.max(1, (long) (rate * seconds)), 3 * seconds);
    }

    boolean isMaxThroughput() {
        return offeredRate == 0;
    }
}
