package org.skyring.adapters.jsonl;

import static org.skyring.adapters.jsonl.JsonFields.*;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Locale;
import org.skyring.journal.Band;
import org.skyring.journal.FixedAscii;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;
import org.skyring.journal.TruthLabel;

/**
 * Writes {@link ObservationRecord}s as JSON lines that {@link JsonLinesSource} reads back to the same record.
 * Absent values (NaN, -1, NO_TIME, empty, Band.NONE, TruthLabel.NONE) are omitted, so lines stay short and
 * "absent" survives the round trip. Doubles are written with Java's shortest round-tripping representation;
 * non-finite values other than NaN are written as the strings "Infinity"/"-Infinity" (standard JSON has no
 * token for them) and read back as such. Times are ISO-8601 UTC strings with nanoseconds by default (readable,
 * exact), or epoch nanoseconds ({@code *_ns}) when constructed with {@code isoTimes = false}.
 *
 * <p>Provenance stamped by adapters/engine (adapter, partition, offset, received time, host, engine version) is
 * not written: the reader would ignore it anyway. Cold path (demo tooling, tests): allocation is not a concern.
 */
public final class JsonLinesWriter implements Closeable, Flushable {
    private final JsonGenerator g;
    private final boolean isoTimes;

    public JsonLinesWriter(final Writer out, final boolean isoTimes) {
        try {
            this.g = ObservationJsonReader.FACTORY.createGenerator(out);
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        // One object per line: no space between root values, we write the newline ourselves.
        g.setRootValueSeparator(null);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.isoTimes = isoTimes;
    }

    public JsonLinesWriter(final Writer out) {
        this(out, true);
    }

    /** UTF-8 output (JSON lines are UTF-8 by definition). */
    public JsonLinesWriter(final OutputStream out) {
        this(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8), true);
    }

    /** One record as one JSON object, without the trailing newline. */
    public static String toJson(final ObservationRecord r) {
        final StringWriter sw = new StringWriter(512);
        try (JsonLinesWriter w = new JsonLinesWriter(sw, true)) {
            w.writeObject(r);
        }
        return sw.toString();
    }

    /** Writes {@code r} followed by '\n'. */
    public void write(final ObservationRecord r) {
        writeObject(r);
        try {
            g.writeRaw('\n');
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeObject(final ObservationRecord r) {
        try {
            g.writeStartObject();
            g.writeNumberField(SCHEMA_VERSION, r.schemaVersion);
            ascii(OBSERVATION_ID, r.observationId);
            ascii(SOURCE_FACILITY, r.sourceFacility);
            ascii(OBJECT_ID, r.objectId);
            time(OBSERVATION_TIME, OBSERVATION_TIME_NS, r.observationTimeNanos);
            number(RA_DEG, r.raDeg);
            number(DEC_DEG, r.decDeg);
            number(EPOCH_YEAR, r.epochYear);
            number(POSITION_UNCERTAINTY_ARCSEC, r.positionUncertaintyArcsec);
            g.writeStringField(MEASUREMENT_TYPE, r.measurementType.name().toLowerCase(Locale.ROOT));
            number(VALUE, r.value);
            number(VALUE_UNCERTAINTY, r.valueUncertainty);
            if (r.band != Band.NONE) {
                g.writeStringField(BAND, r.band.name().toLowerCase(Locale.ROOT));
            }
            number(FREQUENCY_GHZ, r.frequencyGhz);
            number(ENERGY_LOW_KEV, r.energyLowKev);
            number(ENERGY_HIGH_KEV, r.energyHighKev);
            ascii(INSTRUMENT, r.instrument);
            integer(DETECTOR_ID, r.detectorId);
            integer(EXPOSURE_ID, r.exposureId);
            number(EXPOSURE_TIME_SEC, r.exposureTimeSec);
            number(SEEING_ARCSEC, r.seeingArcsec);
            number(AIRMASS, r.airmass);
            if (r.qualityFlags != 0) {
                g.writeArrayFieldStart(QUALITY_FLAGS);
                for (final QualityFlag f : QualityFlag.values()) {
                    if (f.isSet(r.qualityFlags)) {
                        g.writeString(f.name());
                    }
                }
                g.writeEndArray();
            }
            number(REAL_BOGUS, r.realBogus);
            number(DEEP_REAL_BOGUS, r.deepRealBogus);
            integer(BAD_PIXEL_COUNT, r.badPixelCount);
            number(FWHM_PX, r.fwhmPx);
            number(ELONGATION, r.elongation);
            number(MAG_DIFF, r.magDiff);
            number(DETECTOR_X, r.detectorX);
            number(DETECTOR_Y, r.detectorY);
            number(DISTANCE_TO_EDGE_PX, r.distanceToEdgePx);
            number(SOLAR_SYSTEM_DISTANCE_ARCSEC, r.solarSystemDistanceArcsec);
            number(SOLAR_SYSTEM_MAG, r.solarSystemMag);
            number(NEAREST_STAR_DISTANCE_ARCSEC, r.nearestStarDistanceArcsec);
            number(NEAREST_STAR_SCORE, r.nearestStarScore);
            integer(DETECTION_COUNT, r.detectionCount);
            time(FIRST_DETECTION_TIME, FIRST_DETECTION_TIME_NS, r.firstDetectionTimeNanos);
            number(PREVIOUS_MAG, r.previousMag);
            time(PREVIOUS_TIME, PREVIOUS_TIME_NS, r.previousTimeNanos);
            number(LAST_NON_DETECTION_LIMIT_MAG, r.lastNonDetectionLimitMag);
            time(LAST_NON_DETECTION_TIME, LAST_NON_DETECTION_TIME_NS, r.lastNonDetectionTimeNanos);
            number(RELIABILITY, r.reliability);
            number(TRAIL_LENGTH_ARCSEC, r.trailLengthArcsec);
            if (r.truthLabel != TruthLabel.NONE) {
                g.writeStringField(TRUTH_LABEL, r.truthLabel.name().toLowerCase(Locale.ROOT));
            }
            ascii(SOURCE_ERROR, r.sourceError);
            g.writeEndObject();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ascii(final String name, final FixedAscii v) throws IOException {
        if (!v.isEmpty()) {
            g.writeStringField(name, v.toString());
        }
    }

    private void number(final String name, final double v) throws IOException {
        if (Double.isNaN(v)) {
            return;
        }
        if (Double.isInfinite(v)) {
            g.writeStringField(name, v > 0 ? "Infinity" : "-Infinity");
        } else {
            g.writeNumberField(name, v);
        }
    }

    private void integer(final String name, final long v) throws IOException {
        if (v != -1) {
            g.writeNumberField(name, v);
        }
    }

    private void time(final String isoName, final String nsName, final long nanos) throws IOException {
        if (nanos == ObservationRecord.NO_TIME) {
            return;
        }
        if (isoTimes) {
            // Instant.toString prints only the digits needed (…04:05:06.1Z); Instant.parse reads any precision.
            g.writeStringField(isoName, Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                    Math.floorMod(nanos, 1_000_000_000L)).toString());
        } else {
            g.writeNumberField(nsName, nanos);
        }
    }

    @Override
    public void flush() {
        try {
            g.flush();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes and closes the generator; the underlying stream/writer is closed too. */
    @Override
    public void close() {
        try {
            g.enable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.close();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
