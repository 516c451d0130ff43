package org.skyring.engine.stage;

import org.junit.jupiter.api.Test;
import org.skyring.catalog.SkyCatalog;
import org.skyring.catalog.SourceType;
import org.skyring.engine.classify.ObjectHistory;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.Band;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.Rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The class rules on crafted light curves whose only history is the object-history store (no packet summary),
 * with the rates computed by hand, and the explanation written into each decision.
 */
class ClassifierHistoryTest {
    private static final long DAY = 86_400_000_000_000L;
    private final SkyringConfig config = SkyringConfig.loadDefault();
    private final SkyCatalog catalog = new SkyCatalog.Builder()
            .add("NGC 1", 10.0, 30.0, SourceType.GALAXY, 13.0)
            .add("HIP 9", 100.0, 40.0, SourceType.VARIABLE_STAR, 14.0)
            .build("test-catalog");
    private final KnownObjectFilter known = new KnownObjectFilter(config.knownObjects(), catalog);

    private DecisionRecord decide(final Classifier c, final ObservationRecord o, final long inputIndex) {
        final DecisionRecord d = new DecisionRecord();
        final long k = known.match(o, d);
        c.classify(o, d, 0, k, 0, inputIndex, true);
        return d;
    }

    /** A good detection of object {@code id} at high galactic latitude (ra 150, dec 20: b = +48 deg). */
    private static ObservationRecord at(final String id, final int n, final long t, final Band band, final double mag) {
        final ObservationRecord o = Observations.goodZtf(id + "-" + n);
        o.objectId.set(id);
        o.observationTimeNanos = t;
        o.receivedTimeNanos = t + 1;
        o.band = band;
        o.value = mag;
        o.detectionCount = -1;
        return o;
    }

    @Test
    void fastRiserFromHistoryWithHandComputedRateAndExplanation() {
        try (ObjectHistory h = ObjectHistory.inMemory(10_000, 0.02)) {
            final Classifier c = new Classifier(config, catalog.version(), "test", h, null);
            final long t0 = Observations.T0;
            final DecisionRecord first = decide(c, at("ZTF26fast", 0, t0, Band.R, 19.5), 0);
            assertTrue(first.fired(Rule.CLASS_NEW_SOURCE));
            assertFalse(first.fired(Rule.CLASS_FAST_RISER), "one point: no rate");
            assertTrue(Double.isNaN(first.riseRateMagPerDay));
            // 1.2 days later 0.492 mag brighter in r: +0.41 mag/day
            final DecisionRecord d = decide(c, at("ZTF26fast", 1, t0 + (long) (1.2 * DAY), Band.R, 19.5 - 0.492), 1);
            assertEquals(0.492 / 1.2, d.riseRateMagPerDay, 1e-6);
            assertTrue(d.fired(Rule.CLASS_FAST_RISER));
            assertFalse(d.fired(Rule.CLASS_NEW_SOURCE), "second detection of the object");
            assertEquals(0.41, d.urgency, 1e-6, "urgency = rate / urgency_full_rate (1 mag/day)");
            assertEquals("fast riser: +0.41 mag/day in r over 1.2 d; no catalog match within 2.0 arcsec -> "
                    + d.category.key(), d.explanation.toString());
            assertEquals("rules-2", d.rulesVersion.toString());
            assertEquals("none", d.modelVersion.toString(), "no model: rules only");
        }
    }

    @Test
    void fastFaderAndAPairTooCloseInTime() {
        try (ObjectHistory h = ObjectHistory.inMemory(10_000, 0.02)) {
            final Classifier c = new Classifier(config, catalog.version(), "test", h, null);
            final long t0 = Observations.T0;
            final ObservationRecord a = at("ZTF26fade", 0, t0, Band.G, 18.0);
            a.firstDetectionTimeNanos = t0;
            decide(c, a, 0);
            // 20 minutes later (0.0139 d < 0.02 d): no rate
            final DecisionRecord close = decide(c, at("ZTF26fade", 1, t0 + 20 * 60_000_000_000L, Band.G, 18.3), 1);
            assertTrue(Double.isNaN(close.riseRateMagPerDay));
            // 0.8 d after the first: 18.0 -> 18.6 is -0.75 mag/day (the 20-minute point is too close to pair with)
            final ObservationRecord later = at("ZTF26fade", 2, t0 + (long) (0.8 * DAY), Band.G, 18.6);
            later.firstDetectionTimeNanos = t0;
            final DecisionRecord d = decide(c, later, 2);
            assertEquals((18.3 - 18.6) / (0.8 - 20.0 / 1440.0), d.riseRateMagPerDay, 1e-6,
                    "latest same-band detection at least 0.02 d earlier: the 20-minute point");
            assertTrue(d.fired(Rule.CLASS_FAST_FADER), "fade 0.38 mag/day > 0.3, age 0.8 d < 5 d, |b| 48 > 10");
            assertTrue(d.explanation.toString().startsWith("fast fader: -0.38 mag/day in g over 0.8 d"),
                    d.explanation.toString());
        }
    }

    @Test
    void aRisingCatalogVariableIsAmbiguousAndGoesToAHuman() {
        try (ObjectHistory h = ObjectHistory.inMemory(10_000, 0.02)) {
            final Classifier c = new Classifier(config, catalog.version(), "test", h, null);
            final long t0 = Observations.T0;
            final ObservationRecord a = at("HIPVAR", 0, t0, Band.R, 15.0);
            a.raDeg = 100.0;
            a.decDeg = 40.0;
            decide(c, a, 0);
            final ObservationRecord b = at("HIPVAR", 1, t0 + DAY, Band.R, 14.5);
            b.raDeg = 100.0;
            b.decDeg = 40.0;
            final DecisionRecord d = decide(c, b, 1);
            assertTrue(d.fired(Rule.KNOWN_CATALOG_VARIABLE) && d.fired(Rule.CLASS_FAST_RISER));
            assertTrue(d.fired(Rule.CLASS_AMBIGUOUS) && d.fired(Rule.CLASS_LOW_CONFIDENCE));
            assertEquals(Category.UNKNOWN, d.category);
            assertEquals(config.classification().ambiguousConfidence(), d.confidence, 0);
            assertTrue(d.explanation.toString().contains("catalog variable star HIP 9 at 0.0 arcsec"), d.explanation.toString());
            assertTrue(d.explanation.toString().endsWith("; ambiguous -> unknown"), d.explanation.toString());
        }
    }

    @Test
    void aMissingModelFileIsAConfigErrorNamingTheKeyAndTheValue() throws Exception {
        final String yaml = new String(SkyringConfig.class.getResourceAsStream("/skyring.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replace("    file: \"\"", "    file: \"/no/such/model.json\"");
        final SkyringConfig bad = SkyringConfig.parse(yaml);
        final org.skyring.engine.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.skyring.engine.config.ConfigException.class, () -> new org.skyring.engine.Engine(bad, catalog));
        assertTrue(e.getMessage().startsWith("classification.model.file: \"/no/such/model.json\""), e.getMessage());
    }

    @Test
    void newClassificationKeysAreValidatedNamingKeyAndValue() throws Exception {
        final String yaml = new String(SkyringConfig.class.getResourceAsStream("/skyring.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        final org.skyring.engine.config.ConfigException range = org.junit.jupiter.api.Assertions.assertThrows(
                org.skyring.engine.config.ConfigException.class,
                () -> SkyringConfig.parse(yaml.replace("anomaly_threshold: 0.75", "anomaly_threshold: 1.5")));
        assertTrue(range.getMessage().contains("classification.model.anomaly_threshold: 1.5"), range.getMessage());
        final org.skyring.engine.config.ConfigException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                org.skyring.engine.config.ConfigException.class,
                () -> SkyringConfig.parse(yaml.replace("    history: true", "    history: true\n    histroy_days: 3")));
        assertTrue(unknown.getMessage().contains("histroy_days"), unknown.getMessage());
    }

    @Test
    void packetPairTakesPrecedenceOverHistoryAndBogusIsExplainedAndNotRemembered() {
        try (ObjectHistory h = ObjectHistory.inMemory(10_000, 0.02)) {
            final Classifier c = new Classifier(config, catalog.version(), "test", h, null);
            final long t0 = Observations.T0;
            decide(c, at("ZTF26p", 0, t0, Band.R, 20.0), 0);
            final ObservationRecord o = at("ZTF26p", 1, t0 + 2 * DAY, Band.R, 19.0);
            o.previousMag = 19.2; // the survey's own previous detection, 1 day back: 0.2 mag/day
            o.previousTimeNanos = t0 + DAY;
            assertEquals(0.2, decide(c, o, 1).riseRateMagPerDay, 1e-9);

            final DecisionRecord bogus = new DecisionRecord();
            final ObservationRecord b = at("ZTF26q", 0, t0, Band.R, 18.0);
            c.classify(b, bogus, Rule.QUALITY_REAL_BOGUS.mask(), 0, 0, 5, true);
            assertEquals("quality: rb below threshold -> routine", bogus.explanation.toString());
            final org.skyring.engine.classify.ObjectState s = new org.skyring.engine.classify.ObjectState();
            assertFalse(h.read("ZTF26q", s), "bogus detections never enter the light curve");
        }
    }
}
