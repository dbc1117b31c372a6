package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A governor reads anonymised statistics only: no case page of their school opens for them, whatever the address. */
class WebGovernorTest extends BrowserTest {

    @Test
    void aGovernorCannotReachAnyCasePage() {
        UUID incident = reportedIncident("INA-CYBERBULLY");
        browser.signIn("governor.a");
        assertThat(browser.text(By.id("nothing-for-role"))).contains("No duties or actions");

        browser.open("/incidents/" + incident);
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("You cannot see this page");
        assertThat(browser.driver().getPageSource()).doesNotContain("Cyber").doesNotContain("UPN-");
        browser.screenshot("governor-refused");

        browser.open("/incidents");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("You cannot see this page");
    }
}
