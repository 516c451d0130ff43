package org.skyring.adapters.avro;

import net.openhft.chronicle.queue.RollCycles;
import org.skyring.adapters.AlertDecoder;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.ObservationSource;

import java.nio.file.Path;
import java.util.List;

/**
 * Builds the Avro decoders and file sources from the config, for the CLI ({@code --input ztf-avro:PATH},
 * {@code --input rubin-avro:PATH}) and for transports that carry the same packets (Kafka).
 */
public final class AvroSources {
    public static final List<String> FORMATS = List.of(ZtfAlertDecoder.FORMAT, RubinAlertDecoder.FORMAT);

    private AvroSources() {
    }

    public static boolean isFormat(final String format) {
        return FORMATS.contains(format);
    }

    /**
     * A decoder of {@code format} ("ztf-avro" or "rubin-avro") configured by {@code avro.*}.
     *
     * @param cutouts receives image stamps, or null to skip them
     */
    public static AlertDecoder decoder(final String format, final SkyringConfig.Avro config, final CutoutSink cutouts) {
        if (ZtfAlertDecoder.FORMAT.equals(format)) {
            return new ZtfAlertDecoder(config.maxMessageBytes(), cutouts);
        }
        if (RubinAlertDecoder.FORMAT.equals(format)) {
            return new RubinAlertDecoder(config.maxMessageBytes(), registry(config), cutouts);
        }
        throw new IllegalArgumentException("unknown Avro format \"" + format + "\"; allowed: " + FORMATS);
    }

    public static RubinSchemaRegistry registry(final SkyringConfig.Avro config) {
        final String dir = config.rubinSchemaDir();
        return RubinSchemaRegistry.of(dir.isEmpty() ? null : Path.of(dir), config.rubinSchemaRegistryUrl());
    }

    /**
     * The cutout store of {@code dataDir} when {@code avro.keep_cutouts} is on, else null. A writer shared by every
     * source of the data directory (reference-counted): each caller closes what it got.
     */
    public static CutoutStore cutoutStore(final SkyringConfig config, final Path dataDir) {
        return config.avro().keepCutouts() && dataDir != null
                ? CutoutStore.openForWriting(dataDir, RollCycles.valueOf(config.engine().rollCycle()),
                        config.avro().cutoutIndexEntries())
                : null;
    }

    /**
     * A file source of {@code format} over {@code pathOrGlob}; with {@code avro.keep_cutouts} the stamps go to
     * the cutout store of {@code dataDir}, which the source closes.
     */
    public static ObservationSource fileSource(final String format, final String pathOrGlob,
                                               final SkyringConfig config, final Path dataDir) {
        final SkyringConfig.Avro avro = config.avro();
        final CutoutStore store = cutoutStore(config, dataDir);
        try {
            return AlertFileSource.open(decoder(format, avro, store), pathOrGlob, avro.maxMessageBytes(), store);
        } catch (final RuntimeException e) {
            if (store != null) {
                store.close();
            }
            throw e;
        }
    }
}
