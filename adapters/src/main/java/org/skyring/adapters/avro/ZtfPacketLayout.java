package org.skyring.adapters.avro;

import org.apache.avro.Schema;

import java.util.Set;

/**
 * Where the fields the ZTF mapping reads sit in one (projected) packet schema, for every schema version from
 * 1.5 to 4.02 and Fink's Spark re-encodings ({@code topLevelRecord}). Version differences are handled by
 * alternative names: v1.5 calls the PS1 star/galaxy score {@code sgscore}, later versions {@code sgscore1};
 * {@code drb} exists from 3.2, {@code exptime} from 3.1 (both read as absent before).
 */
final class ZtfPacketLayout {
    static final Set<String> CANDIDATE_FIELDS = Set.of("jd", "fid", "pid", "candid", "isdiffpos", "rcid", "xpos",
            "ypos", "ra", "dec", "magpsf", "sigmapsf", "magdiff", "fwhm", "mindtoedge", "elong", "nbad", "rb", "drb",
            "ssdistnr", "ssmagnr", "sgscore1", "sgscore", "distpsnr1", "ndethist", "jdstarthist", "exptime");
    static final Set<String> PRV_FIELDS = Set.of("jd", "fid", "candid", "isdiffpos", "magpsf", "sigmapsf",
            "diffmaglim");
    /** Forced photometry history (schema 4.x): what {@code ZtfAlertDecoder.forcedPhotometry} reads. */
    static final Set<String> FP_FIELDS = Set.of("jd", "fid", "exptime", "forcediffimflux", "forcediffimfluxunc",
            "magzpsci", "procstatus");
    static final String[] CUTOUTS = {"cutoutScience", "cutoutTemplate", "cutoutDifference"};
    static final String[] CUTOUT_KINDS = {"science", "template", "difference"};

    final int objectId;
    final int candid;
    final int candidate;
    final int prvCandidates;
    final int fpHists;
    final int[] cutouts = new int[CUTOUTS.length];
    final int cutoutFileName;
    final int cutoutStamp;
    // candidate
    final int jd, fid, pid, candCandid, isdiffpos, rcid, xpos, ypos, ra, dec, magpsf, sigmapsf, magdiff, fwhm,
            mindtoedge, elong, nbad, rb, drb, ssdistnr, ssmagnr, sgscore1, distpsnr1, ndethist, jdstarthist, exptime;
    // prv_candidate
    final int pJd, pFid, pCandid, pIsdiffpos, pMagpsf, pSigmapsf, pDiffmaglim;
    // fp_hist (absent before schema 4.0: every position -1)
    final int fJd, fFid, fExptime, fFlux, fFluxUnc, fZeroPoint, fProcstatus;

    static SchemaProjection.Keep keep(final boolean withCutouts) {
        final SchemaProjection.Keep k = SchemaProjection.Keep.of(Set.of("objectId", "candid"))
                .with("candidate", SchemaProjection.Keep.of(CANDIDATE_FIELDS))
                .with("prv_candidates", SchemaProjection.Keep.of(PRV_FIELDS))
                .with("fp_hists", SchemaProjection.Keep.of(FP_FIELDS));
        if (withCutouts) {
            for (final String c : CUTOUTS) {
                k.with(c);
            }
        }
        return k;
    }

    ZtfPacketLayout(final Schema alert) {
        objectId = SchemaProjection.position(alert, "objectId");
        candid = SchemaProjection.position(alert, "candid");
        candidate = SchemaProjection.position(alert, "candidate");
        prvCandidates = SchemaProjection.position(alert, "prv_candidates");
        fpHists = SchemaProjection.position(alert, "fp_hists");
        Schema cutout = null;
        for (int i = 0; i < CUTOUTS.length; i++) {
            cutouts[i] = SchemaProjection.position(alert, CUTOUTS[i]);
            if (cutouts[i] >= 0 && cutout == null) {
                cutout = SchemaProjection.recordOf(alert.getFields().get(cutouts[i]).schema());
            }
        }
        cutoutFileName = SchemaProjection.position(cutout, "fileName");
        cutoutStamp = SchemaProjection.position(cutout, "stampData");
        final Schema c = candidate < 0 ? null : SchemaProjection.recordOf(alert.getFields().get(candidate).schema());
        jd = SchemaProjection.position(c, "jd");
        fid = SchemaProjection.position(c, "fid");
        pid = SchemaProjection.position(c, "pid");
        candCandid = SchemaProjection.position(c, "candid");
        isdiffpos = SchemaProjection.position(c, "isdiffpos");
        rcid = SchemaProjection.position(c, "rcid");
        xpos = SchemaProjection.position(c, "xpos");
        ypos = SchemaProjection.position(c, "ypos");
        ra = SchemaProjection.position(c, "ra");
        dec = SchemaProjection.position(c, "dec");
        magpsf = SchemaProjection.position(c, "magpsf");
        sigmapsf = SchemaProjection.position(c, "sigmapsf");
        magdiff = SchemaProjection.position(c, "magdiff");
        fwhm = SchemaProjection.position(c, "fwhm");
        mindtoedge = SchemaProjection.position(c, "mindtoedge");
        elong = SchemaProjection.position(c, "elong");
        nbad = SchemaProjection.position(c, "nbad");
        rb = SchemaProjection.position(c, "rb");
        drb = SchemaProjection.position(c, "drb");
        ssdistnr = SchemaProjection.position(c, "ssdistnr");
        ssmagnr = SchemaProjection.position(c, "ssmagnr");
        sgscore1 = SchemaProjection.position(c, "sgscore1", "sgscore");
        distpsnr1 = SchemaProjection.position(c, "distpsnr1");
        ndethist = SchemaProjection.position(c, "ndethist");
        jdstarthist = SchemaProjection.position(c, "jdstarthist");
        exptime = SchemaProjection.position(c, "exptime");
        final Schema p = prvCandidates < 0 ? null
                : SchemaProjection.recordOf(alert.getFields().get(prvCandidates).schema());
        pJd = SchemaProjection.position(p, "jd");
        pFid = SchemaProjection.position(p, "fid");
        pCandid = SchemaProjection.position(p, "candid");
        pIsdiffpos = SchemaProjection.position(p, "isdiffpos");
        pMagpsf = SchemaProjection.position(p, "magpsf");
        pSigmapsf = SchemaProjection.position(p, "sigmapsf");
        pDiffmaglim = SchemaProjection.position(p, "diffmaglim");
        final Schema f = fpHists < 0 ? null : SchemaProjection.recordOf(alert.getFields().get(fpHists).schema());
        fJd = SchemaProjection.position(f, "jd");
        fFid = SchemaProjection.position(f, "fid");
        fExptime = SchemaProjection.position(f, "exptime");
        fFlux = SchemaProjection.position(f, "forcediffimflux");
        fFluxUnc = SchemaProjection.position(f, "forcediffimfluxunc");
        fZeroPoint = SchemaProjection.position(f, "magzpsci");
        fProcstatus = SchemaProjection.position(f, "procstatus");
    }
}
