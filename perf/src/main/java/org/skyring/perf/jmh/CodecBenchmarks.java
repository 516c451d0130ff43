package org.skyring.perf.jmh;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.JournalAppender;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationCodec;
import org.skyring.journal.ObservationRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The observation codec: encode and decode against an in-memory buffer, and the journal appends the engine does per
 * observation (journal-in's observation, the router's decision + observation) into a real Chronicle Queue in a
 * temporary directory (set {@code -Dskyring.bench.dir} to choose the file system).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CodecBenchmarks {
    private BenchData data;
    private final Bytes<?> buffer = Bytes.allocateElasticDirect(4096);
    private final ObservationRecord decoded = new ObservationRecord();
    private final DecisionRecord decision = new DecisionRecord();
    private Path dir;
    private ChronicleQueue queue;
    private JournalAppender appender;
    private int next;

    @Setup
    public void setUp() throws IOException {
        data = new BenchData();
        final String base = System.getProperty("skyring.bench.dir");
        dir = base == null ? Files.createTempDirectory("jmh-codec-")
                : Files.createTempDirectory(Files.createDirectories(Path.of(base)), "jmh-codec-");
        queue = JournalSet.openQueue(dir, JournalSet.INPUT, RollCycles.FAST_HOURLY);
        appender = new JournalAppender(queue);
        decision.observationId.set("ztf-0000-1");
        decision.configVersion.set("cfg-0123456789ab");
        decision.catalogVersion.set("synthetic-200000-42");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        appender.close();
        queue.close();
        buffer.releaseLast();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long encode() {
        buffer.clear();
        ObservationCodec.write(data.observation(next++), buffer);
        return buffer.writePosition();
    }

    @Benchmark
    public double decode() {
        buffer.clear();
        ObservationCodec.write(data.observation(next++), buffer);
        ObservationCodec.read(buffer, decoded);
        return decoded.raDeg;
    }

    /** Journal-in's append: one observation into the input queue. */
    @Benchmark
    public long appendObservation() {
        return appender.appendObservation(data.observation(next++));
    }

    /** The router's append to one destination: the decision followed by the observation. */
    @Benchmark
    public long appendRouted() {
        return appender.appendRouted(decision, data.observation(next++));
    }
}
