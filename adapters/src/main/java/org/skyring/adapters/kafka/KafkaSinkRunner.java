package org.skyring.adapters.kafka;

import net.openhft.chronicle.queue.RollCycle;
import org.apache.kafka.common.KafkaException;
import org.skyring.engine.config.SkyringConfig;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link KafkaSink} on its own thread beside the engine ({@code kafka.sink.enabled}): forwards while the
 * engine runs, and after {@link #finish()} drains what is left and closes. A delivery failure is reported and
 * retried (the batch's cursor has not moved), so a broker outage delays output but never loses it.
 */
public final class KafkaSinkRunner implements AutoCloseable {
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long RETRY_MILLIS = 1000;
    /** How long {@link #finish()} lets the sink drain before giving up (unsent records stay behind the cursor). */
    private static final long DRAIN_MILLIS = 30_000;

    private final AtomicBoolean engineDone = new AtomicBoolean();
    private final Thread thread;
    private volatile Throwable fatal;
    private volatile long forwarded;

    public KafkaSinkRunner(final Path dataDir, final RollCycle rollCycle, final SkyringConfig config) {
        thread = new Thread(() -> loop(dataDir, rollCycle, config), "skyring-kafka-sink");
        thread.setDaemon(true);
    }

    public KafkaSinkRunner start() {
        thread.start();
        return this;
    }

    private void loop(final Path dataDir, final RollCycle rollCycle, final SkyringConfig config) {
        try (KafkaSink sink = new KafkaSink(dataDir, rollCycle, config)) {
            while (true) {
                final boolean last = engineDone.get(); // read before the pass: nothing can be appended after it
                int n;
                try {
                    n = sink.forwardOnce();
                } catch (KafkaException e) {
                    if (Thread.interrupted()) {
                        return; // finish() gave up waiting: the cursor has not moved past anything unsent
                    }
                    System.err.println("skyring: " + e.getMessage() + ": " + e.getCause());
                    Thread.sleep(RETRY_MILLIS);
                    continue;
                }
                forwarded = sink.forwarded();
                if (n == 0) {
                    if (last) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.sleep(IDLE_NANOS);
                }
            }
        } catch (InterruptedException e) {
            // finish() gave up waiting; the flag is cleared so that closing the sink can complete
        } catch (RuntimeException | Error e) {
            fatal = e;
        }
    }

    /**
     * The engine has stopped: forward the rest, close, and return the number of records forwarded. If the
     * brokers cannot take it within 30 s (an outage), the sink stops anyway so that shutdown never hangs: what
     * was not acknowledged stays behind its cursor and is sent by the next run.
     */
    public long finish() {
        engineDone.set(true);
        try {
            thread.join(DRAIN_MILLIS);
            if (thread.isAlive()) {
                System.err.println("skyring: kafka sink could not drain in " + DRAIN_MILLIS / 1000
                        + " s; the rest is sent on the next start");
                thread.interrupt();
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fatal != null) {
            throw new IllegalStateException("kafka sink failed: " + fatal.getMessage(), fatal);
        }
        return forwarded;
    }

    @Override
    public void close() {
        finish();
    }
}
