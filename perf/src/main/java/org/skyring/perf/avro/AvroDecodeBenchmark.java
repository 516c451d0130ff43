package org.skyring.perf.avro;

import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.skyring.adapters.AlertDecoder;
import org.skyring.adapters.avro.RubinAlertDecoder;
import org.skyring.adapters.avro.ZtfAlertDecoder;
import org.skyring.journal.ObservationRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Avro decoding of real alert packets on one thread (one core): the decoders Skyring ships against a plain
 * {@link GenericDatumReader} loop over each message ({@link DataFileStream} per message, full records, the usual
 * way to read a ZTF Kafka value). One operation = one message = one alert (single-record packets only).
 *
 * <p>Packets: every single-record file of ../shared/data/ztf/native and ztf/fink_reencoded_v4.02 (ZTF) and of
 * ../shared/data/lsst/fink_* (Rubin, Fink re-encoded containers), read once into memory, decoded round-robin.
 * Run: see perf/README.md ("Avro decoding").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class AvroDecodeBenchmark {
    /** "ztf" or "rubin". */
    @Param({"ztf", "rubin"})
    public String survey;

    private List<byte[]> packets;
    private int next;
    private AlertDecoder shipped;
    private AlertDecoder shippedWithCutouts;
    private final long[] sinkCounter = new long[1];
    private AlertDecoder.Sink sink;

    @Setup(Level.Trial)
    public void load() {
        final Path data = sharedData();
        packets = "ztf".equals(survey)
                ? singleRecordPackets(data.resolve("ztf/native"), data.resolve("ztf/fink_reencoded_v4.02"))
                : singleRecordPackets(data.resolve("lsst/fink_rubin_lsstcam_v9_0"), data.resolve("lsst/fink_hsc_cosmos_ap_v9_0"));
        shipped = "ztf".equals(survey) ? new ZtfAlertDecoder(Integer.MAX_VALUE, null)
                : new RubinAlertDecoder(Integer.MAX_VALUE, null, null);
        shippedWithCutouts = "ztf".equals(survey) ? new ZtfAlertDecoder(Integer.MAX_VALUE, (id, kind, name, stamp) -> { })
                : new RubinAlertDecoder(Integer.MAX_VALUE, null, (id, kind, name, stamp) -> { });
        sink = (ObservationRecord o) -> sinkCounter[0] += o.observationTimeNanos;
    }

    private byte[] nextPacket() {
        final byte[] p = packets.get(next);
        next = next + 1 == packets.size() ? 0 : next + 1;
        return p;
    }

    /** Skyring's decoder as a Kafka source uses it: cached schema and resolver, projection, no cutouts. */
    @Benchmark
    public long shippedDecoder() {
        final byte[] p = nextPacket();
        return shipped.decode(p, p.length, "bench", sink) + sinkCounter[0];
    }

    /** The same, keeping the three stamps (handed to a cutout sink that drops them). */
    @Benchmark
    public long shippedDecoderWithCutouts() {
        final byte[] p = nextPacket();
        return shippedWithCutouts.decode(p, p.length, "bench", sink) + sinkCounter[0];
    }

    /** The plain loop: a DataFileStream and GenericDatumReader per message, full GenericRecords. */
    @Benchmark
    public void plainGenericDatumReader(final Blackhole bh) throws IOException {
        final byte[] p = nextPacket();
        try (DataFileStream<GenericRecord> s = new DataFileStream<>(new ByteArrayInputStream(p),
                new GenericDatumReader<>())) {
            while (s.hasNext()) {
                final GenericRecord r = s.next();
                bh.consume(r.get("ztf".equals(survey) ? "candidate" : "diaSource"));
            }
        }
    }

    static Path sharedData() {
        final Path p = Path.of(System.getProperty("skyring.shared.dir", "../shared")).resolve("data");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("no shared data at " + p.toAbsolutePath()
                    + " (set -Dskyring.shared.dir=DIR holding data/)");
        }
        return p;
    }

    static List<byte[]> singleRecordPackets(final Path... dirs) {
        final List<byte[]> out = new ArrayList<>();
        for (final Path dir : dirs) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (final Path f : s.filter(x -> x.toString().endsWith(".avro")).sorted().toList()) {
                    final byte[] bytes = Files.readAllBytes(f);
                    try (DataFileStream<GenericRecord> in = new DataFileStream<>(new ByteArrayInputStream(bytes),
                            new GenericDatumReader<>())) {
                        int n = 0;
                        while (in.hasNext()) {
                            in.next();
                            n++;
                        }
                        if (n == 1) {
                            out.add(bytes);
                        }
                    } catch (final IOException | RuntimeException e) {
                        // corrupt or unreadable by the plain reader: not a fair benchmark input
                    }
                }
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Runs the benchmark and prints alerts/s side by side per survey, with the ratio of medians to the plain loop. */
    public static void main(final String[] args) throws Exception {
        final Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(AvroDecodeBenchmark.class.getSimpleName())
                .jvmArgsPrepend(System.getProperty("skyring.jvm.args", "").split(" +"))
                .build()).run();
        final TreeMap<String, TreeMap<String, double[]>> table = new TreeMap<>();
        for (final RunResult r : results) {
            final String bench = r.getParams().getBenchmark().replaceAll(".*\\.", "");
            final String surveyParam = r.getParams().getParam("survey");
            final var stats = r.getPrimaryResult().getStatistics();
            table.computeIfAbsent(surveyParam, k -> new TreeMap<>()).put(bench, new double[] {
                stats.getPercentile(50), stats.getMin(), stats.getMax()});
        }
        System.out.println();
        System.out.println("Avro decoding, alerts/s on one thread: median [min..max] of the measurement iterations,"
                + " one JMH run");
        table.forEach((s, rows) -> {
            final double plain = rows.get("plainGenericDatumReader")[0];
            rows.forEach((bench, v) -> System.out.printf(Locale.ROOT,
                    "  %-6s %-28s %10.0f [%8.0f .. %8.0f]   x%.1f vs plain (medians)%n",
                    s, bench, v[0], v[1], v[2], v[0] / plain));
        });
    }
}
