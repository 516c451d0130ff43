package org.skyring.adapters.avro;

import org.apache.avro.Schema;

import java.util.Set;

/**
 * Where the fields the Rubin mapping reads sit in one (projected) packet schema. Names changed across the
 * lsst/alert_packet versions, so each field lists its names newest first: psfFlux (v5+) / psFlux (v3-4),
 * midpointMjdTai / midPointTai, band / filterName, dec / decl, visit (v7+) / ccdVisitId. The diaSource record
 * type serves both the triggering source and prvDiaSources, so it is projected once with both needs.
 */
final class RubinPacketLayout {
    static final String[] PIXEL_FLAG_FIELDS = {"pixelFlags_bad", "pixelFlags_cr", "pixelFlags_crCenter",
        "pixelFlags_edge", "pixelFlags_interpolated", "pixelFlags_nodata", "pixelFlags_saturated",
        "pixelFlags_saturatedCenter", "pixelFlags_suspect", "pixelFlags_streak", "pixelFlags_streakCenter",
        "glint_trail"};
    static final Set<String> SOURCE_FIELDS = Set.of("diaSourceId", "diaObjectId", "ssObjectId", "visit",
            "ccdVisitId", "detector", "midpointMjdTai", "midPointTai", "ra", "dec", "decl", "raErr", "decErr",
            "declErr", "x", "y", "psfFlux", "psFlux", "psfFluxErr", "psFluxErr", "band", "filterName", "reliability",
            "isDipole", "isNegative", "trailLength", "pixelFlags_bad", "pixelFlags_cr", "pixelFlags_crCenter",
            "pixelFlags_edge", "pixelFlags_interpolated", "pixelFlags_nodata", "pixelFlags_saturated",
            "pixelFlags_saturatedCenter", "pixelFlags_suspect", "pixelFlags_streak", "pixelFlags_streakCenter",
            "glint_trail");
    static final Set<String> FORCED_FIELDS = Set.of("midpointMjdTai", "midPointTai", "band", "filterName",
            "psfFlux", "psFlux", "psfFluxErr", "psFluxErr");
    static final String[] CUTOUTS = {"cutoutScience", "cutoutTemplate", "cutoutDifference"};

    final int alertId, diaSource, prvDiaSources, prvDiaForcedSources, diaObject;
    final int[] cutouts = new int[CUTOUTS.length];
    // diaSource (also prvDiaSources items)
    final int sourceId, objectId, ssObjectId, visit, detector, time, ra, dec, raErr, decErr, x, y, flux, fluxErr,
            band, reliability, isDipole, isNegative, trailLength;
    final int[] pixelFlags = new int[PIXEL_FLAG_FIELDS.length];
    // prvDiaForcedSources items
    final int fTime, fBand, fFlux, fFluxErr;
    // diaObject
    final int nDiaSources, firstDiaSourceTime;

    static SchemaProjection.Keep keep(final boolean withCutouts) {
        final SchemaProjection.Keep source = SchemaProjection.Keep.of(SOURCE_FIELDS);
        final SchemaProjection.Keep k = SchemaProjection.Keep.of(Set.of("diaSourceId", "alertId"))
                .with("diaSource", source).with("prvDiaSources", source)
                .with("prvDiaForcedSources", SchemaProjection.Keep.of(FORCED_FIELDS))
                .with("diaObject", SchemaProjection.Keep.of(Set.of("nDiaSources", "firstDiaSourceMjdTai")));
        if (withCutouts) {
            for (final String c : CUTOUTS) {
                k.with(c);
            }
        }
        return k;
    }

    RubinPacketLayout(final Schema alert) {
        alertId = SchemaProjection.position(alert, "diaSourceId", "alertId");
        diaSource = SchemaProjection.position(alert, "diaSource");
        prvDiaSources = SchemaProjection.position(alert, "prvDiaSources");
        prvDiaForcedSources = SchemaProjection.position(alert, "prvDiaForcedSources");
        diaObject = SchemaProjection.position(alert, "diaObject");
        for (int i = 0; i < CUTOUTS.length; i++) {
            cutouts[i] = SchemaProjection.position(alert, CUTOUTS[i]);
        }
        final Schema s = recordAt(alert, diaSource);
        sourceId = SchemaProjection.position(s, "diaSourceId");
        objectId = SchemaProjection.position(s, "diaObjectId");
        ssObjectId = SchemaProjection.position(s, "ssObjectId");
        visit = SchemaProjection.position(s, "visit", "ccdVisitId");
        detector = SchemaProjection.position(s, "detector");
        time = SchemaProjection.position(s, "midpointMjdTai", "midPointTai");
        ra = SchemaProjection.position(s, "ra");
        dec = SchemaProjection.position(s, "dec", "decl");
        raErr = SchemaProjection.position(s, "raErr");
        decErr = SchemaProjection.position(s, "decErr", "declErr");
        x = SchemaProjection.position(s, "x");
        y = SchemaProjection.position(s, "y");
        flux = SchemaProjection.position(s, "psfFlux", "psFlux");
        fluxErr = SchemaProjection.position(s, "psfFluxErr", "psFluxErr");
        band = SchemaProjection.position(s, "band", "filterName");
        reliability = SchemaProjection.position(s, "reliability");
        isDipole = SchemaProjection.position(s, "isDipole");
        isNegative = SchemaProjection.position(s, "isNegative");
        trailLength = SchemaProjection.position(s, "trailLength");
        for (int i = 0; i < PIXEL_FLAG_FIELDS.length; i++) {
            pixelFlags[i] = SchemaProjection.position(s, PIXEL_FLAG_FIELDS[i]);
        }
        final Schema f = recordAt(alert, prvDiaForcedSources);
        fTime = SchemaProjection.position(f, "midpointMjdTai", "midPointTai");
        fBand = SchemaProjection.position(f, "band", "filterName");
        fFlux = SchemaProjection.position(f, "psfFlux", "psFlux");
        fFluxErr = SchemaProjection.position(f, "psfFluxErr", "psFluxErr");
        final Schema o = recordAt(alert, diaObject);
        nDiaSources = SchemaProjection.position(o, "nDiaSources");
        firstDiaSourceTime = SchemaProjection.position(o, "firstDiaSourceMjdTai");
    }

    private static Schema recordAt(final Schema alert, final int pos) {
        return pos < 0 ? null : SchemaProjection.recordOf(alert.getFields().get(pos).schema());
    }
}
