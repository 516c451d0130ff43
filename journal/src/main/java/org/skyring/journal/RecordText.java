package org.skyring.journal;

import java.time.Instant;

/** Renders records as one readable line each, for {@code skyring journal dump} and logs. Cold path. */
public final class RecordText {
    private RecordText() {
    }

    public static String observation(final ObservationRecord r) {
        final StringBuilder sb = new StringBuilder(256);
        sb.append("obs id=").append(r.observationId)
          .append(" v=").append(r.schemaVersion)
          .append(" facility=").append(r.sourceFacility);
        if (!r.objectId.isEmpty()) {
            sb.append(" object=").append(r.objectId);
        }
        sb.append(" t_obs=").append(time(r.observationTimeNanos))
          .append(" t_recv=").append(time(r.receivedTimeNanos))
          .append(" ra=").append(r.raDeg).append(" dec=").append(r.decDeg)
          .append(" ±").append(r.positionUncertaintyArcsec).append("\"")
          .append(' ').append(r.measurementType.name().toLowerCase(java.util.Locale.ROOT))
          .append('=').append(r.value).append('±').append(r.valueUncertainty).append(' ').append(r.measurementType.unit());
        if (r.band != Band.NONE) {
            sb.append(" band=").append(r.band.name().toLowerCase(java.util.Locale.ROOT));
        }
        appendIfPresent(sb, "freq_ghz", r.frequencyGhz);
        appendIfPresent(sb, "rb", r.realBogus);
        appendIfPresent(sb, "drb", r.deepRealBogus);
        appendIfPresent(sb, "reliability", r.reliability);
        if (r.badPixelCount >= 0) {
            sb.append(" nbad=").append(r.badPixelCount);
        }
        appendIfPresent(sb, "fwhm", r.fwhmPx);
        appendIfPresent(sb, "elong", r.elongation);
        appendIfPresent(sb, "ssdistnr", r.solarSystemDistanceArcsec);
        if (r.qualityFlags != 0) {
            sb.append(" flags=").append(QualityFlag.describe(r.qualityFlags));
        }
        if (!r.history.isEmpty()) {
            sb.append(" history=").append(r.history.count());
            if (r.history.dropped() > 0) {
                sb.append("(+").append(r.history.dropped()).append(" dropped)");
            }
        }
        if (r.noticeRole != NoticeRole.NONE) {
            sb.append(" notice_role=").append(r.noticeRole.name().toLowerCase(java.util.Locale.ROOT))
              .append(" notice_type=").append(r.noticeType);
        }
        sb.append(" src=").append(r.adapter).append(':').append(r.sourcePartition).append('/').append(r.sourceOffset);
        if (r.truthLabel != TruthLabel.NONE) {
            sb.append(" truth=").append(r.truthLabel.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!r.sourceError.isEmpty()) {
            sb.append(" source_error=\"").append(r.sourceError).append('"');
        }
        return sb.toString();
    }

    public static String decision(final DecisionRecord d) {
        final StringBuilder sb = new StringBuilder(256);
        sb.append("decision input=").append(d.inputIndex)
          .append(" id=").append(d.observationId)
          .append(" category=").append(d.category.key())
          .append(" to=").append(destinations(d.destinations))
          .append(" region=").append(d.skyRegion).append(" priority=").append(d.priority);
        if ((d.flags & DecisionRecord.FLAG_DEFERRED) != 0) {
            sb.append(" deferred");
        }
        if ((d.flags & DecisionRecord.FLAG_RECLASSIFIED) != 0) {
            sb.append(" reclassified");
        }
        if (d.rejectReasons != 0) {
            sb.append(" reasons=\"").append(d.rejectDetail).append('"');
        } else {
            sb.append(String.format(java.util.Locale.ROOT, " urgency=%.3f significance=%.3f known=%.3f confidence=%.3f",
                    d.urgency, d.significance, d.knownTypeMatch, d.confidence));
            sb.append(" rules=[").append(Rule.describe(d.rulesFired)).append(']');
            if (!d.matchSourceId.isEmpty()) {
                sb.append(" match=").append(d.matchSourceId).append('@')
                  .append(String.format(java.util.Locale.ROOT, "%.2f\"", d.matchSeparationArcsec));
            }
            if (!d.hostId.isEmpty()) {
                sb.append(" host=").append(d.hostId);
            }
            if (d.modelClass != DecisionRecord.NO_CLASS) {
                sb.append(" class=").append(TruthLabel.fromCode(d.modelClass).name().toLowerCase(java.util.Locale.ROOT))
                  .append(" p={");
                boolean first = true;
                for (int i = 0; i < DecisionRecord.CLASS_SLOTS; i++) {
                    if (!Double.isNaN(d.classProbabilities[i])) {
                        sb.append(first ? "" : ",").append(TruthLabel.fromCode(i).name().toLowerCase(java.util.Locale.ROOT))
                          .append(':').append(String.format(java.util.Locale.ROOT, "%.3f", d.classProbabilities[i]));
                        first = false;
                    }
                }
                sb.append('}');
            }
            if (!Double.isNaN(d.anomalyScore)) {
                sb.append(String.format(java.util.Locale.ROOT, " anomaly=%.3f", d.anomalyScore));
            }
            if (!d.explanation.isEmpty()) {
                sb.append(" why=\"").append(d.explanation).append('"');
            }
        }
        if (d.hasHistoryLightCurve()) {
            sb.append(" history_detections=").append(d.historyDetections); // a deferred decision's light curve
        }
        sb.append(" versions=config:").append(d.configVersion).append(",catalog:").append(d.catalogVersion)
          .append(",rules:").append(d.rulesVersion).append(",model:").append(d.modelVersion).append(",engine:").append(d.engineVersion);
        return sb.toString();
    }

    public static String destinations(final int mask) {
        final StringBuilder sb = new StringBuilder();
        for (final Destination d : Destination.all()) {
            if (d.isIn(mask)) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(d.queueName());
            }
        }
        return sb.toString();
    }

    private static void appendIfPresent(final StringBuilder sb, final String name, final double v) {
        if (!Double.isNaN(v)) {
            sb.append(' ').append(name).append('=').append(v);
        }
    }

    private static String time(final long nanos) {
        if (nanos == ObservationRecord.NO_TIME) {
            return "-";
        }
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)).toString();
    }
}
