package org.skyring.adapters.avro;

import org.apache.avro.generic.GenericRecord;
import org.skyring.journal.Band;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.QualityFlag;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * ZTF alert packets: one Avro object container per message (as ZTF publishes them on Kafka and in its nightly
 * tarballs), the writer schema taken from the container, so every schema version 1.5-4.02 and Fink's Spark
 * re-encodings decode; a container with several records (Fink outputs) gives several observations.
 *
 * <p>Mapping (artifacts/event_schema.md): candid -> observationId, objectId, jd (UTC, start of exposure) +
 * exptime/2 -> observation time (exptime 30 s when the packet predates the field), magpsf/sigmapsf/fid -> AB mag
 * and band, rcid -> detector, pid -> exposure, isdiffpos f/0 -> NEGATIVE_SUBTRACTION, rb, drb, nbad, fwhm, elong,
 * magdiff, xpos/ypos, mindtoedge, ssdistnr/ssmagnr, sgscore1/distpsnr1, ndethist, jdstarthist. -999 and null read
 * as absent. prv_candidates become the record's history (detections with a candid and a magnitude; upper limits
 * with diffmaglim; negative subtractions are left out because their magnitude measures a fading, not a
 * brightness), with the schema 4.x forced photometry (fp_hists: detections and upper limits of every
 * difference image of the last 30 days, see {@code forcedPhotometry}) and the previous-detection /
 * last-non-detection summary. Cutouts go to a {@link CutoutSink}.
 */
public final class ZtfAlertDecoder extends AvroPacketDecoder {
    public static final String FORMAT = "ztf-avro";
    public static final String FACILITY = "ZTF";
    public static final String INSTRUMENT = "ZTF-CAM";
    /** ZTF's standard exposure, used for the mid-exposure time when the packet has no exptime (schema < 3.1). */
    static final double DEFAULT_EXPOSURE_SEC = 30.0;
    /** ZTF pixel scale, arcsec per pixel. */
    static final double PIXEL_SCALE_ARCSEC = 1.012;
    /** Astrometric floor of ZTF positions against Gaia (Masci et al. 2019: 45-85 mas). */
    static final double ASTROMETRIC_FLOOR_ARCSEC = 0.06;
    /** Seeing assumed for the centroid error when fwhm is absent. */
    static final double TYPICAL_FWHM_ARCSEC = 2.0;
    private static final double SECONDS_PER_DAY = 86_400.0;
    /** forcediffimflux of a failed forced fit. */
    static final double FORCED_FAILED_FLUX = -99_999.0;
    /** Two jd within this (about 1 s) are the same exposure. */
    static final double SAME_EXPOSURE_DAYS = 1e-5;

    private final CutoutSink cutouts;

    /**
     * @param maxMessageBytes larger messages are dead-lettered unread ({@code avro.max_message_bytes})
     * @param cutouts         receives the three stamps of each alert; null to skip them (they are then not
     *                        even decoded: the projection leaves them out)
     */
    public ZtfAlertDecoder(final int maxMessageBytes, final CutoutSink cutouts) {
        super(FORMAT, FACILITY, maxMessageBytes, ZtfPacketLayout.keep(cutouts != null), ZtfPacketLayout::new);
        this.cutouts = cutouts;
    }

    @Override
    void decodeOther(final byte[] message, final int length) throws AlertDecodeException {
        throw new AlertDecodeException("avro container: " + MessageBytes.describeStart(message, length)
                + " is not the container magic Obj\\x01");
    }

    @Override
    void map(final GenericRecord alert, final Object layout, final ObservationRecord r) throws AlertDecodeException {
        map(alert, (ZtfPacketLayout) layout, r);
    }

    private void map(final GenericRecord alert, final ZtfPacketLayout l, final ObservationRecord r)
            throws AlertDecodeException {
        final GenericRecord c = AvroValues.record(alert, l.candidate);
        if (c == null) {
            throw new AlertDecodeException("candidate: missing (null) in the packet");
        }
        final long candid = AvroValues.longValue(alert, l.candid, AvroValues.longValue(c, l.candCandid, -1));
        if (candid < 0) {
            throw new AlertDecodeException("candid: missing or negative");
        }
        startRecord(r, candid);
        r.instrument.set(INSTRUMENT);
        r.objectId.set(AvroValues.text(alert, l.objectId));

        final double exptime = AvroValues.ztfNumber(c, l.exptime);
        r.exposureTimeSec = exptime;
        r.observationTimeNanos = midExposureNanos(AvroValues.number(c, l.jd), exptime);
        r.raDeg = AvroValues.number(c, l.ra);
        r.decDeg = AvroValues.number(c, l.dec);
        r.value = AvroValues.ztfNumber(c, l.magpsf);
        r.valueUncertainty = AvroValues.ztfNumber(c, l.sigmapsf);
        r.fwhmPx = AvroValues.ztfNumber(c, l.fwhm);
        r.positionUncertaintyArcsec = positionUncertaintyArcsec(r.fwhmPx, r.valueUncertainty);
        final int fid = AvroValues.intValue(c, l.fid, -1);
        final Band band = Band.fromZtfFid(fid);
        if (band == null) {
            r.sourceError.set("candidate.fid: " + fid + " is not 1 (g), 2 (r) or 3 (i)");
        } else {
            r.band = band;
        }
        r.detectorId = AvroValues.intValue(c, l.rcid, -1);
        r.exposureId = AvroValues.longValue(c, l.pid, -1);
        final CharSequence diff = AvroValues.text(c, l.isdiffpos);
        if (diff != null) {
            final int sign = diffSign(diff);
            if (sign < 0) {
                r.qualityFlags |= QualityFlag.NEGATIVE_SUBTRACTION.mask();
            } else if (sign == 0 && r.sourceError.isEmpty()) {
                r.sourceError.set("candidate.isdiffpos: \"" + diff + "\" is not one of t,f,1,0");
            }
        }
        r.realBogus = AvroValues.ztfNumber(c, l.rb);
        r.deepRealBogus = AvroValues.ztfNumber(c, l.drb);
        r.badPixelCount = AvroValues.intValue(c, l.nbad, -1);
        r.elongation = AvroValues.ztfNumber(c, l.elong);
        r.magDiff = AvroValues.ztfNumber(c, l.magdiff);
        r.detectorX = AvroValues.ztfNumber(c, l.xpos);
        r.detectorY = AvroValues.ztfNumber(c, l.ypos);
        r.distanceToEdgePx = AvroValues.ztfNumber(c, l.mindtoedge);
        r.solarSystemDistanceArcsec = nonNegative(AvroValues.ztfNumber(c, l.ssdistnr));
        r.solarSystemMag = AvroValues.ztfNumber(c, l.ssmagnr);
        r.nearestStarDistanceArcsec = nonNegative(AvroValues.ztfNumber(c, l.distpsnr1));
        r.nearestStarScore = AvroValues.ztfNumber(c, l.sgscore1);
        r.detectionCount = AvroValues.intValue(c, l.ndethist, -1);
        final double jdStart = AvroValues.ztfNumber(c, l.jdstarthist);
        r.firstDetectionTimeNanos = AstroTime.jdUtcToEpochNanos(jdStart);
        history(alert, l, candid, r);
        if (cutouts != null) {
            for (int i = 0; i < l.cutouts.length; i++) {
                final GenericRecord cut = AvroValues.record(alert, l.cutouts[i]);
                final ByteBuffer stamp = AvroValues.bytes(cut, l.cutoutStamp);
                if (stamp != null) {
                    cutouts.accept(r.observationId, ZtfPacketLayout.CUTOUT_KINDS[i],
                            AvroValues.text(cut, l.cutoutFileName), stamp);
                }
            }
        }
    }

    private static void history(final GenericRecord alert, final ZtfPacketLayout l, final long candid,
                                final ObservationRecord r) {
        final List<Object> prv = AvroValues.list(alert, l.prvCandidates);
        final List<Object> forced = AvroValues.list(alert, l.fpHists);
        if (prv == null && forced == null) {
            return;
        }
        // Start times (jd) of the exposures prv_candidates describe: forced photometry of the same exposure is not
        // a second point.
        final double[] prvJd = new double[prv == null ? 0 : prv.size()];
        int n = 0;
        if (prv != null) {
            for (final Object o : prv) {
                final GenericRecord p = (GenericRecord) o;
                final double jd = AvroValues.number(p, l.pJd);
                prvJd[n++] = jd;
                final long t = midExposureNanos(jd, Double.NaN);
                final Band band = Band.fromZtfFid(AvroValues.intValue(p, l.pFid, -1));
                if (t == ObservationRecord.NO_TIME || band == null) {
                    continue;
                }
                final long pc = AvroValues.longValue(p, l.pCandid, -1);
                final double mag = AvroValues.ztfNumber(p, l.pMagpsf);
                if (pc > 0 && Double.isFinite(mag)) {
                    final CharSequence diff = AvroValues.text(p, l.pIsdiffpos);
                    if (pc != candid && (diff == null || diffSign(diff) > 0)) {
                        r.history.addDetection(t, band, mag, AvroValues.ztfNumber(p, l.pSigmapsf));
                    }
                } else {
                    final double limit = AvroValues.ztfNumber(p, l.pDiffmaglim);
                    if (Double.isFinite(limit)) {
                        r.history.addUpperLimit(t, band, limit);
                    }
                }
            }
        }
        if (forced != null) {
            final double candidateJd = AvroValues.number(AvroValues.record(alert, l.candidate), l.jd);
            for (final Object o : forced) {
                forcedPhotometry((GenericRecord) o, l, candidateJd, prvJd, r);
            }
        }
        PacketHistory.summarize(r);
    }

    /**
     * One fp_hists point (schema 4.x: forced PSF photometry at the position on every difference image of the last
     * 30 days, including those where nothing was detected). Flux and its error are in DN with the image's zero
     * point: a detection when flux >= {@link PacketHistory#FORCED_DETECTION_SNR} sigma, mag = magzpsci
     * - 2.5 log10(flux), error 1.0857 unc / flux; otherwise a 5-sigma upper limit, magzpsci - 2.5 log10(5 unc), as
     * the ZTF forced-photometry guide (Masci et al.) derives them. Left out: epochs with processing warnings
     * (procstatus other than "0"), the -99999 flux of a failed fit, no zero point, a significant negative flux (a
     * fading against the reference, as isdiffpos=f is left out of prv_candidates), and exposures prv_candidates
     * already describe or that are not before this alert's own.
     */
    private static void forcedPhotometry(final GenericRecord p, final ZtfPacketLayout l, final double candidateJd,
                                         final double[] prvJd, final ObservationRecord r) {
        final double jd = AvroValues.number(p, l.fJd);
        final double flux = AvroValues.number(p, l.fFlux);
        final double unc = AvroValues.number(p, l.fFluxUnc);
        final double zeroPoint = AvroValues.number(p, l.fZeroPoint);
        final CharSequence status = AvroValues.text(p, l.fProcstatus);
        final Band band = Band.fromZtfFid(AvroValues.intValue(p, l.fFid, -1));
        if (band == null || !Double.isFinite(jd) || !(unc > 0) || !Double.isFinite(zeroPoint)
                || !Double.isFinite(flux) || flux <= FORCED_FAILED_FLUX
                || (status != null && !"0".contentEquals(status))
                || !(jd < candidateJd - SAME_EXPOSURE_DAYS)) {
            return;
        }
        for (final double seen : prvJd) {
            if (Math.abs(seen - jd) < SAME_EXPOSURE_DAYS) {
                return;
            }
        }
        final long t = midExposureNanos(jd, AvroValues.number(p, l.fExptime));
        if (t == ObservationRecord.NO_TIME) {
            return;
        }
        final double snr = PacketHistory.FORCED_DETECTION_SNR;
        if (flux >= snr * unc) {
            r.history.addDetection(t, band, zeroPoint - 2.5 * Math.log10(flux),
                    PacketHistory.MAG_PER_LN_FLUX * unc / flux);
        } else if (flux > -snr * unc) {
            r.history.addUpperLimit(t, band, zeroPoint - 2.5 * Math.log10(snr * unc));
        }
    }

    /** ZTF jd marks the start of the exposure; the record wants mid-exposure. */
    static long midExposureNanos(final double jdStart, final double exptimeSec) {
        final double exposure = Double.isFinite(exptimeSec) && exptimeSec > 0 ? exptimeSec : DEFAULT_EXPOSURE_SEC;
        return AstroTime.jdUtcToEpochNanos(jdStart + exposure / 2.0 / SECONDS_PER_DAY);
    }

    /**
     * ZTF packets carry no position error: the centroid error is ~0.6 FWHM / SNR (SNR = 1.0857 / sigmapsf),
     * added in quadrature to the astrometric floor.
     */
    static double positionUncertaintyArcsec(final double fwhmPx, final double sigmaMag) {
        final double fwhm = fwhmPx > 0 ? fwhmPx * PIXEL_SCALE_ARCSEC : TYPICAL_FWHM_ARCSEC;
        if (!(sigmaMag > 0)) {
            return ASTROMETRIC_FLOOR_ARCSEC;
        }
        final double centroid = 0.6 * fwhm * sigmaMag / 1.0857;
        return Math.sqrt(ASTROMETRIC_FLOOR_ARCSEC * ASTROMETRIC_FLOOR_ARCSEC + centroid * centroid);
    }

    /** +1 for t/1, -1 for f/0, 0 for anything else. */
    static int diffSign(final CharSequence s) {
        if (s.length() != 1) {
            return 0;
        }
        switch (s.charAt(0)) {
            case 't': case '1': return 1;
            case 'f': case '0': return -1;
            default: return 0;
        }
    }

    private static double nonNegative(final double distance) {
        return distance >= 0 ? distance : Double.NaN; // a negative distance means "no match"
    }
}
