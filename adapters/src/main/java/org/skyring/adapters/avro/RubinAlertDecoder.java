package org.skyring.adapters.avro;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.skyring.journal.Band;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rubin (LSST) alert packets, in the two encodings met in practice: the Confluent wire format Rubin publishes on
 * Kafka (magic byte 0, a 4-byte big-endian schema id, then the Avro binary body), with the id resolved by a
 * {@link RubinSchemaRegistry}; and Avro object containers with an embedded schema (Fink's Spark re-encodings,
 * lsst/alert_packet sample files), one observation per record.
 *
 * <p>Mapping: diaSourceId -> observationId, diaObjectId -> objectId, midpointMjdTai (TAI) -> UTC time,
 * psfFlux/psfFluxErr (nJy) -> AB mag = -2.5 log10(|flux|) + 31.4 with error 1.0857 * fluxErr / |flux| (a negative
 * difference flux, like ZTF's isdiffpos=f, keeps the magnitude of |flux| and sets NEGATIVE_SUBTRACTION), band,
 * visit -> exposure, detector, x/y, raErr/decErr -> position error, reliability, isDipole, isNegative,
 * pixelFlags_*, glint_trail, trailLength, ssObjectId (non-zero: associated by Rubin with a known solar-system
 * object, recorded as a solar-system distance of 0"), diaObject.nDiaSources / firstDiaSourceMjdTai.
 * History: prvDiaSources with positive flux are detections; prvDiaForcedSources are detections at SNR >= 5 and
 * otherwise 5-sigma upper limits (-2.5 log10(5 psfFluxErr) + 31.4).
 */
public final class RubinAlertDecoder extends AvroPacketDecoder {
    public static final String FORMAT = "rubin-avro";
    public static final String FACILITY = "Rubin";
    /** AB zero point of a flux in nJy: m = -2.5 log10(f / 3631 Jy) = -2.5 log10(f_nJy) + 31.4. */
    static final double NJY_ZERO_POINT = 31.4;
    private static final int CONFLUENT_HEADER = 5;
    private static final Band[] RUBIN_BANDS = {Band.U, Band.G, Band.R, Band.I, Band.Z, Band.Y};

    private final RubinSchemaRegistry registry;
    private final CutoutSink cutouts;
    private final Map<Integer, AvroContainerReader.SchemaEntry> byId = new HashMap<>();
    private BinaryDecoder body;

    /**
     * @param registry resolves Confluent schema ids; containers do not need it
     * @param cutouts  receives the stamps; null to skip them
     */
    public RubinAlertDecoder(final int maxMessageBytes, final RubinSchemaRegistry registry, final CutoutSink cutouts) {
        super(FORMAT, FACILITY, maxMessageBytes, RubinPacketLayout.keep(cutouts != null), RubinPacketLayout::new);
        this.registry = registry;
        this.cutouts = cutouts;
    }

    @Override
    void decodeOther(final byte[] message, final int length) throws AlertDecodeException {
        decodeConfluent(message, length);
    }

    @Override
    void map(final GenericRecord alert, final Object layout, final ObservationRecord r) throws AlertDecodeException {
        map(alert, (RubinPacketLayout) layout, r);
    }

    private void decodeConfluent(final byte[] message, final int length) throws AlertDecodeException {
        if (length < CONFLUENT_HEADER) {
            throw new AlertDecodeException("confluent framing: " + length
                    + "-byte message is shorter than the 5-byte header (magic byte + schema id)");
        }
        if (message[0] != 0) {
            throw new AlertDecodeException("confluent framing: magic byte 0x"
                    + Integer.toHexString(message[0] & 0xff) + " is not 0x00 (" + MessageBytes.describeStart(message, length)
                    + ")");
        }
        final int schemaId = ((message[1] & 0xff) << 24) | ((message[2] & 0xff) << 16) | ((message[3] & 0xff) << 8)
                | (message[4] & 0xff);
        AvroContainerReader.SchemaEntry entry = byId.get(schemaId);
        if (entry == null) {
            final Schema writer = registry == null ? null : registry.schema(schemaId);
            if (writer == null) {
                throw new AlertDecodeException("schema id " + schemaId + " is unknown: no schema registry configured");
            }
            entry = reader.entryFor(writer);
            byId.put(schemaId, entry);
        }
        body = DecoderFactory.get().binaryDecoder(message, CONFLUENT_HEADER, length - CONFLUENT_HEADER, body);
        final GenericRecord record;
        try {
            record = entry.datumReader.read(entry.reuse, body);
            if (!body.isEnd()) {
                throw new AlertDecodeException("avro body (schema id " + schemaId + "): bytes left after the record");
            }
        } catch (final IOException | RuntimeException e) {
            throw new AlertDecodeException("avro body (schema id " + schemaId + "): "
                    + AvroContainerReader.describe(e));
        }
        entry.reuse = record;
        map(record, (RubinPacketLayout) entry.layout, out);
    }

    private void map(final GenericRecord alert, final RubinPacketLayout l, final ObservationRecord r)
            throws AlertDecodeException {
        final GenericRecord s = AvroValues.record(alert, l.diaSource);
        if (s == null) {
            throw new AlertDecodeException("diaSource: missing (null) in the packet");
        }
        final long sourceId = AvroValues.longValue(s, l.sourceId, AvroValues.longValue(alert, l.alertId, -1));
        if (sourceId < 0) {
            throw new AlertDecodeException("diaSource.diaSourceId: missing or negative");
        }
        startRecord(r, sourceId);
        final long objectId = AvroValues.longValue(s, l.objectId, 0);
        if (objectId > 0) {
            r.objectId.set(decimal(objectId));
        }
        r.observationTimeNanos = AstroTime.mjdTaiToEpochNanos(AvroValues.number(s, l.time));
        r.raDeg = AvroValues.number(s, l.ra);
        r.decDeg = AvroValues.number(s, l.dec);
        final double flux = AvroValues.number(s, l.flux);
        final double fluxErr = AvroValues.number(s, l.fluxErr);
        final double raErr = AvroValues.number(s, l.raErr) * Math.cos(Math.toRadians(r.decDeg));
        final double decErr = AvroValues.number(s, l.decErr);
        r.positionUncertaintyArcsec = raErr > 0 && decErr > 0 ? Math.max(raErr, decErr) * 3600.0
                : centroidUncertaintyArcsec(Math.abs(flux) / fluxErr);
        if (flux < 0 || AvroValues.flag(s, l.isNegative)) {
            r.qualityFlags |= QualityFlag.NEGATIVE_SUBTRACTION.mask();
        }
        if (!(Math.abs(flux) > 0)) {
            r.sourceError.set("diaSource.psfFlux: " + flux + " nJy has no AB magnitude");
        } else {
            r.value = abMag(Math.abs(flux));
            r.valueUncertainty = PacketHistory.MAG_PER_LN_FLUX * fluxErr / Math.abs(flux);
        }
        final CharSequence bandName = AvroValues.text(s, l.band);
        final Band band = rubinBand(bandName);
        if (band == null) {
            if (r.sourceError.isEmpty()) {
                r.sourceError.set("diaSource.band: \"" + bandName + "\" is not one of u,g,r,i,z,y");
            }
        } else {
            r.band = band;
        }
        r.exposureId = AvroValues.longValue(s, l.visit, -1);
        r.detectorId = AvroValues.intValue(s, l.detector, -1);
        r.detectorX = AvroValues.number(s, l.x);
        r.detectorY = AvroValues.number(s, l.y);
        r.reliability = AvroValues.number(s, l.reliability);
        r.trailLengthArcsec = AvroValues.number(s, l.trailLength);
        if (AvroValues.flag(s, l.isDipole)) {
            r.qualityFlags |= QualityFlag.DIPOLE.mask();
        }
        for (int i = 0; i < l.pixelFlags.length; i++) {
            if (AvroValues.flag(s, l.pixelFlags[i])) {
                r.qualityFlags |= PIXEL_FLAGS[i].mask();
            }
        }
        if (AvroValues.longValue(s, l.ssObjectId, 0) > 0) {
            r.solarSystemDistanceArcsec = 0.0;
        }
        final GenericRecord o = AvroValues.record(alert, l.diaObject);
        r.detectionCount = AvroValues.intValue(o, l.nDiaSources, -1);
        final long first = AstroTime.mjdTaiToEpochNanos(AvroValues.number(o, l.firstDiaSourceTime));
        r.firstDetectionTimeNanos = first;
        history(alert, l, sourceId, r);
        if (cutouts != null) {
            for (int i = 0; i < l.cutouts.length; i++) {
                final ByteBuffer stamp = AvroValues.bytes(alert, l.cutouts[i]);
                if (stamp != null) {
                    cutouts.accept(r.observationId, ZtfPacketLayout.CUTOUT_KINDS[i], "", stamp);
                }
            }
        }
    }

    private static void history(final GenericRecord alert, final RubinPacketLayout l, final long sourceId,
                                final ObservationRecord r) {
        final List<Object> prv = AvroValues.list(alert, l.prvDiaSources);
        if (prv != null) {
            for (final Object item : prv) {
                final GenericRecord p = (GenericRecord) item;
                final double flux = AvroValues.number(p, l.flux);
                final long t = AstroTime.mjdTaiToEpochNanos(AvroValues.number(p, l.time));
                final Band band = rubinBand(AvroValues.text(p, l.band));
                if (flux > 0 && band != null && t != ObservationRecord.NO_TIME
                        && AvroValues.longValue(p, l.sourceId, -1) != sourceId && !AvroValues.flag(p, l.isNegative)) {
                    r.history.addDetection(t, band, abMag(flux),
                            PacketHistory.MAG_PER_LN_FLUX * AvroValues.number(p, l.fluxErr) / flux);
                }
            }
        }
        final List<Object> forced = AvroValues.list(alert, l.prvDiaForcedSources);
        if (forced != null) {
            for (final Object item : forced) {
                final GenericRecord p = (GenericRecord) item;
                final double flux = AvroValues.number(p, l.fFlux);
                final double err = AvroValues.number(p, l.fFluxErr);
                final long t = AstroTime.mjdTaiToEpochNanos(AvroValues.number(p, l.fTime));
                final Band band = rubinBand(AvroValues.text(p, l.fBand));
                if (band == null || t == ObservationRecord.NO_TIME || !(err > 0)) {
                    continue;
                }
                if (flux >= PacketHistory.FORCED_DETECTION_SNR * err) {
                    r.history.addDetection(t, band, abMag(flux), PacketHistory.MAG_PER_LN_FLUX * err / flux);
                } else {
                    r.history.addUpperLimit(t, band, abMag(PacketHistory.FORCED_DETECTION_SNR * err));
                }
            }
        }
        PacketHistory.summarize(r);
    }

    /**
     * When a source has no raErr/decErr (a failed centroid fit leaves them null): ~0.6 FWHM / SNR with Rubin's
     * design seeing of 0.7", over an astrometric floor of 0.01".
     */
    static double centroidUncertaintyArcsec(final double snr) {
        final double centroid = snr > 0 ? 0.6 * 0.7 / snr : 0.7;
        return Math.sqrt(0.01 * 0.01 + centroid * centroid);
    }

    static double abMag(final double fluxNjy) {
        return -2.5 * Math.log10(fluxNjy) + NJY_ZERO_POINT;
    }

    private static final QualityFlag[] PIXEL_FLAGS = {QualityFlag.PIXEL_BAD, QualityFlag.PIXEL_COSMIC_RAY,
        QualityFlag.PIXEL_COSMIC_RAY_CENTER, QualityFlag.PIXEL_EDGE, QualityFlag.PIXEL_INTERPOLATED,
        QualityFlag.PIXEL_NO_DATA, QualityFlag.PIXEL_SATURATED, QualityFlag.PIXEL_SATURATED_CENTER,
        QualityFlag.PIXEL_SUSPECT, QualityFlag.PIXEL_STREAK, QualityFlag.PIXEL_STREAK_CENTER, QualityFlag.GLINT_TRAIL};

    /** Rubin's six filters by their one-letter name; null for anything else. */
    static Band rubinBand(final CharSequence name) {
        if (name == null || name.length() != 1) {
            return null;
        }
        final char c = Character.toLowerCase(name.charAt(0));
        for (final Band b : RUBIN_BANDS) {
            if (Character.toLowerCase(b.name().charAt(0)) == c) {
                return b;
            }
        }
        return null;
    }
}
