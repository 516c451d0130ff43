package org.skyring.engine.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsConfigTest {
    @Test
    void shippedDefaultsKeepPrometheusOffAndLogLatencyEveryFiveSeconds() {
        final SkyringConfig.Metrics m = SkyringConfig.loadDefault().metrics();
        assertEquals(0, m.prometheusPort());
        assertEquals(5_000, m.latencyIntervalMs());
        assertTrue(m.latencyLog());
        assertEquals(100, m.sampleIntervalMs());
        assertEquals(m, SkyringConfig.parse("engine: {}").metrics(), "the file's values are the built-in defaults");
    }

    @Test
    void rejectsAPortOutOfRangeNamingKeyAndValue() {
        final ConfigException e = assertThrows(ConfigException.class,
                () -> SkyringConfig.parse("metrics:\n  prometheus_port: 70000\n"));
        assertTrue(e.getMessage().contains("metrics.prometheus_port") && e.getMessage().contains("70000"), e.getMessage());
    }

    @Test
    void rejectsAMisspelledKeyInsteadOfFallingBackToTheDefault() {
        final ConfigException e = assertThrows(ConfigException.class,
                () -> SkyringConfig.parse("metrics:\n  latency_intervall_ms: 1000\n"));
        assertTrue(e.getMessage().contains("metrics.latency_intervall_ms"), e.getMessage());
        assertFalse(SkyringConfig.parse("metrics:\n  latency_log: false\n").metrics().latencyLog());
    }
}
