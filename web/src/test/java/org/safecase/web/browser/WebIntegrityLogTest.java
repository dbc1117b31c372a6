package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditor's integrity log: the latest signed checkpoint with its signature checked, and a checkpoint kept from
 * earlier compared with it by its consistency proof, which tells an unchanged history from one that is not the kept one.
 */
class WebIntegrityLogTest extends BrowserTest {

    /** Opens the page until a checkpoint covering at least {@code events} events is shown; answers its size. */
    private long checkpointOfAtLeast(long events) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.open("/audit/checkpoints");
            return !browser.driver().findElements(By.id("checkpoint-size")).isEmpty()
                    && Long.parseLong(browser.text(By.id("checkpoint-size"))) >= events;
        });
        return Long.parseLong(browser.text(By.id("checkpoint-size")));
    }

    @Test
    void givenACheckpointKeptEarlierWhenTheLogHasGrownExpectTheHistoryShownUnchangedAndTheSignatureValid() {
        reportedIncident("INA-CYBERBULLY");
        browser.signIn("auditor");
        long keptSize = checkpointOfAtLeast(1);
        String keptRoot = browser.text(By.id("checkpoint-root"));
        assertThat(browser.text(By.id("checkpoint-signature"))).startsWith("Valid");

        reportedIncident("INA-CYBERBULLY");
        checkpointOfAtLeast(keptSize + 1);
        browser.type("kept-size", Long.toString(keptSize));
        browser.type("kept-root", keptRoot);
        browser.press("compare-checkpoint");

        assertThat(browser.text(By.id("comparison"))).contains("The history is unchanged")
                .contains("The first " + keptSize + " events are as they were");
        browser.screenshot("integrity-log");
    }

    @Test
    void givenAKeptRootThatIsNotTheLogsWhenComparedExpectTheWarningThatTheHistoryIsNotTheKeptOne() {
        reportedIncident("INA-CYBERBULLY");
        browser.signIn("auditor");
        long keptSize = checkpointOfAtLeast(1);
        String keptRoot = browser.text(By.id("checkpoint-root"));
        String otherRoot = (keptRoot.charAt(0) == '0' ? "1" : "0") + keptRoot.substring(1);

        browser.type("kept-size", Long.toString(keptSize));
        browser.type("kept-root", otherRoot);
        browser.press("compare-checkpoint");

        assertThat(browser.text(By.id("comparison"))).contains("The log does not extend the checkpoint you kept");
        assertThat(browser.driver().findElements(By.className("govuk-panel--confirmation"))).isEmpty();
    }

    @Test
    void givenARootHashThatIsNotOneWhenComparedExpectTheErrorLinkedToItsField() {
        reportedIncident("INA-CYBERBULLY");
        browser.signIn("auditor");
        checkpointOfAtLeast(1);

        browser.type("kept-size", "1");
        browser.type("kept-root", "not a hash");
        browser.press("compare-checkpoint");

        assertThat(browser.text(By.className("govuk-error-summary"))).contains("Enter the kept checkpoint's root hash");
        assertThat(browser.driver().findElement(By.cssSelector(".govuk-error-summary a")).getDomAttribute("href"))
                .isEqualTo("#kept-root");
        assertThat(browser.driver().findElements(By.id("comparison"))).isEmpty();
    }

    @Test
    void givenADslWhenTheyOpenTheIntegrityLogExpectRefused() {
        browser.signIn("dsl.a");

        browser.open("/audit/checkpoints");

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("You cannot see this page");
    }
}
