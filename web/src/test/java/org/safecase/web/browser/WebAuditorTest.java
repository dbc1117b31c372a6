package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An auditor reads an incident's event stream, sees its hash chain verified, and the incident as it stood then. */
class WebAuditorTest extends BrowserTest {

    @Test
    void anAuditorVerifiesAStreamAndReadsThePastState() {
        UUID incident = reportedIncident("ILL-GROOMING");
        RunningServices.get().command().post("/api/v1/incidents/" + incident + "/escalations", "dsl.a",
                "{\"to\":\"DSL\",\"reason\":\"Possible grooming\"}");

        browser.signIn("auditor");
        browser.open("/incidents/" + incident);
        browser.driver().findElement(By.id("event-stream-link")).click();
        browser.waitForPath("/incidents/[0-9a-f-]{36}/events");

        assertThat(browser.text(By.id("verification"))).contains("The history is intact");
        assertThat(browser.text(By.id("events"))).contains("IncidentReported").contains("IncidentEscalated");
        browser.screenshot("event-stream");

        browser.driver().findElement(By.cssSelector("#events tbody tr:first-child a")).click();
        assertThat(browser.text(By.id("past-state"))).isEqualTo("The incident after version 0");
    }

    @Test
    void aDslCannotReadTheAuditorsStream() {
        UUID incident = reportedIncident("INA-CYBERBULLY");
        browser.signIn("dsl.a");

        browser.open("/incidents/" + incident + "/events");

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("You cannot see this page");
    }
}
