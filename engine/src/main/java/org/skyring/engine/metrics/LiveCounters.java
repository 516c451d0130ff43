package org.skyring.engine.metrics;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The engine's live counters in {@link CountersFile}: allocates every counter at start-up (none on the hot path)
 * and hands each one to the single thread that writes it. Writers use {@code incrementRelease}/{@code setRelease}
 * (a plain store on x86, no lock, no allocation); readers in other processes see each value whole.
 *
 * <p>Who writes what: the ingest thread {@link #received()} and {@link #recovered()}; journal-in
 * {@link #journaled()} and {@link #duplicates()}; each ring consumer its stages' in/out counters; the routing
 * stage the decision counters ({@code EngineCounters}); the metrics thread the gauges and latency figures; the
 * backpressure controller {@link #setPressureLevel(int)}.
 */
public final class LiveCounters implements AutoCloseable {
    /** Room for every counter of the widest layout with a wide margin (about 130 are used). */
    public static final int MAX_COUNTERS = 512;
    /** Pressure level names by value: the backpressure controller's levels, in order. */
    public static final List<String> PRESSURE_LEVELS =
            java.util.Arrays.stream(org.skyring.engine.pressure.PressureLevel.values()).map(Enum::name).toList();

    private final CountersFile file;
    private final CountersManager manager;
    private final AtomicCounter received;
    private final AtomicCounter recovered;
    private final AtomicCounter journaled;
    private final AtomicCounter duplicates;
    private final AtomicCounter ringRemainingCapacity;
    private final AtomicCounter journalLag;
    private final AtomicCounter pressureLevel;
    private final AtomicCounter heartbeat;

    private LiveCounters(final CountersFile file) {
        this.file = file;
        this.manager = new CountersManager(file.metadataBuffer(), file.valuesBuffer(), StandardCharsets.US_ASCII);
        received = counter(ObservationCount.RECEIVED);
        recovered = counter(ObservationCount.RECOVERED);
        journaled = counter(ObservationCount.JOURNALED);
        duplicates = counter(ObservationCount.DUPLICATES);
        ringRemainingCapacity = counter(CounterKind.GAUGE, GaugeName.RING_REMAINING_CAPACITY.key());
        journalLag = counter(CounterKind.GAUGE, GaugeName.JOURNAL_LAG.key());
        pressureLevel = counter(CounterKind.GAUGE, GaugeName.PRESSURE_LEVEL.key());
        heartbeat = counter(CounterKind.GAUGE, GaugeName.HEARTBEAT_EPOCH_MS.key());
    }

    /** Creates {@code DIR/counters.dat} anew; call {@link #publish()} once every counter is allocated. */
    public static LiveCounters create(final Path dataDir) {
        return new LiveCounters(CountersFile.create(dataDir, MAX_COUNTERS));
    }

    /**
     * A counter in no file: what a component counts into until it is given its live counter, so that it has
     * one code path whether or not it runs inside an engine with a counters file.
     */
    public static AtomicCounter detached() {
        return new AtomicCounter(new UnsafeBuffer(new byte[CountersReader.COUNTER_LENGTH]), 0);
    }

    /** Allocates a counter; its label is {@code PREFIX.KEY}. Start-up only: this allocates. */
    public AtomicCounter counter(final CounterKind kind, final String key) {
        return manager.newCounter(kind.prefix() + "." + key, kind.typeId(), buffer -> buffer.putStringAscii(0, key));
    }

    public AtomicCounter counter(final ObservationCount count) {
        return counter(CounterKind.OBSERVATIONS, count.key());
    }

    /** Makes the file readable by other processes (after the last allocation, before the ring starts). */
    public void publish() {
        file.publish();
    }

    public AtomicCounter received() {
        return received;
    }

    public AtomicCounter recovered() {
        return recovered;
    }

    public AtomicCounter journaled() {
        return journaled;
    }

    public AtomicCounter duplicates() {
        return duplicates;
    }

    public AtomicCounter ringRemainingCapacity() {
        return ringRemainingCapacity;
    }

    public AtomicCounter journalLag() {
        return journalLag;
    }

    public AtomicCounter heartbeat() {
        return heartbeat;
    }

    /**
     * Sets the pressure level shown by {@code skyring stat} and Prometheus: 0 NORMAL, 1 MODERATE, 2 HIGH,
     * 3 CRITICAL ({@link #PRESSURE_LEVELS}). Called by the backpressure controller, its only writer.
     */
    public void setPressureLevel(final int level) {
        if (level < 0 || level >= PRESSURE_LEVELS.size()) {
            throw new IllegalArgumentException("pressure level " + level + " is not one of 0.." + (PRESSURE_LEVELS.size() - 1)
                    + " " + PRESSURE_LEVELS);
        }
        pressureLevel.setRelease(level);
    }

    public int pressureLevel() {
        return (int) pressureLevel.get();
    }

    /** Marks the file as ended (readers show the engine stopped) and unmaps it. No counter may be used after. */
    @Override
    public void close() {
        close(true);
    }

    /**
     * Marks the file as ended; unmaps it only if {@code writersStopped} (no thread can touch a counter any more),
     * otherwise leaves the mapping to the garbage collector, as writing to an unmapped page crashes the JVM.
     */
    public void close(final boolean writersStopped) {
        file.markEnded();
        if (writersStopped) {
            file.close();
        }
    }
}
