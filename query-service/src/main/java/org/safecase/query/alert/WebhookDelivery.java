package org.safecase.query.alert;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import org.safecase.platform.school.SchoolDirectory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One attempt at one message: a POST of the queued body to the school's URL, signed now per the Standard Webhooks
 * specification ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}: HMAC-SHA256 over
 * {@code id.timestamp.body} with the school's secret, by the specification's own Java library).
 */
@Component
class WebhookDelivery {

    /** What an attempt came to: delivered on a 2xx; the HTTP status, or the class of the error, never a body. */
    record Outcome(boolean delivered, String status) {
    }

    private final Map<String, URI> urls;
    private final Map<String, Webhook> signers;
    private final HttpClient http;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookDelivery(WebhookProperties properties, SchoolDirectory directory, Clock clock) {
        for (String school : properties.schoolIds()) {
            if (!directory.isKnownSchool(school)) {
                throw new IllegalStateException("safecase.webhooks: school " + school + " is not in the school directory");
            }
        }
        this.urls = properties.schools().stream().collect(Collectors.toUnmodifiableMap(
                WebhookProperties.SchoolWebhook::schoolId, WebhookProperties.SchoolWebhook::url));
        this.signers = properties.schools().stream().collect(Collectors.toUnmodifiableMap(
                WebhookProperties.SchoolWebhook::schoolId, WebhookDelivery::signer));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.requestTimeout())
                // a redirect is the receiver's misconfiguration: it is recorded and retried, never followed
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.properties = properties;
        this.clock = clock;
    }

    private static Webhook signer(WebhookProperties.SchoolWebhook school) {
        try {
            return new Webhook(school.secret());
        } catch (EmptyWebhookSecretException e) {
            // WebhookProperties has already refused secrets shorter than 24 bytes
            throw new IllegalStateException("safecase.webhooks: the secret of school " + school.schoolId() + " is empty");
        }
    }

    Outcome attempt(OutboxMessage message) throws InterruptedException {
        long timestamp = clock.instant().getEpochSecond();
        try {
            HttpRequest request = HttpRequest.newBuilder(urls.get(message.schoolId()))
                    .timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Safecase-Webhooks")
                    .header("webhook-id", message.id())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signers.get(message.schoolId()).sign(message.id(), timestamp,
                            message.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(message.payload(), StandardCharsets.UTF_8))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Outcome(status >= 200 && status < 300, Integer.toString(status));
        } catch (IOException | WebhookSigningException | IllegalArgumentException e) {
            return new Outcome(false, e.getClass().getSimpleName());
        }
    }
}
