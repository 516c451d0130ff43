package org.skyring.engine.config;

/** A bad config key or value; the message names the key, the value and what is allowed. */
public final class ConfigException extends RuntimeException {
    public ConfigException(final String message) {
        super(message);
    }
}
