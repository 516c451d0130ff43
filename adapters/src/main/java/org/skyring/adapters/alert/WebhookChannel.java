package org.skyring.adapters.alert;

import org.skyring.engine.alert.AlertDelivery;
import org.skyring.engine.alert.AlertJson;
import org.skyring.engine.config.SkyringConfig;
import org.skyring.engine.config.WebhookFormat;
import org.skyring.engine.port.AlertChannel;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An HTTP webhook channel: POSTs each delivery as JSON (the alert object) or as a Slack-compatible message, with
 * the header {@code Idempotency-Key: ALERT_ID/ROUND} so a receiver can drop a repeat (a retry after a lost
 * response). Any 2xx is delivered; anything else, a timeout or a connection error throws and the alert system
 * retries with back-off. JDK {@link HttpClient}; called on the alert agent thread only.
 */
public final class WebhookChannel implements AlertChannel {
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private final String name;
    private final URI url;
    private final WebhookFormat format;
    private final Duration timeout;
    private final HttpClient client;

    public WebhookChannel(final String name, final SkyringConfig.Webhook config) {
        this.name = name;
        this.url = URI.create(config.url());
        this.format = config.format();
        this.timeout = Duration.ofMillis(config.timeoutMs());
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(final AlertDelivery delivery) throws IOException, InterruptedException {
        final String body = format == WebhookFormat.SLACK ? AlertJson.slack(delivery) : AlertJson.delivery(delivery);
        final HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_HEADER, delivery.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        final HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook " + name + " (" + url + ") answered HTTP " + response.statusCode());
        }
    }
}
