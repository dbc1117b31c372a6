package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.safecase.localstack.Http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data protection officer's pages: each irreversible or protective step has a confirmation step and needs a
 * reason, and the person's reference travels in form bodies only.
 */
class WebDataProtectionTest extends BrowserTest {

    @Test
    void aDpoPlacesALegalHoldOnlyWithAReason() {
        UUID incident = reportedIncident("INA-CYBERBULLY");
        browser.signIn("dpo.trust");
        browser.open("/data-protection?asOf=2099-12-31");
        assertThat(browser.text(By.id("retention-due"))).contains("INA-CYBERBULLY");

        browser.open("/data-protection/incidents/" + incident + "/hold");
        browser.press("dp-confirm");
        assertThat(browser.text(By.className("govuk-error-summary"))).contains("Enter the reason");
        browser.type("dp-reason", "Civil claim expected");
        browser.press("dp-confirm");

        browser.waitForSuccess("Legal hold placed");
    }

    @Test
    void aDpoErasesAPersonAfterCheckingTheAnswers() {
        reportedIncident("INA-CYBERBULLY", "UPN-ERASE1");
        browser.signIn("dpo.trust");
        browser.open("/data-protection/erasure");
        browser.type("erase-reference", "UPN-ERASE1");
        browser.choose("erase-schoolId");
        browser.type("erase-reason", "Erasure request of 1 December 2026");
        browser.press("erase-continue");

        browser.waitForPath("/data-protection/erasure/check");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Check before you erase");
        assertThat(browser.path()).doesNotContain("UPN");
        browser.screenshot("erasure-check");
        browser.press("erase-confirm");

        assertThat(browser.text(By.id("erased-from"))).isEqualTo("From 1 incident");
        assertThat(browser.path()).doesNotContain("UPN");
    }

    @Test
    void givenAPupilInAnIncidentWithAnotherWhenTheDpoAnswersTheirRequestExpectTheirRecordAndNotTheOthersReference() {
        String reference = "UPN-SAR" + System.nanoTime() % 100000;
        Http.Response reported = RunningServices.get().command().post("/api/v1/incidents", "staff.a", """
                {"schoolId":"SCH-A","category":"INA-CYBERBULLY","occurredAt":"%s","summary":"Unkind messages in a chat",
                 "subjects":[{"type":"PUPIL","reference":"%s","involvement":"AFFECTED","yearGroup":"Y6"},
                             {"type":"PUPIL","reference":"UPN-OTHER77","involvement":"ALLEGED","yearGroup":"Y6"}]}"""
                .formatted(Instant.now().minus(1, ChronoUnit.HOURS), reference));
        assertThat(reported.status()).isEqualTo(201);
        browser.signIn("dpo.trust");
        browser.open("/data-protection");
        browser.driver().findElement(By.id("subject-access-link")).click();

        browser.type("sar-reference", reference);
        browser.choose("sar-schoolId");
        browser.press("sar-submit");

        assertThat(browser.text(By.id("sar-count"))).isEqualTo("1 incident");
        assertThat(browser.text(By.id("sar-notice"))).contains("review it before release");
        String page = browser.driver().findElement(By.id("main-content")).getText();
        assertThat(page).contains(reference).contains("Unkind messages in a chat").contains("another pupil")
                .doesNotContain("UPN-OTHER77");
        assertThat(browser.path()).doesNotContain("UPN");
        browser.screenshot("subject-access");

        Object download = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = document.getElementById('sar-download').form;
                fetch(form.action, {method: 'POST', body: new URLSearchParams(new FormData(form))})
                  .then(r => r.text().then(t => done(r.status + '|' + r.headers.get('Content-Disposition') + '|' + t)));""");
        assertThat(download.toString()).startsWith("200|attachment; filename=\"subject-access-SCH-A-")
                .contains("\"reference\" : \"" + reference + "\"").doesNotContain("UPN-OTHER77");
    }

    @Test
    void givenADslWhenTheyOpenTheSubjectAccessPageAndAskExpectRefused() {
        browser.signIn("dsl.a");
        browser.open("/data-protection/subject-access");
        browser.type("sar-reference", "UPN-A123");
        browser.choose("sar-schoolId");

        browser.press("sar-submit");

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("You cannot see this page");
    }
}
