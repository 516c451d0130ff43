package org.skyring.engine.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The alerts and pressure sections: defaults, and errors that name the key and the value. */
class AlertAndPressureConfigTest {
    private static String error(final String yaml) {
        return assertThrows(ConfigException.class, () -> SkyringConfig.parse(yaml)).getMessage();
    }

    @Test
    void theShippedDefaultsAreTheDocumentedOnes() {
        final SkyringConfig c = SkyringConfig.loadDefault();
        assertEquals(List.of("queue"), c.alerts().channels());
        assertEquals(List.of("log"), c.alerts().escalationChain());
        assertEquals(900_000, c.alerts().ackTimeoutMs());
        assertEquals("127.0.0.1", c.alerts().http().bind());
        assertTrue(!c.alerts().http().enabled());
        assertEquals(0.95, c.pressure().ringFill().critical());
        assertEquals(5, c.pressure().calmSamples());
    }

    @Test
    void readsNamedWebhooksUsableAsChannels() {
        final SkyringConfig c = SkyringConfig.parse("""
                alerts:
                  channels: [queue, oncall]
                  escalation_chain: [slack]
                  webhooks:
                    oncall: {url: "https://pager.example.org/hook", timeout_ms: 1500}
                    slack: {url: "https://hooks.slack.com/services/T/B/X", format: slack}
                """);
        assertEquals(WebhookFormat.JSON, c.alerts().webhooks().get("oncall").format());
        assertEquals(1500, c.alerts().webhooks().get("oncall").timeoutMs());
        assertEquals(WebhookFormat.SLACK, c.alerts().webhooks().get("slack").format());
    }

    @Test
    void rejectsAnUnknownChannelNamingTheKeyAndTheName() {
        final String e = error("alerts:\n  channels: [queue, pager]\n");
        assertTrue(e.startsWith("alerts.channels: \"pager\" is not a channel"), e);
    }

    @Test
    void rejectsAWebhookWithoutAnHttpUrl() {
        final String e = error("alerts:\n  webhooks:\n    ops: {url: \"ftp://x\"}\n");
        assertTrue(e.startsWith("alerts.webhooks.ops.url: \"ftp://x\""), e);
    }

    @Test
    void theHttpEndpointNeedsAToken() {
        final String e = error("alerts:\n  http: {enabled: true}\n");
        assertTrue(e.startsWith("alerts.http.token:"), e);
    }

    @Test
    void pressureThresholdsMustIncrease() {
        final String e = error("pressure:\n  ring_fill: {moderate: 0.8, high: 0.7, critical: 0.9}\n");
        assertTrue(e.contains("pressure.ring_fill") && e.contains("must increase"), e);
        assertTrue(error("pressure:\n  hysteresis: 1.5\n").startsWith("pressure.hysteresis: 1.5"));
        assertTrue(error("pressure:\n  calm: 3\n").startsWith("pressure.calm: unknown key"));
    }
}
