package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

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

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Check before you erase");
        assertThat(browser.path()).doesNotContain("UPN");
        browser.screenshot("erasure-check");
        browser.press("erase-confirm");

        assertThat(browser.text(By.id("erased-from"))).isEqualTo("From 1 incident");
        assertThat(browser.path()).doesNotContain("UPN");
    }
}
