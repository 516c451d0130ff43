package org.skyring.engine.port;

import org.skyring.engine.alert.AlertDelivery;

/**
 * One way an alert reaches people or systems: the durable queue, the log, a webhook, VOEvent files, Kafka.
 * Built-in channels live in {@code engine.alert}; transports (HTTP, files, Kafka) are adapters.
 *
 * <p>Called only by the alert agent's thread (never a ring thread), one delivery at a time. A delivery that
 * throws is retried with back-off until it succeeds or the alert is acknowledged, so a channel must be
 * idempotent for one {@link AlertDelivery#idempotencyKey()} (alert id + round): it either ignores a repeat
 * itself or hands the key to a receiver that does.
 */
public interface AlertChannel extends AutoCloseable {
    /** The channel's name in the config ("queue", "log", a webhook's name). */
    String name();

    /** Delivers one round of one alert; returns normally only once the receiver has accepted it. */
    void deliver(AlertDelivery delivery) throws Exception;

    @Override
    default void close() {
    }
}
