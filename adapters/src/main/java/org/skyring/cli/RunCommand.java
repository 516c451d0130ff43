package org.skyring.cli;

import net.openhft.chronicle.queue.RollCycles;
import org.skyring.adapters.kafka.KafkaSinkRunner;
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

    @Option(names = "--input", description = "FORMAT:PATH source (file, directory searched recursively, or glob); "
            + "formats: jsonl, ztf-avro (ZTF alert packets), rubin-avro (Rubin alerts: Confluent wire format or "
            + "Avro containers), voevent (.xml notices); kafka:TOPIC consumes a topic (config section kafka). "
            + "Repeatable.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--dir", description = "Data directory of the journals (default: ./skyring-data).")
    Path dir = Path.of("skyring-data");

    @Option(names = "--until-idle", description = "Exit once file sources are exhausted (Kafka topics read to their end and committed) and the ring is drained.")
    boolean untilIdle;

    @Option(names = "--summary", description = "Write the run summary as JSON to this file.")
    Path summary;

    @Override
    public Integer call() {
        final SkyringConfig cfg = EngineAssembly.config(config);
        final SkyCatalog catalog = EngineAssembly.catalog(cfg);
        final List<ObservationSource> sources = EngineAssembly.sources(inputs, cfg, dir, untilIdle, catalog);
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
        // kafka.sink.enabled: routed outputs go on to Kafka topics from a thread of their own (KafkaSinkRunner).
        final KafkaSinkRunner sink = cfg.kafka().sink().enabled()
                ? new KafkaSinkRunner(dir, RollCycles.valueOf(cfg.engine().rollCycle()), cfg).start() : null;
        final RunResult result;
        try (PrometheusEndpoint metrics = EngineAssembly.prometheus(cfg, dir, System.out);
             AckEndpoint endpoint = AckEndpoint.start(cfg, dir)) {
            result = new Engine(cfg, catalog).alertChannels(EngineAssembly.alertChannels(cfg, dir))
                    .run(RunSpec.live(dir, sources, untilIdle, stop));
            if (sink != null) {
                System.out.println("skyring run: forwarded " + sink.finish() + " routed records to Kafka");
            }
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
