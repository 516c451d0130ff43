package org.skyring.journal;

import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObservationCodecTest {

    @Test
    void roundTripsEveryFieldOfTheCurrentVersion() {
        final ObservationRecord written = SampleRecords.observation(7);
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(1024);
        ObservationCodec.write(written, bytes);
        final ObservationRecord read = new ObservationRecord();
        ObservationCodec.read(bytes, read);
        assertEquals(RecordText.observation(written), RecordText.observation(read));
        assertEquals(written.previousTimeNanos, read.previousTimeNanos);
        assertEquals(written.lastNonDetectionLimitMag, read.lastNonDetectionLimitMag);
        assertEquals(written.trailLengthArcsec, read.trailLengthArcsec);
        assertEquals("0.1.0", read.engineVersion.toString());
        assertEquals(0, bytes.readRemaining(), "reader consumed exactly what the writer wrote");
    }

    /**
     * The writer encodes into a scratch array (RecordScratch) while the reader reads Chronicle Bytes field by field,
     * so a round trip at the extremes proves the two agree on the format: a 200-character error (two-byte stop-bit
     * length), every string at capacity, a full 64-point history with upper limits, NaN and negative values.
     */
    @Test
    void scratchEncoderWritesWhatTheChronicleReaderReadsAtEveryExtreme() {
        final ObservationRecord written = SampleRecords.observation(3);
        written.observationId.set("i".repeat(ObservationRecord.ID_CAPACITY));
        written.objectId.set("o".repeat(ObservationRecord.ID_CAPACITY));
        written.ingestHost.set("h".repeat(ObservationRecord.HOST_CAPACITY));
        written.sourceError.set("e".repeat(ObservationRecord.ERROR_CAPACITY));
        written.raDeg = -0.0;
        written.decDeg = Double.NaN;
        written.sourceOffset = Long.MIN_VALUE;
        written.detectorId = -1;
        written.history.clear();
        for (int i = 0; i < PriorPhotometry.CAPACITY + 3; i++) {
            if (i % 3 == 0) {
                written.history.addUpperLimit(1_000L * i, Band.R, 20.5);
            } else {
                written.history.addDetection(1_000L * i, Band.G, 18.0 + i / 100.0, i % 2 == 0 ? 0.05 : Double.NaN);
            }
        }
        final Bytes<?> bytes = Bytes.allocateElasticDirect(16);
        bytes.writeLong(0x1122334455667788L); // the copy must land at the write position, after earlier content
        ObservationCodec.write(written, bytes);
        assertEquals(0x1122334455667788L, bytes.readLong());
        final ObservationRecord read = new ObservationRecord();
        ObservationCodec.read(bytes, read);
        assertEquals(0, bytes.readRemaining(), "reader consumed exactly what the writer wrote");
        assertEquals(RecordText.observation(written), RecordText.observation(read));
        assertTrue(written.history.dropped() > 0, "history overflowed its capacity");
        assertTrue(written.history.contentEquals(read.history), "history points, upper limits and dropped count");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(read.raDeg));
        assertEquals(Long.MIN_VALUE, read.sourceOffset);
        bytes.releaseLast();
    }

    @Test
    void readsVersionOneRecordsWithTheCurrentReaderLeavingNewFieldsAbsent() {
        final ObservationRecord written = SampleRecords.observation(1);
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(1024);
        ObservationCodec.write(written, bytes, 1);
        final ObservationRecord read = new ObservationRecord();
        read.reliability = 0.3; // must be reset, not left over
        ObservationCodec.read(bytes, read);
        assertEquals(0, bytes.readRemaining());
        assertEquals("ZTF-1", read.observationId.toString());
        assertEquals(written.raDeg, read.raDeg);
        assertEquals(written.firstDetectionTimeNanos, read.firstDetectionTimeNanos);
        assertEquals(TruthLabel.FAST_TRANSIENT, read.truthLabel);
        assertTrue(Double.isNaN(read.reliability), "v2 field absent in a v1 record");
        assertTrue(Double.isNaN(read.trailLengthArcsec));
        assertTrue(read.engineVersion.isEmpty());
    }

    @Test
    void refusesAVersionNewerThanTheReaderNamingBothVersions() {
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        bytes.writeShort((short) (ObservationRecord.CURRENT_SCHEMA_VERSION + 1));
        final IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ObservationCodec.read(bytes, new ObservationRecord()));
        assertTrue(e.getMessage().contains("version " + (ObservationRecord.CURRENT_SCHEMA_VERSION + 1)), e.getMessage());
    }

    @Test
    void truncatesOversizeIdsAndFlagsIt() {
        final ObservationRecord r = new ObservationRecord();
        r.observationId.set("x".repeat(ObservationRecord.ID_CAPACITY + 5));
        assertEquals(ObservationRecord.ID_CAPACITY, r.observationId.length());
        assertTrue(r.observationId.wasTruncated());
    }

    @Test
    void decisionRoundTrips() {
        final DecisionRecord d = SampleRecords.decision(99);
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(512);
        DecisionCodec.write(d, bytes);
        final DecisionRecord read = new DecisionRecord();
        DecisionCodec.read(bytes, read);
        assertEquals(RecordText.decision(d), RecordText.decision(read));
        assertEquals(d.riseRateMagPerDay, read.riseRateMagPerDay);
        assertEquals(0, bytes.readRemaining());
    }

    @Test
    void decisionWithAFullRejectDetailRoundTripsThroughTheScratchEncoder() {
        final DecisionRecord d = SampleRecords.decision(5);
        d.rejectDetail.set("r".repeat(400)); // a two-byte stop-bit length
        d.urgency = Double.NaN;
        final Bytes<?> bytes = Bytes.allocateElasticDirect(8);
        DecisionCodec.write(d, bytes);
        DecisionCodec.write(d, bytes);
        final DecisionRecord read = new DecisionRecord();
        DecisionCodec.read(bytes, read);
        DecisionCodec.read(bytes, read);
        assertEquals(RecordText.decision(d), RecordText.decision(read));
        assertEquals(400, read.rejectDetail.length());
        assertTrue(Double.isNaN(read.urgency));
        assertEquals(0, bytes.readRemaining());
        bytes.releaseLast();
    }

    @Test
    void roundTripsThePartitionKeysOfDecisionVersionTwo() {
        final DecisionRecord d = SampleRecords.decision(7);
        d.skyRegion = 1234;
        d.priority = 0;
        d.flags = DecisionRecord.FLAG_DEFERRED;
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(512);
        DecisionCodec.write(d, bytes);
        final DecisionRecord read = new DecisionRecord();
        DecisionCodec.read(bytes, read);
        assertEquals(1234, read.skyRegion);
        assertEquals(0, read.priority);
        assertTrue(read.isDeferred());
        assertEquals(RecordText.decision(d), RecordText.decision(read));
    }

    @Test
    void readsVersionOneDecisionsWithTheCurrentReaderLeavingPartitionKeysAbsent() {
        final DecisionRecord d = SampleRecords.decision(8);
        d.skyRegion = 99;
        d.priority = 3;
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(512);
        DecisionCodec.write(d, bytes, 1);
        final DecisionRecord read = new DecisionRecord();
        read.skyRegion = 5; // stale values from a reused record must not survive the read
        DecisionCodec.read(bytes, read);
        assertEquals(DecisionRecord.NO_SKY_REGION, read.skyRegion);
        assertEquals(DecisionRecord.NO_PRIORITY, read.priority);
        assertEquals(d.urgency, read.urgency);
        assertEquals(0, bytes.readRemaining());
    }

    @Test
    void roundTripsHistoryAndNoticeFieldsOfVersionThree() {
        final ObservationRecord written = SampleRecords.observation(3);
        written.history.addDetection(1_000L, Band.G, 18.5, 0.05);
        written.history.addUpperLimit(2_000L, Band.R, 20.25);
        written.measurementType = MeasurementType.NOTICE;
        written.noticeRole = NoticeRole.TEST;
        written.noticeType = 61;
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(2048);
        ObservationCodec.write(written, bytes);
        final ObservationRecord read = new ObservationRecord();
        ObservationCodec.read(bytes, read);
        assertEquals(0, bytes.readRemaining());
        assertEquals(2, read.history.count());
        assertEquals(Band.G, read.history.band(0));
        assertEquals(18.5, read.history.mag(0));
        assertEquals(0.05, read.history.magError(0));
        assertTrue(read.history.isUpperLimit(1));
        assertEquals(20.25, read.history.mag(1));
        assertTrue(Double.isNaN(read.history.magError(1)));
        assertEquals(NoticeRole.TEST, read.noticeRole);
        assertEquals(61, read.noticeType);
        assertEquals(MeasurementType.NOTICE, read.measurementType);
    }

    @Test
    void versionTwoRecordsReadWithEmptyHistoryAndNoNotice() {
        final ObservationRecord written = SampleRecords.observation(2);
        written.history.addDetection(1_000L, Band.G, 18.5, 0.05);
        final Bytes<?> bytes = Bytes.allocateElasticOnHeap(2048);
        ObservationCodec.write(written, bytes, 2);
        final ObservationRecord read = new ObservationRecord();
        read.history.addDetection(5L, Band.R, 1.0, 0.1); // must be cleared, not left over
        read.noticeType = 7;
        ObservationCodec.read(bytes, read);
        assertEquals(0, bytes.readRemaining());
        assertTrue(read.history.isEmpty());
        assertEquals(NoticeRole.NONE, read.noticeRole);
        assertEquals(-1, read.noticeType);
    }
}
