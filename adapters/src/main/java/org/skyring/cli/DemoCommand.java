package org.skyring.cli;

import org.skyring.adapters.generator.GeneratedNightSource;
import org.skyring.adapters.generator.NightGenerator;
import org.skyring.catalog.SkyCatalog;
import org.skyring.engine.Engine;
import org.skyring.engine.RunResult;
import org.skyring.engine.RunSpec;
import org.skyring.engine.RunSummary;
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.config.SkyringConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code skyring demo}: a generated night through the real engine, with real journals, scored against truth. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a night of observations and run it through the engine.")
final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--count", description = "Observations to generate (default: ${DEFAULT-VALUE}).")
    long count = 1_000_000;

    @Option(names = "--dir", description = "Data directory (default: a new directory, printed).")
    Path dir;

    @Option(names = "--summary", description = "Write the run summary as JSON to this file.")
    Path summary;

    @Option(names = "--config", description = "Config file (default: the shipped config/skyring.yaml).")
    Path config;

    @Option(names = "--seed", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed = 2026;

    @Option(names = "--model", description = "Classification model file (skyring model train); "
            + "default: classification.model.file of the config (empty = rules only).")
    Path model;

    @Override
    public Integer call() throws IOException {
        final SkyringConfig cfg = EngineAssembly.config(config);
        final Path data = dir != null ? dir : Files.createTempDirectory("skyring-demo-");
        System.out.println("skyring demo: " + count + " observations, data directory " + data.toAbsolutePath());
        System.out.println("skyring demo: live counters from another terminal: ./scripts/skyring stat --dir "
                + data.toAbsolutePath());
        final long t0 = System.nanoTime();
        SkyCatalog catalog = EngineAssembly.catalog(cfg);
        if (cfg.knownObjects().syntheticCatalog()) {
            // Persist the generated sky and run on the memory-mapped file, as a real catalog would be used;
            // `skyring catalog query --catalog DIR/catalog.skycat` then answers against what the night saw.
            final Path file = data.resolve("catalog.skycat");
            catalog.writeTo(file);
            catalog = SkyCatalog.open(file);
        }
        System.out.printf("skyring demo: catalog %s (%d sources) ready in %.1f s%n", catalog.version(), catalog.size(),
                (System.nanoTime() - t0) / 1e9);
        // The night happened over the last ten hours, so every observation time precedes its received time.
        final long nightStart = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) - TimeUnit.HOURS.toNanos(10);
        final NightGenerator generator = new NightGenerator(catalog, seed, nightStart);
        final Engine engine = model != null ? new Engine(cfg, catalog, ClassModel.load(model)) : new Engine(cfg, catalog);
        final RunResult result;
        try (PrometheusEndpoint metrics = EngineAssembly.prometheus(cfg, data, System.out)) {
            result = engine.alertChannels(EngineAssembly.alertChannels(cfg, data))
                    .run(RunSpec.live(data, List.of(new GeneratedNightSource(generator, count)), true,
                            new AtomicBoolean()));
        }
        EngineAssembly.printSummary(System.out, "skyring demo: summary", RunSummary.of(result), summary);
        System.out.println("replay it with: ./scripts/skyring replay --journal " + data.toAbsolutePath());
        return 0;
    }
}
