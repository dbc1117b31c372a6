package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A designated safeguarding lead's whole journey in the browser, without a line of JavaScript needed: a teacher
 * reports, the DSL escalates, refers to the police, is told in words what is still missing when closing too early,
 * records it, and closes.
 */
class WebDslJourneyTest extends BrowserTest {

    @Test
    void aDslReportsEscalatesRefersIsToldWhatIsMissingAndCloses() {
        browser.signIn("dsl.a");
        browser.screenshot("what-needs-me-now");

        browser.open("/incidents/new");
        browser.choose("report-schoolId");
        browser.select("report-category", "ILL-GROOMING");
        browser.type("report-summary", "A pupil received messages from an adult asking to meet");
        browser.choose("report-subjectType");
        browser.type("report-subjectReference", "UPN-J1");
        browser.choose("report-involvement");
        browser.type("report-yearGroup", "Y6");
        browser.screenshot("report-an-incident");
        browser.press("report-submit");

        browser.waitForPath("/incidents/reported");
        assertThat(browser.text(By.className("govuk-panel__title"))).isEqualTo("Incident reported");
        browser.screenshot("incident-reported");
        browser.press("case-link");
        browser.waitForPath("/incidents/[0-9a-f-]{36}");
        assertThat(browser.text(By.id("case-status"))).contains("Open");
        assertThat(browser.text(By.id("timeline"))).contains("Reported");
        assertThat(browser.text(By.id("case-people"))).contains("A pupil").contains("UPN-J1").contains("affected by it");
        String casePath = browser.path().split("\\?")[0];
        assertThat(casePath).doesNotContain("UPN").doesNotContain("messages");

        browser.openDetails("escalate");
        browser.choose("escalate-to");
        browser.type("escalate-reason", "Possible grooming");
        browser.press("escalate-submit");
        browser.waitForSuccess("Incident escalated");
        assertThat(browser.text(By.id("case-escalated-to"))).contains("designated safeguarding lead");

        browser.openDetails("parents");
        browser.choose("parents-subjectReference");
        browser.choose("parents-decision");
        browser.choose("parents-method");
        browser.press("parents-submit");
        browser.waitForSuccess("Contact with the parents or carers recorded");

        browser.openDetails("police");
        browser.type("police-force", "West Midlands Police");
        browser.type("police-crimeReference", "CR-2026-1");
        browser.press("police-submit");
        browser.waitForSuccess("Referral to the police recorded");
        assertThat(browser.text(By.id("case-police"))).isEqualTo("Referred");

        browser.openDetails("close");
        browser.choose("close-outcome-3");
        browser.type("close-summary", "With the police");
        browser.press("close-submit");
        String refusal = browser.text(By.className("govuk-error-summary"));
        assertThat(refusal).contains("There is a problem")
                .contains("Record the decision on telling the local authority's safeguarding officer")
                .doesNotContain("LA_SAFEGUARDING_DECISION_REQUIRED");
        assertThat(browser.driver().getTitle()).startsWith("Error: ");
        browser.screenshot("case-refusal");

        browser.openDetails("refer");
        browser.choose("refer-agency");
        browser.choose("refer-decision");
        browser.type("refer-rationale", "Contact from an adult outside the school");
        browser.press("refer-submit");
        browser.waitForSuccess("Decision recorded");

        browser.openDetails("close");
        browser.choose("close-outcome-3");
        browser.type("close-summary", "With the police");
        browser.press("close-submit");
        browser.waitForSuccess("Incident closed");
        assertThat(browser.text(By.id("case-status"))).contains("Closed");
        assertThat(browser.text(By.id("case-outcome"))).isEqualTo("The police are taking action");
        browser.screenshot("case");

        browser.open("/incidents");
        browser.select("status", "CLOSED");
        browser.select("category", "ILL-GROOMING");
        browser.press("apply-filters");
        browser.waitForAddressContaining("status=CLOSED");
        assertThat(browser.path()).contains("status=CLOSED").doesNotContain("_csrf");
        assertThat(browser.text(By.id("incident-log"))).contains("Grooming");
        browser.screenshot("incident-log");

        browser.open("/child-file");
        browser.type("child-reference", "UPN-J1");
        browser.press("child-file-submit");
        assertThat(browser.text(By.id("chronology"))).contains("Reported").contains("Escalated");
        assertThat(browser.path()).isEqualTo("/child-file");
        browser.screenshot("child-file");

        browser.signOut();
        browser.open("/incidents");
        assertThat(browser.path()).startsWith("/sign-in");
    }

    @Test
    void aChangeMadeMeanwhileBySomeoneElseIsReportedNotOverwritten() {
        java.util.UUID id = reportedIncident("INA-CYBERBULLY");
        browser.signIn("dsl.a");
        browser.open("/incidents/" + id);
        browser.waitFor(By.id("note"));

        assertThat(RunningServices.get().command().post("/api/v1/incidents/" + id + "/notes", "head.a",
                "{\"text\":\"Spoke to the class\"}").status()).isEqualTo(200);

        browser.openDetails("note");
        browser.type("note-text", "Parents informed");
        browser.press("note-submit");
        assertThat(browser.text(By.className("govuk-error-summary")))
                .contains("Someone else changed this case while you were working on it");
        assertThat(browser.driver().findElement(By.id("note-text")).getDomProperty("value")).isEqualTo("Parents informed");

        browser.press("note-submit");
        browser.waitForSuccess("Note added");
    }
}
