package org.skyring.engine;

/** The engine build's version, recorded in every journaled observation and decision. */
public final class EngineVersion {
    public static final String VERSION = "0.1.0";

    private EngineVersion() {
    }
}
