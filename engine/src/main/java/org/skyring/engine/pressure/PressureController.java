package org.skyring.engine.pressure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.alert.TextJournal;
import org.skyring.engine.config.SkyringConfig;

import java.util.Locale;

/**
 * Maps the {@link PressureSignals} to a {@link PressureLevel}, sampled every {@code pressure.sample_interval_ms}
 * of the injected clock on the background thread, and publishes it for the ring (triage), the ingest loop
 * (source pause) and the reclassifier.
 *
 * <p>Rules: the target level is the highest level whose entry threshold any signal has reached. The level
 * climbs one step per sample towards it (so each level passed through is journaled and acted on); it falls one
 * step only after every signal has stayed below (1 - hysteresis) x the current level's thresholds for
 * {@code calm_samples} consecutive samples, so it does not flap at a threshold. Every change is appended to the
 * pressure journal ({@code DIR/journal/pressure}) with its cause and the three signal values.
 */
public final class PressureController implements Agent {
    public static final String QUEUE = "pressure";
    private static final System.Logger LOG = System.getLogger("skyring.pressure");

    /** Told of every level change, on the background thread, after it is journaled. */
    public interface Listener {
        void onLevelChange(PressureLevel from, PressureLevel to, String cause, long atNanos);
    }

    private final SkyringConfig.Pressure config;
    private final PressureSignals signals;
    private final EpochNanoClock clock;
    private final TextJournal journal;
    private final Listener listener;
    private final long intervalNanos;
    private final long[] nanosAtLevel = new long[PressureLevel.values().length];
    private final long[] entries = new long[PressureLevel.values().length];
    private volatile int level;
    private int calmSamples;
    private long lastSampleNanos = Long.MIN_VALUE;
    private long samples;

    /** @param journal where level changes are appended; null = not journaled (benchmarks of the rule only) */
    public PressureController(final SkyringConfig.Pressure config, final PressureSignals signals,
                              final EpochNanoClock clock, final TextJournal journal, final Listener listener) {
        this.config = config;
        this.signals = signals;
        this.clock = clock;
        this.journal = journal;
        this.listener = listener;
        this.intervalNanos = config.sampleIntervalMs() * 1_000_000L;
    }

    @Override
    public String roleName() {
        return "pressure";
    }

    /** Samples when an interval has passed since the last sample. */
    @Override
    public int doWork() {
        final long now = clock.nanoTime();
        if (lastSampleNanos != Long.MIN_VALUE && now - lastSampleNanos < intervalNanos) {
            return 0;
        }
        sample(now);
        return 1;
    }

    /** Takes one sample now (tests call this directly with a controlled clock). */
    public void sample(final long now) {
        if (lastSampleNanos != Long.MIN_VALUE) {
            nanosAtLevel[level] += Math.max(0, now - lastSampleNanos);
        }
        lastSampleNanos = now;
        samples++;
        final double fill = signals.ringFill();
        final long backlog = signals.inputBacklog();
        final long lag = signals.outputLag();
        final int current = level;
        final int target = Math.max(levelFor(fill, config.ringFill()),
                Math.max(levelFor(backlog, config.inputBacklog()), levelFor(lag, config.outputLag())));
        if (target > current) {
            calmSamples = 0;
            change(current + 1, cause(current + 1, fill, backlog, lag), now, fill, backlog, lag);
        } else if (current > 0 && belowExit(current, fill, backlog, lag)) {
            if (++calmSamples >= config.calmSamples()) {
                calmSamples = 0;
                change(current - 1, String.format(Locale.ROOT,
                        "every signal below %.0f%% of the %s thresholds for %d samples",
                        100 * (1 - config.hysteresis()), PressureLevel.of(current).key(), config.calmSamples()),
                        now, fill, backlog, lag);
            }
        } else {
            calmSamples = 0;
        }
    }

    static int levelFor(final double value, final SkyringConfig.LevelThresholds t) {
        if (value >= t.critical()) {
            return 3;
        }
        if (value >= t.high()) {
            return 2;
        }
        return value >= t.moderate() ? 1 : 0;
    }

    private boolean belowExit(final int current, final double fill, final long backlog, final long lag) {
        final double k = 1 - config.hysteresis();
        return fill < k * config.ringFill().of(current) && backlog < k * config.inputBacklog().of(current)
                && lag < k * config.outputLag().of(current);
    }

    private String cause(final int to, final double fill, final long backlog, final long lag) {
        final String name = PressureLevel.of(to).key();
        final StringBuilder sb = new StringBuilder();
        if (fill >= config.ringFill().of(to)) {
            sb.append(String.format(Locale.ROOT, "ring_fill %.3f >= %s %.3f", fill, name, config.ringFill().of(to)));
        }
        if (backlog >= config.inputBacklog().of(to)) {
            sb.append(sb.length() > 0 ? "; " : "").append(String.format(Locale.ROOT, "input_backlog %d >= %s %.0f",
                    backlog, name, config.inputBacklog().of(to)));
        }
        if (lag >= config.outputLag().of(to)) {
            sb.append(sb.length() > 0 ? "; " : "").append(String.format(Locale.ROOT, "output_lag %d >= %s %.0f",
                    lag, name, config.outputLag().of(to)));
        }
        if (sb.length() == 0) {
            sb.append("climbing one step towards a higher level");
        }
        return sb.toString();
    }

    private void change(final int to, final String cause, final long now, final double fill, final long backlog,
                        final long lag) {
        final PressureLevel from = PressureLevel.of(level);
        final PressureLevel next = PressureLevel.of(to);
        if (journal != null) {
            final ObjectNode e = AlertJson.MAPPER.createObjectNode();
            e.put("at", now).put("time", AlertJson.time(now)).put("from", from.key()).put("to", next.key())
                    .put("cause", cause).put("ring_fill", fill).put("input_backlog", backlog).put("output_lag", lag);
            journal.append(AlertJson.write(e));
        }
        level = to;
        entries[to]++;
        LOG.log(to > from.ordinal() ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                "pressure {0} -> {1}: {2}", from, next, cause);
        if (listener != null) {
            listener.onLevelChange(from, next, cause, now);
        }
    }

    /** The current level; any thread. */
    public PressureLevel level() {
        return PressureLevel.of(level);
    }

    /** The current level's ordinal; any thread, allocation-free (the triage stage reads it per event). */
    public int levelOrdinal() {
        return level;
    }

    /** Time spent at each level, by ordinal, up to the last sample (read after the agent stopped). */
    public long[] nanosAtLevel() {
        return nanosAtLevel.clone();
    }

    /** How many times each level was entered (read after the agent stopped). */
    public long[] entries() {
        return entries.clone();
    }

    public long samples() {
        return samples;
    }
}
