package org.skyring.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.port.ObservationSource;
import org.skyring.journal.Band;
import org.skyring.journal.MeasurementType;
import org.skyring.journal.ObservationRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * At pressure CRITICAL the ingest loop pauses the pausable sources (a flood of routine detections) and keeps
 * polling the ones that are not (a notice stream): candidates enter the ring while routine intake waits.
 */
class SourcePauseTest {
    private static final int FLOOD = 40_000;
    private static final int NOTICES = 3;
    private final long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());

    @TempDir
    Path dir;

    private ObservationRecord detection(final String id) {
        final ObservationRecord o = new ObservationRecord();
        o.observationId.set(id);
        o.sourceFacility.set("ZTF");
        o.observationTimeNanos = now - TimeUnit.HOURS.toNanos(1);
        o.raDeg = 10.0;
        o.decDeg = 20.0;
        o.positionUncertaintyArcsec = 0.2;
        o.value = 18.0;
        o.valueUncertainty = 0.05;
        o.band = Band.G;
        o.realBogus = 0.9;
        o.fwhmPx = 2.0;
        o.detectionCount = 5;
        return o;
    }

    /** Routine detections as fast as they are polled; remembers its pauses. */
    private final class Flood implements ObservationSource {
        final ObservationRecord template = detection("flood");
        long emitted;
        boolean paused;
        int pauses;
        int resumes;

        @Override
        public String name() {
            return "flood";
        }

        @Override
        public boolean poll(final ObservationRecord into) {
            if (paused) {
                throw new AssertionError("a paused source was polled");
            }
            if (emitted >= FLOOD) {
                return false;
            }
            into.copyFrom(template);
            into.observationId.set("flood-" + emitted++);
            return true;
        }

        @Override
        public boolean isExhausted() {
            return emitted >= FLOOD;
        }

        @Override
        public void pause() {
            paused = true;
            pauses++;
        }

        @Override
        public void resume() {
            paused = false;
            resumes++;
        }
    }

    /** A notice stream (never paused) whose notices arrive while the flood is paused (or after it, if never). */
    private final class Notices implements ObservationSource {
        final Flood flood;
        final List<Boolean> arrivedWhileFloodPaused = new ArrayList<>();

        Notices(final Flood flood) {
            this.flood = flood;
        }

        @Override
        public String name() {
            return "notices";
        }

        @Override
        public boolean pausable() {
            return false;
        }

        @Override
        public boolean poll(final ObservationRecord into) {
            if (arrivedWhileFloodPaused.size() >= NOTICES || !(flood.paused || flood.isExhausted())) {
                return false;
            }
            into.copyFrom(detection("notice-" + arrivedWhileFloodPaused.size()));
            into.measurementType = MeasurementType.NOTICE;
            arrivedWhileFloodPaused.add(flood.paused);
            return true;
        }

        @Override
        public boolean isExhausted() {
            return arrivedWhileFloodPaused.size() >= NOTICES;
        }
    }

    @Test
    void atCriticalPausableSourcesWaitAndNoticeStreamsKeepFlowing() {
        final SkyringConfig config = SkyringConfig.parse("""
                engine:
                  ring_size: 1024
                alerts:
                  enabled: false
                pressure:
                  sample_interval_ms: 1
                  calm_samples: 2
                """);
        final SkyCatalog catalog = new SkyCatalog.Builder().add("HIP 1", 200.0, -30.0, SourceType.STAR, 9.0).build("pause");
        final Flood flood = new Flood();
        final Notices notices = new Notices(flood);
        final RunResult r = new Engine(config, catalog).run(RunSpec.live(dir, List.of(flood, notices), true,
                new AtomicBoolean()));
        assertEquals(FLOOD + NOTICES, r.journaled(), "nothing lost");
        assertTrue(flood.pauses > 0, "the flood reached CRITICAL and was paused");
        assertEquals(flood.pauses, r.overload().sourcePauses());
        assertTrue(flood.resumes >= flood.pauses - 1, "and resumed when the level fell");
        assertEquals(List.of(true, true, true), notices.arrivedWhileFloodPaused,
                "every notice was taken in while the flood was paused");
    }
}
