package org.skyring.engine;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.skyring.engine.alert.AlertSystem;
import org.skyring.engine.pressure.PressureController;
import org.skyring.engine.pressure.Reclassifier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's one background thread ("skyring-background"), off the ring: the pressure controller's sampling,
 * the alert system (delivery, acknowledgements, escalation) and the reclassifier, as Agrona agents in that
 * order on one duty cycle. A backing-off idle strategy (up to 1 ms parks) keeps it near zero CPU when idle:
 * the machine has two cores and the ring needs them.
 */
final class Background implements Agent, AutoCloseable {
    private final PressureController pressure;
    private final AlertSystem alerts;
    private final Reclassifier reclassifier;
    private final List<Agent> agents = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private AgentRunner runner;
    private volatile boolean drainRequested;
    private volatile boolean drained;

    /** Any of the three may be null (disabled). */
    Background(final PressureController pressure, final AlertSystem alerts, final Reclassifier reclassifier) {
        this.pressure = pressure;
        this.alerts = alerts;
        this.reclassifier = reclassifier;
        if (pressure != null) {
            agents.add(pressure);
        }
        if (alerts != null) {
            agents.add(alerts);
        }
        if (reclassifier != null) {
            agents.add(reclassifier);
        }
    }

    void start() {
        runner = new AgentRunner(new BackoffIdleStrategy(1, 1, 10_000, 1_000_000),
                e -> {
                    failure.compareAndSet(null, e);
                    System.getLogger("skyring.background").log(System.Logger.Level.ERROR, "background agent failed", e);
                }, null, this);
        AgentRunner.startOnThread(runner, r -> {
            final Thread t = new Thread(r, "skyring-background");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String roleName() {
        return "skyring-background";
    }

    @Override
    public void onStart() {
        for (final Agent a : agents) {
            a.onStart();
        }
    }

    @Override
    public int doWork() throws Exception {
        int work = 0;
        for (final Agent a : agents) {
            work += a.doWork();
        }
        if (drainRequested && work == 0 && (reclassifier == null || reclassifier.caughtUp())
                && (alerts == null || alerts.caughtUp())) {
            drained = true;
        }
        return work;
    }

    @Override
    public void onClose() {
        for (final Agent a : agents) {
            a.onClose();
        }
    }

    /**
     * Stops the thread. With {@code drain} (a run that ends because its input is done), first waits until
     * every deferred decision is reclassified and every alert is raised and its due deliveries made; retries
     * waiting for their back-off and acknowledgement timers stay journaled for the next start.
     */
    void stop(final boolean drain) {
        if (drain) {
            if (reclassifier != null) {
                reclassifier.drain();
            }
            drainRequested = true;
            while (!drained && failure.get() == null) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        if (failure.get() != null) {
            throw new IllegalStateException("background agent failed: " + failure.get(), failure.get());
        }
    }

    /** Stops the thread without waiting for anything (idempotent; the engine's error path). */
    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
    }
}
