package org.skyring.cli;

import org.skyring.catalog.SkyCatalog;
import org.skyring.engine.Engine;
import org.skyring.engine.RunResult;
import org.skyring.engine.RunSpec;
import org.skyring.engine.RunSummary;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.ObservationSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code skyring run}: the daemon. SIGTERM drains the ring and closes the journals before exit. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the engine (the daemon).")
final class RunCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--config", description = "Config file (default: the shipped config/skyring.yaml).")
    Path config;

    @Option(names = "--input", description = "FORMAT:PATH source (file, directory or glob); formats: jsonl. Repeatable.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--dir", description = "Data directory of the journals (default: ./skyring-data).")
    Path dir = Path.of("skyring-data");

    @Option(names = "--until-idle", description = "Exit once file sources are exhausted and the ring is drained.")
    boolean untilIdle;

    @Option(names = "--summary", description = "Write the run summary as JSON to this file.")
    Path summary;

    @Override
    public Integer call() {
        final SkyringConfig cfg = EngineAssembly.config(config);
        final SkyCatalog catalog = EngineAssembly.catalog(cfg);
        final List<ObservationSource> sources = EngineAssembly.sources(inputs);
        final AtomicBoolean stop = new AtomicBoolean();
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                stopped.await(); // keep the JVM alive until the ring is drained and journals are closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "skyring-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("skyring run: data directory " + dir.toAbsolutePath() + ", config " + cfg.version()
                + ", catalog " + catalog.version() + ", layout " + cfg.engine().layout().name().toLowerCase());
        final RunResult result;
        try (AckEndpoint endpoint = AckEndpoint.start(cfg, dir)) {
            result = new Engine(cfg, catalog).alertChannels(EngineAssembly.alertChannels(cfg, dir))
                    .run(RunSpec.live(dir, sources, untilIdle, stop));
        } finally {
            stopped.countDown();
        }
        EngineAssembly.printSummary(System.out, "skyring run: summary", RunSummary.of(result), summary);
        if (!stop.get()) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        return 0;
    }
}
