package org.skyring.perf.avro;

import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.skyring.adapters.AlertDecoder;
import org.skyring.adapters.avro.RubinAlertDecoder;
import org.skyring.adapters.avro.ZtfAlertDecoder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The same comparison as {@link AvroDecodeBenchmark}, interleaved: each round decodes the same packets with the
 * shipped decoder, the shipped decoder keeping cutouts, and the plain GenericDatumReader loop, one after the
 * other, so all three see the same machine load (the shared 2-core machine's load swings by 10x between JMH
 * forks). Rates are alerts per second of the decoding thread's CPU time (one core's work, whatever else runs).
 * Prints the median alerts/s of each and the median of the per-round ratios.
 *
 * <p>Args: {@code [rounds] [packetsPerRound]} (default 15 and 150), after 3 warm-up rounds.
 */
public final class AvroDecodeSideBySide {
    private static long sink;

    private AvroDecodeSideBySide() {
    }

    public static void main(final String[] args) throws IOException {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        final int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        final Path data = AvroDecodeBenchmark.sharedData();
        System.out.println("Avro decoding side by side, one thread, alerts per CPU-second; " + rounds + " rounds of "
                + perRound + " packets per decoder after 3 warm-up rounds; medians");
        run("ztf", AvroDecodeBenchmark.singleRecordPackets(data.resolve("ztf/native"),
                data.resolve("ztf/fink_reencoded_v4.02")), new ZtfAlertDecoder(Integer.MAX_VALUE, null),
                new ZtfAlertDecoder(Integer.MAX_VALUE, (id, kind, name, stamp) -> sink += stamp.remaining()),
                "candidate", rounds, perRound);
        run("rubin", AvroDecodeBenchmark.singleRecordPackets(data.resolve("lsst/fink_rubin_lsstcam_v9_0"),
                data.resolve("lsst/fink_hsc_cosmos_ap_v9_0")), new RubinAlertDecoder(Integer.MAX_VALUE, null, null),
                new RubinAlertDecoder(Integer.MAX_VALUE, null, (id, kind, name, stamp) -> sink += stamp.remaining()),
                "diaSource", rounds, perRound);
        System.out.println("(checksum " + sink + ")");
    }

    private static void run(final String survey, final List<byte[]> packets, final AlertDecoder shipped,
                            final AlertDecoder withCutouts, final String field, final int rounds, final int perRound)
            throws IOException {
        final List<double[]> rows = new ArrayList<>();
        int next = 0;
        for (int r = 0; r < rounds + 3; r++) {
            final int from = next;
            next = (next + perRound) % packets.size();
            final double a = rate(() -> decodeAll(shipped, packets, from, perRound), perRound);
            final double aBytes = lastBytesPerAlert;
            final double b = rate(() -> decodeAll(withCutouts, packets, from, perRound), perRound);
            final double bBytes = lastBytesPerAlert;
            final double c = rate(() -> plainAll(packets, from, perRound, field), perRound);
            if (r >= 3) {
                rows.add(new double[] {a, b, c, a / c, b / c, aBytes, bBytes, lastBytesPerAlert});
            }
        }
        System.out.printf(Locale.ROOT, "  %-6s %-26s %9.0f alerts/s %9.1f KB allocated/alert%n", survey,
                "shippedDecoder", median(rows, 0), median(rows, 5) / 1024);
        System.out.printf(Locale.ROOT, "  %-6s %-26s %9.0f alerts/s %9.1f KB allocated/alert%n", survey,
                "shippedDecoderWithCutouts", median(rows, 1), median(rows, 6) / 1024);
        System.out.printf(Locale.ROOT, "  %-6s %-26s %9.0f alerts/s %9.1f KB allocated/alert%n", survey,
                "plainGenericDatumReader", median(rows, 2), median(rows, 7) / 1024);
        System.out.printf(Locale.ROOT, "  %-6s median ratio shipped/plain x%.1f, with cutouts/plain x%.1f (%d packets)%n",
                survey, median(rows, 3), median(rows, 4), packets.size());
    }

    private interface Work {
        void run() throws IOException;
    }

    /**
     * Alerts per second of this thread's CPU time: on a machine shared with other jobs, wall-clock time also
     * counts the time the thread waited for a core; CPU time is what one core spends decoding.
     */
    private static double rate(final Work work, final int count) throws IOException {
        final long a0 = CPU.getCurrentThreadAllocatedBytes();
        final long t0 = CPU.getCurrentThreadCpuTime();
        work.run();
        final double perSecond = count / ((CPU.getCurrentThreadCpuTime() - t0) / 1e9);
        lastBytesPerAlert = (CPU.getCurrentThreadAllocatedBytes() - a0) / (double) count;
        return perSecond;
    }

    private static final com.sun.management.ThreadMXBean CPU =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    /** Bytes allocated per alert by the last {@link #rate} call (HotSpot's per-thread allocation counter). */
    private static double lastBytesPerAlert;

    private static void decodeAll(final AlertDecoder d, final List<byte[]> packets, final int from, final int n) {
        for (int i = 0; i < n; i++) {
            final byte[] p = packets.get((from + i) % packets.size());
            d.decode(p, p.length, "bench", o -> sink += o.observationTimeNanos);
        }
    }

    private static void plainAll(final List<byte[]> packets, final int from, final int n, final String field)
            throws IOException {
        for (int i = 0; i < n; i++) {
            final byte[] p = packets.get((from + i) % packets.size());
            try (DataFileStream<GenericRecord> s = new DataFileStream<>(new ByteArrayInputStream(p),
                    new GenericDatumReader<>())) {
                while (s.hasNext()) {
                    sink += s.next().get(field).hashCode();
                }
            }
        }
    }

    private static double median(final List<double[]> rows, final int col) {
        final double[] v = rows.stream().mapToDouble(r -> r[col]).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
