package org.safecase.query.alert;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings refuse, at start-up, a webhook that could not be signed or sent as the specification says. */
class WebhookPropertiesTest {

    private static final URI RECEIVER = URI.create("https://alerts.example.org/safecase");

    @Test
    void givenNoSettingsThenNoSchoolHasAWebhookAndRetriesDoubleFromTenSecondsToFifteenMinutes() {
        WebhookProperties defaults = new WebhookProperties(null, null, null, null, null, null);

        assertTrue(defaults.schools().isEmpty());
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 320L, 640L, 900L, 900L),
                List.of(1, 2, 3, 4, 5, 6, 7, 8, 9).stream().map(n -> defaults.backoffAfter(n).toSeconds()).toList());
        assertEquals(Duration.ofMinutes(15), defaults.backoffAfter(Integer.MAX_VALUE));
    }

    @Test
    void givenASecretThatIsNotWhsecAndBase64Of24To64BytesThenStartUpIsRefusedWithoutQuotingIt() {
        for (String secret : List.of(secret(16), secret(65), "whsec_not*base64", "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0", "")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> new WebhookProperties.SchoolWebhook("SCH-A", RECEIVER, secret));
            assertTrue(refused.getMessage().contains("SCH-A"));
            assertFalse(!secret.isEmpty() && refused.getMessage().contains(secret), refused.getMessage());
        }
        new WebhookProperties.SchoolWebhook("SCH-A", RECEIVER, secret(24));
        new WebhookProperties.SchoolWebhook("SCH-A", RECEIVER, secret(64));
    }

    @Test
    void givenAUrlThatIsNotAnAbsoluteHttpOrHttpsUrlThenStartUpIsRefused() {
        for (String url : List.of("ftp://alerts.example.org/", "/safecase/alerts", "mailto:dsl@example.org")) {
            assertThrows(IllegalArgumentException.class,
                    () -> new WebhookProperties.SchoolWebhook("SCH-A", URI.create(url), secret(32)));
        }
        new WebhookProperties.SchoolWebhook("SCH-A", URI.create("http://127.0.0.1:9000/hook"), secret(32));
    }

    @Test
    void givenASchoolTwiceOrABackOffShorterThanARequestThenStartUpIsRefused() {
        WebhookProperties.SchoolWebhook school = new WebhookProperties.SchoolWebhook("SCH-A", RECEIVER, secret(32));
        assertThrows(IllegalArgumentException.class,
                () -> new WebhookProperties(List.of(school, school), null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new WebhookProperties(List.of(school), null,
                Duration.ofSeconds(10), null, null, Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> new WebhookProperties(List.of(school), null,
                Duration.ofMinutes(20), Duration.ofMinutes(15), null, null));
    }

    @Test
    void givenASchoolsWebhookThenItsPrintedFormNamesTheSchoolOnly() {
        String secret = secret(32);
        String printed = new WebhookProperties(List.of(new WebhookProperties.SchoolWebhook("SCH-A", RECEIVER, secret)),
                null, null, null, null, null).toString();

        assertTrue(printed.contains("SCH-A"));
        assertFalse(printed.contains(secret.substring("whsec_".length())));
        assertFalse(printed.contains(RECEIVER.getHost()));
    }

    private static String secret(int bytes) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
