package org.skyring.perf;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.config.ThreadLayout;
import org.skyring.engine.config.WaitStrategyChoice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side harness ({@code scripts/bench}): runs every system of {@link BenchSystems} on the same generated
 * night, each in its own JVM, {@link Profile#repetitions} times interleaved (so a noisy minute hits every system),
 * and reports medians per phase plus ratios taken within each repetition (then their median).
 *
 * <pre>
 * BenchMain [--quick | --profile quick|full|tiny] [--json FILE] [--repeat N] [--systems a,b] [--layout L] [--wait W]
 * BenchMain --layouts [--quick] [--json FILE]   (every layout x wait strategy, Skyring and the ring limit)
 * BenchMain --systems skyring --soak 60 [--soak-rate R]   (adds a phase holding R obs/s, default 100 k, for 60 s)
 * </pre>
 */
public final class BenchMain {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Seconds and rate of the last, soak phase of every worker; 0 seconds = none. */
    private static double soakSeconds;
    private static long soakRatePerSecond;

    private BenchMain() {
    }

    public static void main(final String[] args) throws Exception {
        Profile profile = Profile.FULL;
        Path jsonFile = null;
        int repeat = -1;
        List<String> systems = BenchSystems.ALL;
        final SkyringConfig.Engine engine = SkyringConfig.loadDefault().engine();
        ThreadLayout layout = engine.layout();
        WaitStrategyChoice wait = engine.waitStrategy();
        boolean layouts = false;
        double soak = 0;
        long soakRate = BenchWorker.DEFAULT_SOAK_RATE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> profile = Profile.QUICK;
                case "--profile" -> profile = Profile.valueOf(enumName(value(args, ++i, "--profile")));
                case "--json" -> jsonFile = Path.of(value(args, ++i, "--json"));
                case "--repeat" -> repeat = Integer.parseInt(value(args, ++i, "--repeat"));
                case "--systems" -> systems = Arrays.asList(value(args, ++i, "--systems").split(","));
                case "--layout" -> layout = ThreadLayout.valueOf(enumName(value(args, ++i, "--layout")));
                case "--wait" -> wait = WaitStrategyChoice.valueOf(enumName(value(args, ++i, "--wait")));
                case "--layouts" -> layouts = true;
                case "--soak" -> soak = Double.parseDouble(value(args, ++i, "--soak"));
                case "--soak-rate" -> soakRate = Long.parseLong(value(args, ++i, "--soak-rate"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; usage: [--quick] [--json FILE] [--repeat N] [--systems a,b] [--layout L] [--wait W] [--layouts] [--soak S] [--soak-rate R]");
            }
        }
        final int reps = repeat > 0 ? repeat : profile.repetitions;
        soakSeconds = soak;
        soakRatePerSecond = soakRate;
        final Map<String, Object> report = layouts ? layoutSweep(profile, reps)
                : compare(profile, reps, systems, layout, wait);
        if (jsonFile != null) {
            if (jsonFile.toAbsolutePath().getParent() != null) {
                Files.createDirectories(jsonFile.toAbsolutePath().getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), report);
            System.out.println("bench: JSON written to " + jsonFile);
        }
    }

    private static Map<String, Object> compare(final Profile profile, final int reps, final List<String> systems,
                                               final ThreadLayout layout, final WaitStrategyChoice wait)
            throws IOException, InterruptedException {
        final List<Map<String, List<PhaseResult>>> runs = repeat(profile, reps, systems, layout, wait);
        final Map<String, Object> report = BenchReport.compare(runs, systems);
        report.put("machine", machine());
        report.put("profile", lower(profile));
        report.put("repetitions", reps);
        report.put("layout", lower(layout));
        report.put("wait_strategy", lower(wait));
        System.out.print(BenchReport.table(runs, systems, report));
        return report;
    }

    private static Map<String, Object> layoutSweep(final Profile profile, final int reps)
            throws IOException, InterruptedException {
        final List<String> systems = List.of(BenchSystems.SKYRING, BenchSystems.RING_LIMIT);
        final Map<String, Object> byConfig = new LinkedHashMap<>();
        final StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n| layout | wait strategy | Skyring obs/s | ring limit obs/s | p50 @100k | p99 @100k |%n|---|---|---|---|---|---|%n"));
        for (final ThreadLayout layout : ThreadLayout.values()) {
            for (final WaitStrategyChoice wait : WaitStrategyChoice.values()) {
                final List<Map<String, List<PhaseResult>>> runs = repeat(profile, reps, systems, layout, wait);
                final Map<String, Object> report = BenchReport.compare(runs, systems);
                byConfig.put(lower(layout) + "/" + lower(wait), report);
                table.append(BenchReport.layoutRow(lower(layout), lower(wait), report));
            }
        }
        System.out.print(table);
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("machine", machine());
        out.put("profile", lower(profile));
        out.put("repetitions", reps);
        out.put("layouts", byConfig);
        return out;
    }

    /** Every system once per repetition, interleaved, so a noisy minute hits all of them. */
    private static List<Map<String, List<PhaseResult>>> repeat(final Profile profile, final int reps,
                                                               final List<String> systems, final ThreadLayout layout,
                                                               final WaitStrategyChoice wait)
            throws IOException, InterruptedException {
        final List<Map<String, List<PhaseResult>>> runs = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            final Map<String, List<PhaseResult>> run = new LinkedHashMap<>();
            for (final String system : systems) {
                System.out.printf("bench: repetition %d/%d, %s (%s, %s)%n", r + 1, reps, system, lower(layout), lower(wait));
                run.put(system, fork(system, profile, layout, wait));
            }
            runs.add(run);
        }
        return runs;
    }

    /** Runs one system's phases in a child JVM with this JVM's flags and classpath. */
    private static List<PhaseResult> fork(final String system, final Profile profile, final ThreadLayout layout,
                                          final WaitStrategyChoice wait) throws IOException, InterruptedException {
        final List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Xms") && !a.startsWith("-Xmx")) {
                cmd.add(a);
            }
        }
        cmd.addAll(Arrays.asList(System.getProperty("skyring.bench.worker.heap", "-Xms3g -Xmx3g").split(" ")));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BenchWorker.class.getName());
        cmd.addAll(List.of(system, profile.name(), layout.name(), wait.name(), Double.toString(soakSeconds),
                Long.toString(soakRatePerSecond)));
        final Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final List<PhaseResult> results = new ArrayList<>();
        final ObjectMapper json = new ObjectMapper();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(BenchWorker.PREFIX)) {
                    results.add(PhaseResult.fromMap(json.readValue(line.substring(BenchWorker.PREFIX.length()), MAP)));
                }
            }
        }
        final int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("bench worker for " + system + " exited with " + exit);
        }
        return results;
    }

    private static Map<String, Object> machine() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("cpu", cpuModel());
        return m;
    }

    private static String cpuModel() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the JVM's view is all we report
        }
        return "unknown";
    }

    private static String value(final String[] args, final int i, final String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String enumName(final String s) {
        return s.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static String lower(final Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
