package org.skyring.journal;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decision schema v3 round-trips its classification fields, v4 a deferred decision's light curve; v1, v2 and v3
 * records (older layouts) still read.
 */
class DecisionCodecVersionTest {

    @Test
    void version3RoundTripsProbabilitiesAnomalyAndExplanation() {
        final DecisionRecord d = new DecisionRecord();
        d.inputIndex = 42;
        d.category = Category.CRITICAL;
        d.rulesVersion.set("rules-2");
        d.modelVersion.set("logit-0badcafe");
        d.modelClass = TruthLabel.FAST_TRANSIENT.code();
        d.modelRawProbability = 0.77;
        d.classProbabilities[TruthLabel.FAST_TRANSIENT.ordinal()] = 0.9;
        d.classProbabilities[TruthLabel.CANDIDATE.ordinal()] = 0.1;
        d.anomalyScore = 0.93;
        d.explanation.set("fast riser: +0.41 mag/day in r over 1.2 d");
        final Bytes<?> b = Bytes.allocateElasticOnHeap();
        DecisionCodec.write(d, b);
        final DecisionRecord r = new DecisionRecord();
        DecisionCodec.read(b, r);
        assertEquals(42, r.inputIndex);
        assertEquals("rules-2", r.rulesVersion.toString());
        assertEquals(TruthLabel.FAST_TRANSIENT.code(), r.modelClass);
        assertEquals(0.77, r.modelRawProbability, 0);
        assertEquals(0.9, r.classProbabilities[TruthLabel.FAST_TRANSIENT.ordinal()], 0);
        assertTrue(Double.isNaN(r.classProbabilities[TruthLabel.KNOWN_STAR.ordinal()]));
        assertEquals(0.93, r.anomalyScore, 0);
        assertEquals("fast riser: +0.41 mag/day in r over 1.2 d", r.explanation.toString());
        assertTrue(RecordText.decision(r).contains("why=\"fast riser: +0.41 mag/day in r over 1.2 d\""));
    }

    @Test
    void olderLayoutsStillReadWithTheNewerFieldsAbsent() {
        final DecisionRecord d = new DecisionRecord();
        d.inputIndex = 7;
        d.observationId.set("obs-7");
        d.category = Category.INTERESTING;
        d.rulesFired = Rule.CLASS_NEW_SOURCE.mask();
        d.significance = 0.6;
        d.modelVersion.set("rules-1");
        d.skyRegion = 812;
        d.priority = 3;
        d.rulesVersion.set("rules-2");
        d.modelClass = TruthLabel.CANDIDATE.code();
        d.anomalyScore = 0.4;
        d.explanation.set("new source -> interesting");

        final Bytes<?> v1 = Bytes.allocateElasticOnHeap();
        DecisionCodec.write(d, v1, 1);
        final DecisionRecord r = new DecisionRecord();
        r.explanation.set("stale");
        r.skyRegion = 5;
        DecisionCodec.read(v1, r);
        assertEquals(7, r.inputIndex);
        assertEquals(Category.INTERESTING, r.category);
        assertEquals(0.6, r.significance, 0);
        assertEquals("rules-1", r.modelVersion.toString());
        assertEquals(DecisionRecord.NO_SKY_REGION, r.skyRegion, "v1 has no partition keys");
        assertEquals(DecisionRecord.NO_PRIORITY, r.priority);
        assertTrue(r.rulesVersion.isEmpty() && r.explanation.isEmpty(), "v1 has no rules version or explanation");
        assertEquals(DecisionRecord.NO_CLASS, r.modelClass);
        assertTrue(Double.isNaN(r.anomalyScore));
        assertEquals(0, v1.readRemaining(), "every v1 byte consumed, nothing more read");

        final Bytes<?> v2 = Bytes.allocateElasticOnHeap();
        DecisionCodec.write(d, v2, 2);
        DecisionCodec.read(v2, r);
        assertEquals(812, r.skyRegion, "v2 carries the partition keys");
        assertEquals(3, r.priority);
        assertTrue(r.rulesVersion.isEmpty() && r.explanation.isEmpty(), "v2 has no classification evidence");
        assertEquals(DecisionRecord.NO_CLASS, r.modelClass);
        assertEquals(0, v2.readRemaining(), "every v2 byte consumed, nothing more read");

        d.historyDetections = 4;
        d.historyLightCurve[0] = 0.41;
        final Bytes<?> v3 = Bytes.allocateElasticOnHeap();
        DecisionCodec.write(d, v3, 3);
        DecisionCodec.read(v3, r);
        assertEquals(812, r.skyRegion);
        assertEquals("new source -> interesting", r.explanation.toString());
        assertEquals(TruthLabel.CANDIDATE.code(), r.modelClass);
        assertFalse(r.hasHistoryLightCurve(), "v3 has no light curve");
        assertEquals(0, v3.readRemaining(), "every v3 byte consumed, nothing more read");

        final Bytes<?> v4 = Bytes.allocateElasticOnHeap();
        DecisionCodec.write(d, v4);
        assertEquals(4, v4.readShort(v4.readPosition()), "the current layout is v4");
        DecisionCodec.read(v4, r);
        assertEquals(4, r.historyDetections);
        assertEquals(0.41, r.historyLightCurve[0], 0);
        assertEquals("new source -> interesting", r.explanation.toString());
    }

    @Test
    void version4CarriesALightCurveOnlyWhenOneWasRecorded() {
        final DecisionRecord deferred = new DecisionRecord();
        deferred.flags = DecisionRecord.FLAG_DEFERRED;
        deferred.historyDetections = 3;
        for (int i = 0; i < DecisionRecord.LIGHT_CURVE_SLOTS; i++) {
            deferred.historyLightCurve[i] = i == 7 ? Double.NaN : 0.5 * i - 1.0;
        }
        final Bytes<?> withCurve = Bytes.allocateElasticOnHeap();
        DecisionCodec.write(deferred, withCurve);
        final DecisionRecord plain = new DecisionRecord();
        final Bytes<?> without = Bytes.allocateElasticOnHeap();
        DecisionCodec.write(plain, without);
        assertEquals(1 + DecisionRecord.LIGHT_CURVE_SLOTS * Double.BYTES,
                withCurve.readRemaining() - without.readRemaining(), "a slot count and the slots, nothing else");

        final DecisionRecord r = new DecisionRecord();
        DecisionCodec.read(withCurve, r);
        assertEquals(3, r.historyDetections);
        for (int i = 0; i < DecisionRecord.LIGHT_CURVE_SLOTS; i++) {
            assertEquals(deferred.historyLightCurve[i], r.historyLightCurve[i], 0, "slot " + i);
        }
        assertTrue(RecordText.decision(r).contains("history_detections=3"));
        DecisionCodec.read(without, r);
        assertFalse(r.hasHistoryLightCurve(), "the reused record was cleared");
        assertTrue(Double.isNaN(r.historyLightCurve[0]));
        assertFalse(RecordText.decision(r).contains("history_detections"));
    }

    @Test
    void aLayoutNewerThanTheReaderIsRefusedNamingBothVersions() {
        final Bytes<?> b = Bytes.allocateElasticOnHeap();
        b.writeShort((short) (DecisionRecord.CURRENT_VERSION + 1));
        final IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> DecisionCodec.read(b, new DecisionRecord()));
        assertTrue(e.getMessage().contains("version " + (DecisionRecord.CURRENT_VERSION + 1))
                && e.getMessage().contains("1.." + DecisionRecord.CURRENT_VERSION), e.getMessage());
    }

    @Test
    void fixedAsciiAppendsNumbersWithoutAllocatingStrings() {
        final FixedAscii x = new FixedAscii(64);
        x.append("rate ").append(0.4149, 2, true).append(" / ").append(-0.005, 2, true).append(" / ")
         .append(12.0, 1, false).append(" n=").append(-305L);
        assertEquals("rate +0.41 / -0.01 / 12.0 n=-305", x.toString());
        final FixedAscii small = new FixedAscii(4);
        small.append("abcdef");
        assertEquals("abcd", small.toString());
        assertTrue(small.wasTruncated());
    }
}
