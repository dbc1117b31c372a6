package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** Governors read their figures with "c" said in words, and only the figures their role and school allow. */
class WebStatisticsTest extends BrowserTest {

    @Test
    void aGovernorReadsTheSchoolsFiguresWithCExplained() {
        browser.signIn("governor.a");
        browser.open("/statistics");
        browser.choose("scope");
        browser.press("show-figures");

        assertThat(browser.text(By.id("c-explained"))).contains("c stands for a count from 1 to 5")
                .contains("not shown");
        assertThat(browser.text(By.id("total"))).isNotBlank();
        browser.screenshot("statistics");
    }

    @Test
    void aSchoolsGovernorIsToldTheTrustsFiguresAreNotTheirs() {
        browser.signIn("governor.a");
        browser.open("/statistics?scope=TRUST-1");

        assertThat(browser.text(By.className("govuk-error-summary")))
                .contains("You can only see the figures of your own school");
    }
}
