package org.skyring.cli;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skyring.adapters.avro.AvroSources;
import org.skyring.engine.Engine;
import org.skyring.engine.RunSpec;
import org.skyring.engine.classify.ClassModel;
import org.skyring.engine.classify.FeatureTable;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.journal.Category;
import org.skyring.journal.DecisionRecord;
import org.skyring.journal.JournalCursor;
import org.skyring.journal.JournalSet;
import org.skyring.journal.ObservationRecord;
import org.skyring.journal.RecordText;
import org.skyring.journal.Rule;
import org.skyring.testsupport.SharedData;
import org.skyring.train.ModelTrainer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classify rules on the real ZTF alerts of ../shared/data, with history, a model trained on those alerts and
 * the anomaly detector on: each rule fires exactly on the alerts whose fields meet its documented condition (and
 * some real alerts meet it, some do not); a known asteroid or PS1 star that passed the quality cuts comes out
 * routine with the rule named in its explanation; a replay reproduces every decision.
 */
class RealAlertRulesTest {
    private static final long KNOWN = Rule.KNOWN_SOLAR_SYSTEM.mask() | Rule.KNOWN_PS1_STAR.mask()
            | Rule.KNOWN_CATALOG_STAR.mask() | Rule.KNOWN_CATALOG_VARIABLE.mask() | Rule.KNOWN_AGN.mask()
            | Rule.KNOWN_CATACLYSMIC_VARIABLE.mask() | Rule.KNOWN_OTHER.mask();

    @TempDir
    Path tmp;

    @Test
    void rulesFireExactlyOnTheRealAlertsMeetingTheirConditionsAndReplayIsIdentical() throws Exception {
        final String ztf = SharedData.require("ztf").toString();
        final SkyringConfig cfg = SkyringConfig.loadDefault();
        final FeatureTable.Labeller labeller = EngineAssembly.labeller(EngineAssembly.labels(null),
                List.of("ztf-avro:" + ztf), cfg);
        final ClassModel model = ModelTrainer.train(FeatureTable.extract(cfg, EngineAssembly.catalog(cfg),
                AvroSources.fileSource("ztf-avro", ztf, cfg, null), labeller, 5_000_000),
                ModelTrainer.Settings.defaults(), "ztf-avro:" + ztf).model();

        final Path data = tmp.resolve("run");
        new Engine(cfg, EngineAssembly.catalog(cfg), model).run(RunSpec.live(data,
                List.of(AvroSources.fileSource("ztf-avro", ztf, cfg, null)), true, new AtomicBoolean()));
        final Map<Long, ObservationRecord> inputs = inputs(data);
        final SkyringConfig.KnownObjects k = cfg.knownObjects();
        final SkyringConfig.Classification c = cfg.classification();

        final int[] fired = new int[Rule.values().length];
        final int[] notFired = new int[Rule.values().length];
        int routineAsteroids = 0;
        int routineStars = 0;
        for (final DecisionRecord d : decisions(data)) {
            if (d.category == Category.REJECTED) {
                continue;
            }
            final ObservationRecord o = inputs.get(d.inputIndex);
            final String why = d.explanation.toString();
            assertTrue(why.endsWith("-> " + d.category.key()), why);
            final boolean cut = (d.rulesFired & (qualityAndArtifactRules())) != 0;
            if (cut) {
                assertEquals(Category.ROUTINE, d.category, "a quality or artifact cut is archived: " + why);
                continue;
            }
            // the cross-match runs on what passed the quality cuts
            final double ss = o.solarSystemDistanceArcsec;
            check(d, Rule.KNOWN_SOLAR_SYSTEM, ss >= 0 && ss < k.solarSystemKnownArcsec(), fired, notFired);
            check(d, Rule.SUSPECT_SOLAR_SYSTEM, ss >= k.solarSystemKnownArcsec() && ss < k.solarSystemSuspectArcsec(),
                    fired, notFired);
            check(d, Rule.KNOWN_PS1_STAR, o.nearestStarDistanceArcsec >= 0
                    && o.nearestStarDistanceArcsec <= k.ps1StarRadiusArcsec() && o.nearestStarScore > k.ps1StarMinScore(),
                    fired, notFired);
            // class rules, from the decision's own rate (documented thresholds of classification_rules.md)
            final double rate = d.riseRateMagPerDay;
            if (d.fired(Rule.CLASS_FAST_RISER)) {
                assertTrue(rate >= c.fastRiserMinRate(), "fast riser at " + rate + ": " + why);
                assertTrue(why.startsWith("fast riser: "), why);
            } else if (!Double.isNaN(rate) && rate < c.fastRiserMinRate()) {
                notFired[Rule.CLASS_FAST_RISER.ordinal()]++;
            }
            if (d.fired(Rule.CLASS_FAST_FADER)) {
                assertTrue(-rate > c.fastFaderMinRate(), "fast fader at " + rate + ": " + why);
            }
            int classRules = (d.rulesFired & KNOWN) != 0 ? 1 : 0;
            for (final Rule r : new Rule[] {Rule.CLASS_FAST_RISER, Rule.CLASS_FAST_FADER, Rule.CLASS_SLOW_RISER_IN_HOST}) {
                classRules += d.fired(r) ? 1 : 0;
                fired[r.ordinal()] += d.fired(r) ? 1 : 0;
            }
            check(d, Rule.CLASS_AMBIGUOUS, classRules > 1, fired, notFired);
            if (d.fired(Rule.KNOWN_SOLAR_SYSTEM) && !d.fired(Rule.CLASS_AMBIGUOUS)) {
                assertEquals(Category.ROUTINE, d.category, why);
                assertTrue(why.contains("; known solar-system object"), why);
                routineAsteroids++;
            }
            if (d.fired(Rule.KNOWN_PS1_STAR) && !d.fired(Rule.CLASS_AMBIGUOUS) && !d.fired(Rule.CLASS_ANOMALOUS)
                    && !d.fired(Rule.SUSPECT_SOLAR_SYSTEM)) {
                assertEquals(Category.ROUTINE, d.category, why);
                assertTrue(why.contains("; PS1 point source"), why);
                routineStars++;
            }
            assertTrue(d.modelClass != DecisionRecord.NO_CLASS, "the model scores every modelled real alert: " + why);
            check(d, Rule.CLASS_ANOMALOUS, (d.rulesFired & KNOWN) == 0 && d.anomalyScore >= c.model().anomalyThreshold(),
                    fired, notFired);
        }
        for (final Rule r : new Rule[] {Rule.KNOWN_SOLAR_SYSTEM, Rule.KNOWN_PS1_STAR, Rule.CLASS_FAST_RISER,
                Rule.CLASS_AMBIGUOUS}) {
            assertTrue(fired[r.ordinal()] > 0, r.key() + " fires on some real alert");
            assertTrue(notFired[r.ordinal()] > 0, r.key() + " stays silent on some real alert");
        }
        assertTrue(routineAsteroids >= 10, "known asteroids routine with the rule named: " + routineAsteroids);
        assertTrue(routineStars >= 10, "PS1 stars routine with the rule named: " + routineStars);

        final Path replay = tmp.resolve("replay");
        new Engine(cfg, EngineAssembly.catalog(cfg), model).run(RunSpec.replay(data, replay));
        assertEquals(text(decisions(data)), text(decisions(replay)), "replay with history, model and anomaly detector");
    }

    private static long qualityAndArtifactRules() {
        long m = 0;
        for (final Rule r : Rule.values()) {
            if (r.stage().equals("quality") || r.stage().equals("artifact")) {
                m |= r.mask();
            }
        }
        return m;
    }

    /** The rule fired if and only if its condition holds; counts both sides. */
    private static void check(final DecisionRecord d, final Rule rule, final boolean condition, final int[] fired,
                              final int[] notFired) {
        assertEquals(condition, d.fired(rule), rule.key() + " on " + d.observationId + ": " + d.explanation);
        (condition ? fired : notFired)[rule.ordinal()]++;
    }

    private static Map<Long, ObservationRecord> inputs(final Path data) {
        final Map<Long, ObservationRecord> byIndex = new HashMap<>();
        try (ChronicleQueue q = JournalSet.openQueue(data, JournalSet.INPUT, RollCycles.FAST_HOURLY);
             JournalCursor c = new JournalCursor(q)) {
            ObservationRecord o = new ObservationRecord();
            while (c.nextObservation(o)) {
                byIndex.put(c.index(), o);
                o = new ObservationRecord();
            }
        }
        return byIndex;
    }

    private static List<DecisionRecord> decisions(final Path data) {
        final List<DecisionRecord> all = new ArrayList<>();
        try (ChronicleQueue q = JournalSet.openQueue(data, JournalSet.DECISIONS, RollCycles.FAST_HOURLY);
             JournalCursor c = new JournalCursor(q)) {
            DecisionRecord d = new DecisionRecord();
            while (c.nextDecision(d)) {
                all.add(d);
                d = new DecisionRecord();
            }
        }
        return all;
    }

    private static List<String> text(final List<DecisionRecord> ds) {
        final List<String> lines = new ArrayList<>();
        ds.forEach(d -> lines.add(RecordText.decision(d)));
        return lines;
    }
}
