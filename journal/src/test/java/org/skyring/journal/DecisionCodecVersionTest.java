package org.skyring.journal;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decision schema v2 round-trips its new fields, and a v1 record (written field by field as v1 did) still reads. */
class DecisionCodecVersionTest {

    @Test
    void version2RoundTripsProbabilitiesAnomalyAndExplanation() {
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
    void aVersion1RecordStillReadsWithTheNewFieldsAbsent() {
        final Bytes<?> b = Bytes.allocateElasticOnHeap();
        b.writeShort((short) 1);
        b.writeLong(7);
        BinaryFields.writeAscii(b, new FixedAscii(8).set("obs-7"));
        b.writeByte(Category.INTERESTING.code());
        b.writeInt(0);
        b.writeLong(0);
        BinaryFields.writeAscii(b, new FixedAscii(8));
        b.writeLong(Rule.CLASS_NEW_SOURCE.mask());
        b.writeInt(0);
        b.writeDouble(0.1);
        b.writeDouble(0.6);
        b.writeDouble(0);
        b.writeDouble(1);
        b.writeDouble(Double.NaN);
        BinaryFields.writeAscii(b, new FixedAscii(8));
        b.writeByte(DecisionRecord.NO_MATCH_TYPE);
        b.writeDouble(Double.NaN);
        BinaryFields.writeAscii(b, new FixedAscii(8));
        b.writeDouble(Double.NaN);
        for (final String v : new String[] {"cfg-1", "cat-1", "rules-1", "0.1.0"}) {
            BinaryFields.writeAscii(b, new FixedAscii(24).set(v));
        }
        final DecisionRecord r = new DecisionRecord();
        r.explanation.set("stale");
        DecisionCodec.read(b, r);
        assertEquals(7, r.inputIndex);
        assertEquals(Category.INTERESTING, r.category);
        assertEquals(0.6, r.significance, 0);
        assertEquals("rules-1", r.modelVersion.toString());
        assertTrue(r.rulesVersion.isEmpty() && r.explanation.isEmpty(), "v1 has no rules version or explanation");
        assertEquals(DecisionRecord.NO_CLASS, r.modelClass);
        assertTrue(Double.isNaN(r.anomalyScore));
        assertEquals(0, b.readRemaining(), "every v1 byte consumed, nothing more read");
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
