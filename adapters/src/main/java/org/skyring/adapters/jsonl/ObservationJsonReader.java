package org.skyring.adapters.jsonl;

import static org.skyring.adapters.jsonl.JsonFields.*;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.skyring.journal.Band;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;
import org.skyring.journal.TruthLabel;

/**
 * Maps one JSON object (one line of a JSON lines file) onto an {@link ObservationRecord} with Jackson's streaming
 * parser: no tree, no per-field String for ids and enum names (they are read from the parser's char buffer).
 *
 * <p>Never throws on bad input. Every problem (bad JSON, wrong type, unknown enum value or field) is appended to
 * {@code sourceError} as {@code field: what was expected, got value}, and reading goes on with the next field
 * where the JSON still allows it, so an id that comes after a bad field is still read. The engine rejects any
 * record with a non-empty {@code sourceError}; range checks (dec 95) are the validation stage's job, not this one.
 *
 * <p>Public so that other JSON inputs (webhooks) can reuse it. Not thread-safe: one per reading thread.
 */
public final class ObservationJsonReader {
    static final JsonFactory FACTORY = JsonFactory.builder()
            // Python's json module writes bare NaN/Infinity; accept them rather than dead-letter whole files.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private static final int MAX_SHOWN_VALUE = 40;
    private static final String MEASUREMENT_NAMES = "optical_photometry,radio,xray,archival";
    private static final MeasurementType[] MEASUREMENTS = MeasurementType.values();
    private static final Band[] BANDS = Band.values();
    private static final QualityFlag[] FLAGS = QualityFlag.values();
    private static final TruthLabel[] LABELS = TruthLabel.values();

    private final CharSlice slice = new CharSlice();
    private final StringBuilder errors = new StringBuilder(ObservationRecord.ERROR_CAPACITY);
    private JsonParser p;
    private ObservationRecord r;

    /**
     * Reads the JSON object in {@code buf[off, off+len)} into {@code into} (which the caller has cleared).
     *
     * @return true when the line mapped cleanly; false when {@code into.sourceError} was set
     */
    public boolean read(final byte[] buf, final int off, final int len, final ObservationRecord into) {
        r = into;
        errors.setLength(0);
        String field = null;
        try (JsonParser parser = FACTORY.createParser(buf, off, len)) {
            p = parser;
            final JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                error("line", "expected a JSON object, got " + shown());
            } else {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                    p.nextToken();
                    readField(field);
                }
                field = null;
                if (p.nextToken() != null) {
                    error("line", "unexpected content after the JSON object: " + shown());
                }
            }
        } catch (final JsonProcessingException e) {
            // The parser reads a name and its value start together, so its context knows the field best.
            final String where = p != null && p.getParsingContext() != null ? p.getParsingContext().getCurrentName() : null;
            error(where != null ? where : field != null ? field : "line", "malformed JSON: " + e.getOriginalMessage());
        } catch (final IOException e) {
            // Cannot happen on a byte array; report rather than throw so the line is still journaled.
            error(field == null ? "line" : field, "read failed: " + e);
        } finally {
            p = null;
            r = null;
        }
        if (errors.length() > 0) {
            into.sourceError.set(errors);
            return false;
        }
        return true;
    }

    private void readField(final String name) throws IOException {
        switch (name) {
            case OBSERVATION_ID: readId(r.observationId, name); break;
            case SOURCE_FACILITY: readAscii(r.sourceFacility, name); break;
            case OBJECT_ID: readId(r.objectId, name); break;
            case OBSERVATION_TIME: r.observationTimeNanos = readIsoTime(name); break;
            case OBSERVATION_TIME_NS: r.observationTimeNanos = readNanos(name); break;
            case RA_DEG: r.raDeg = readDouble(name); break;
            case DEC_DEG: r.decDeg = readDouble(name); break;
            case EPOCH_YEAR: r.epochYear = readDouble(name); break;
            case POSITION_UNCERTAINTY_ARCSEC: r.positionUncertaintyArcsec = readDouble(name); break;
            case MEASUREMENT_TYPE: readMeasurementType(name); break;
            case VALUE: r.value = readDouble(name); break;
            case VALUE_UNCERTAINTY: r.valueUncertainty = readDouble(name); break;
            case BAND: readBand(name); break;
            case FREQUENCY_GHZ: r.frequencyGhz = readDouble(name); break;
            case ENERGY_LOW_KEV: r.energyLowKev = readDouble(name); break;
            case ENERGY_HIGH_KEV: r.energyHighKev = readDouble(name); break;
            case INSTRUMENT: readAscii(r.instrument, name); break;
            case DETECTOR_ID: r.detectorId = (int) readInteger(name, Integer.MIN_VALUE, Integer.MAX_VALUE, -1); break;
            case EXPOSURE_ID: r.exposureId = readInteger(name, Long.MIN_VALUE, Long.MAX_VALUE, -1); break;
            case EXPOSURE_TIME_SEC: r.exposureTimeSec = readDouble(name); break;
            case SEEING_ARCSEC: r.seeingArcsec = readDouble(name); break;
            case AIRMASS: r.airmass = readDouble(name); break;
            case QUALITY_FLAGS: readFlags(name); break;
            case REAL_BOGUS: r.realBogus = readDouble(name); break;
            case DEEP_REAL_BOGUS: r.deepRealBogus = readDouble(name); break;
            case BAD_PIXEL_COUNT: r.badPixelCount = (int) readInteger(name, Integer.MIN_VALUE, Integer.MAX_VALUE, -1); break;
            case FWHM_PX: r.fwhmPx = readDouble(name); break;
            case ELONGATION: r.elongation = readDouble(name); break;
            case MAG_DIFF: r.magDiff = readDouble(name); break;
            case DETECTOR_X: r.detectorX = readDouble(name); break;
            case DETECTOR_Y: r.detectorY = readDouble(name); break;
            case DISTANCE_TO_EDGE_PX: r.distanceToEdgePx = readDouble(name); break;
            case SOLAR_SYSTEM_DISTANCE_ARCSEC: r.solarSystemDistanceArcsec = readDouble(name); break;
            case SOLAR_SYSTEM_MAG: r.solarSystemMag = readDouble(name); break;
            case NEAREST_STAR_DISTANCE_ARCSEC: r.nearestStarDistanceArcsec = readDouble(name); break;
            case NEAREST_STAR_SCORE: r.nearestStarScore = readDouble(name); break;
            case DETECTION_COUNT: r.detectionCount = (int) readInteger(name, Integer.MIN_VALUE, Integer.MAX_VALUE, -1); break;
            case FIRST_DETECTION_TIME: r.firstDetectionTimeNanos = readIsoTime(name); break;
            case FIRST_DETECTION_TIME_NS: r.firstDetectionTimeNanos = readNanos(name); break;
            case PREVIOUS_MAG: r.previousMag = readDouble(name); break;
            case PREVIOUS_TIME: r.previousTimeNanos = readIsoTime(name); break;
            case PREVIOUS_TIME_NS: r.previousTimeNanos = readNanos(name); break;
            case LAST_NON_DETECTION_LIMIT_MAG: r.lastNonDetectionLimitMag = readDouble(name); break;
            case LAST_NON_DETECTION_TIME: r.lastNonDetectionTimeNanos = readIsoTime(name); break;
            case LAST_NON_DETECTION_TIME_NS: r.lastNonDetectionTimeNanos = readNanos(name); break;
            case RELIABILITY: r.reliability = readDouble(name); break;
            case TRAIL_LENGTH_ARCSEC: r.trailLengthArcsec = readDouble(name); break;
            case SCHEMA_VERSION: r.schemaVersion = (int) readInteger(name, Integer.MIN_VALUE, Integer.MAX_VALUE,
                    ObservationRecord.CURRENT_SCHEMA_VERSION); break;
            case TRUTH_LABEL: readTruthLabel(name); break;
            case SOURCE_ERROR: readSourceError(name); break;
            case ISDIFFPOS: readIsDiffPos(name); break;
            case FID: readFid(name); break;
            case RECEIVED_TIME: case RECEIVED_TIME_NS: case ADAPTER: case SOURCE_PARTITION: case SOURCE_OFFSET:
            case INGEST_HOST: case ENGINE_VERSION:
                p.skipChildren(); // stamped by this adapter / the engine, never taken from the input
                break;
            default:
                error(name, "unknown field (value " + shown() + ")");
                p.skipChildren();
        }
    }

    private double readDouble(final String name) throws IOException {
        final JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_FLOAT || t == JsonToken.VALUE_NUMBER_INT) {
            return p.getDoubleValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (t == JsonToken.VALUE_STRING && textIs("NaN")) {
            return Double.NaN;
        }
        if (t == JsonToken.VALUE_STRING && textIs("Infinity")) {
            return Double.POSITIVE_INFINITY; // how JsonLinesWriter keeps non-finite values in standard JSON
        }
        if (t == JsonToken.VALUE_STRING && textIs("-Infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        return typeError(name, "a number", Double.NaN);
    }

    /** Integers; an integral float such as 3.0 is accepted (some writers cannot tell them apart). */
    private long readInteger(final String name, final long min, final long max, final long absent) throws IOException {
        final JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return absent;
        }
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            final long v = p.getLongValue();
            if (v >= min && v <= max) {
                return v;
            }
        } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            final double d = p.getDoubleValue();
            if (d == Math.rint(d) && d >= min && d <= max) {
                return (long) d;
            }
        }
        return typeError(name, max == Long.MAX_VALUE ? "a 64-bit integer" : "a 32-bit integer", absent);
    }

    private long readNanos(final String name) throws IOException {
        return readInteger(name, Long.MIN_VALUE + 1, Long.MAX_VALUE, ObservationRecord.NO_TIME);
    }

    /** ISO-8601 instant, 'Z' or an offset, up to nanosecond precision. Allocates; times are few per line. */
    private long readIsoTime(final String name) throws IOException {
        final JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return ObservationRecord.NO_TIME;
        }
        if (t != JsonToken.VALUE_STRING) {
            return typeError(name, "an ISO-8601 UTC time string", ObservationRecord.NO_TIME);
        }
        try {
            final Instant i = Instant.parse(p.getText());
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (final DateTimeParseException | ArithmeticException e) {
            return typeError(name, "an ISO-8601 UTC time such as 2024-03-01T04:05:06.123456789Z",
                    ObservationRecord.NO_TIME);
        }
    }

    private void readAscii(final org.skyring.journal.FixedAscii target, final String name) throws IOException {
        final JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            target.set(slice.of(p));
        } else if (t != JsonToken.VALUE_NULL) {
            typeError(name, "a string", 0);
        }
    }

    /** Ids may be numbers (ZTF candid is a long); the digits are kept exactly as written. */
    private void readId(final org.skyring.journal.FixedAscii target, final String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            target.set(slice.of(p));
        } else {
            readAscii(target, name);
        }
    }

    private void readMeasurementType(final String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            slice.of(p);
            for (final MeasurementType m : MEASUREMENTS) {
                if (slice.equalsIgnoreCase(m.name())) {
                    r.measurementType = m;
                    return;
                }
            }
            enumError(name, MEASUREMENT_NAMES);
        } else if (p.currentToken() != JsonToken.VALUE_NULL) {
            typeError(name, "a string", 0);
        }
    }

    private void readBand(final String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            slice.of(p);
            for (final Band b : BANDS) {
                if (slice.equalsIgnoreCase(b.name())) {
                    r.band = b;
                    return;
                }
            }
            enumError(name, "u,g,r,i,z,y,v,b,j,h,k,clear,none");
        } else if (p.currentToken() != JsonToken.VALUE_NULL) {
            typeError(name, "a string", 0);
        }
    }

    private void readTruthLabel(final String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            slice.of(p);
            for (final TruthLabel l : LABELS) {
                if (slice.equalsIgnoreCase(l.name())) {
                    r.truthLabel = l;
                    return;
                }
            }
            enumError(name, "a TruthLabel name");
        } else if (p.currentToken() != JsonToken.VALUE_NULL) {
            typeError(name, "a string", 0);
        }
    }

    private void readFlags(final String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            typeError(name, "an array of quality flag names", 0);
            return;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                typeError(name, "a quality flag name", 0);
                continue;
            }
            slice.of(p);
            boolean found = false;
            for (final QualityFlag f : FLAGS) {
                if (slice.equalsIgnoreCase(f.name())) {
                    r.qualityFlags |= f.mask();
                    found = true;
                    break;
                }
            }
            if (!found) {
                enumError(name, "a QualityFlag name");
            }
        }
    }

    private void readSourceError(final String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            if (p.getTextLength() > 0) {
                error(name, p.getText());
            }
        } else if (p.currentToken() != JsonToken.VALUE_NULL) {
            typeError(name, "a string", 0);
        }
    }

    /** ZTF isdiffpos: 't'/'1' positive subtraction, 'f'/'0' negative (JSON true/false/1/0 tolerated too). */
    private void readIsDiffPos(final String name) throws IOException {
        final JsonToken t = p.currentToken();
        final boolean negative;
        if (t == JsonToken.VALUE_STRING && (textIs("t") || textIs("1"))) {
            negative = false;
        } else if (t == JsonToken.VALUE_STRING && (textIs("f") || textIs("0"))) {
            negative = true;
        } else if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            negative = t == JsonToken.VALUE_FALSE;
        } else if (t == JsonToken.VALUE_NUMBER_INT && (p.getText().equals("1") || p.getText().equals("0"))) {
            negative = p.getText().equals("0");
        } else {
            error(name, shown() + " is not one of t,f,1,0");
            p.skipChildren();
            return;
        }
        if (negative) {
            r.qualityFlags |= QualityFlag.NEGATIVE_SUBTRACTION.mask();
        }
    }

    /** ZTF filter id: 1 g, 2 r, 3 i. */
    private void readFid(final String name) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            final Band b = Band.fromZtfFid(p.getIntValue());
            if (b != null) {
                r.band = b;
                return;
            }
        }
        error(name, shown() + " is not one of 1,2,3");
        p.skipChildren();
    }

    private boolean textIs(final String s) throws IOException {
        return slice.of(p).contentEquals(s);
    }

    private long typeError(final String name, final String expected, final long absent) throws IOException {
        error(name, "expected " + expected + ", got " + shown());
        p.skipChildren();
        return absent;
    }

    private double typeError(final String name, final String expected, final double absent) throws IOException {
        error(name, "expected " + expected + ", got " + shown());
        p.skipChildren();
        return absent;
    }

    private void enumError(final String name, final String allowed) throws IOException {
        error(name, shown() + " is not one of " + allowed);
    }

    /** The current value as it would appear in JSON, shortened: the message must fit ERROR_CAPACITY. */
    private String shown() throws IOException {
        final JsonToken t = p.currentToken();
        if (t == null) {
            return "end of line";
        }
        if (t == JsonToken.START_OBJECT) {
            return "an object";
        }
        if (t == JsonToken.START_ARRAY) {
            return "an array";
        }
        String text = p.getText();
        if (text.length() > MAX_SHOWN_VALUE) {
            text = text.substring(0, MAX_SHOWN_VALUE) + "...";
        }
        return t == JsonToken.VALUE_STRING ? '"' + text + '"' : text;
    }

    /** Several problems on one line are all kept ("a: ...; b: ..."); FixedAscii truncates past its capacity. */
    private void error(final String field, final String message) {
        if (errors.length() > 0) {
            errors.append("; ");
        }
        errors.append(field).append(": ").append(message);
    }
}
