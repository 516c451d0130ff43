package org.skyring.engine;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.skyring.engine.port.ObservationSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one engine run does.
 *
 * @param dataDir     where the journals live (created if new; resumed if not)
 * @param recoverFrom the data directory whose input journal is re-run first: {@code dataDir} itself for a
 *                    restart, another directory for {@code skyring replay}
 * @param sources     live sources, polled after recovery
 * @param untilIdle   stop once every source is exhausted and the ring has drained
 * @param stop        set by a signal handler to drain and stop
 * @param clock       stamps received time at journal-in (the only clock a decision ever sees, via the journal)
 */
public record RunSpec(Path dataDir, Path recoverFrom, List<ObservationSource> sources, boolean untilIdle,
                      AtomicBoolean stop, EpochNanoClock clock) {

    public static RunSpec live(final Path dataDir, final List<ObservationSource> sources, final boolean untilIdle,
                               final AtomicBoolean stop) {
        return new RunSpec(dataDir, dataDir, sources, untilIdle, stop, new SystemEpochNanoClock());
    }

    public static RunSpec replay(final Path originalDir, final Path replayDir) {
        return new RunSpec(replayDir, originalDir, List.of(), true, new AtomicBoolean(), new SystemEpochNanoClock());
    }

    public boolean isReplay() {
        return !recoverFrom.toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize());
    }
}
