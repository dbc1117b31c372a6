package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The read log in the browser: who read which case, allowed or refused, for auditors and the DPO only. */
class WebReadLogTest extends BrowserTest {

    @Test
    void givenADslReadACaseWhenTheAuditorSearchesByTheIncidentExpectTheReadWithWhoAndWhat() {
        UUID incident = reportedIncident("INA-CYBERBULLY");
        browser.signIn("dsl.a");
        browser.open("/incidents/" + incident);
        browser.signOut();

        browser.signIn("auditor");
        browser.open("/read-log");
        browser.type("incident", incident.toString());
        browser.press("search-read-log");

        String reads = browser.text(By.id("read-log"));
        assertThat(reads).contains("dsl.a").contains("Designated safeguarding lead").contains("A case's timeline")
                .contains("Allowed");
        assertThat(browser.path()).isEqualTo("/read-log");
        browser.screenshot("read-log");
    }

    @Test
    void givenARefusedReadWhenTheDpoSearchesByTheUserExpectItMarkedRefused() {
        UUID incident = reportedIncident("INA-CYBERBULLY");
        browser.signIn("governor.a");
        browser.open("/incidents/" + incident);
        browser.signOut();

        browser.signIn("dpo.trust");
        browser.open("/read-log");
        browser.type("user", "governor.a");
        browser.press("search-read-log");

        assertThat(browser.text(By.id("read-log"))).contains("governor.a").contains("Refused");
    }

    @Test
    void givenASearchThatIsNotAnIncidentReferenceExpectTheErrorLinkedToItsField() {
        browser.signIn("auditor");
        browser.open("/read-log");
        browser.type("incident", "not-an-incident");
        browser.press("search-read-log");

        assertThat(browser.text(By.cssSelector(".govuk-error-summary"))).contains("Enter the incident's reference");
        assertThat(browser.driver().findElement(By.cssSelector(".govuk-error-summary a")).getDomAttribute("href"))
                .isEqualTo("#incident");
        assertThat(browser.driver().findElements(By.id("read-log"))).isEmpty();
    }

    @Test
    void givenADslWhenTheyOpenTheReadLogExpectRefused() {
        browser.signIn("dsl.a");

        browser.open("/read-log");

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("You cannot see this page");
    }
}
