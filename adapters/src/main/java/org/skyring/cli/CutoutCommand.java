package org.skyring.cli;

import net.openhft.chronicle.queue.RollCycles;
import org.skyring.adapters.avro.CutoutStore;
import org.skyring.engine.config.SkyringConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code skyring cutout}: writes the image stamps of one observation (kept by the Avro sources in
 * {@code DIR/cutouts}) as files, byte for byte as the alert carried them: ZTF gzipped FITS, Rubin FITS.
 */
@Command(name = "cutout", mixinStandardHelpOptions = true,
        description = "Write the cutouts (science, template, difference) of one observation as files.")
final class CutoutCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--dir", required = true, description = "Data directory of the run that read the alerts.")
    Path dir;

    @Option(names = "--id", required = true, description = "Observation id (ZTF candid, Rubin diaSourceId).")
    String id;

    @Option(names = "--out", description = "Output directory (default: the current directory).")
    Path out = Path.of(".");

    @Option(names = "--config", description = "Config file of that run (default: the shipped config).")
    Path config;

    @Override
    public Integer call() {
        final SkyringConfig cfg = EngineAssembly.config(config);
        final Map<String, CutoutStore.Stamp> stamps;
        try (CutoutStore store = CutoutStore.openForReading(dir, RollCycles.valueOf(cfg.engine().rollCycle()),
                cfg.avro().cutoutIndexEntries())) {
            stamps = store.find(id);
        }
        if (stamps.isEmpty()) {
            System.err.println("skyring cutout: no cutouts for observation id " + id + " in " + dir.resolve("cutouts"));
            return 1;
        }
        try {
            Files.createDirectories(out);
            for (final CutoutStore.Stamp s : stamps.values()) {
                final Path file = out.resolve(fileName(id, s));
                Files.write(file, s.data());
                System.out.println(file + " (" + s.data().length + " bytes" + (s.fileName().isEmpty() ? ""
                        : ", alert file name " + s.fileName()) + ")");
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("writing cutouts to " + out, e);
        }
        return 0;
    }

    /** {@code <id>-<kind>.fits.gz} for gzip data (ZTF), {@code .fits} otherwise (Rubin). */
    static String fileName(final String id, final CutoutStore.Stamp s) {
        final byte[] d = s.data();
        final boolean gzip = d.length > 1 && (d[0] & 0xff) == 0x1f && (d[1] & 0xff) == 0x8b;
        return id + "-" + s.kind() + (gzip ? ".fits.gz" : ".fits");
    }
}
