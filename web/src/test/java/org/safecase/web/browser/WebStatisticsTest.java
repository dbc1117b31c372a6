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

    @Test
    void givenAGovernorWhenTheyChooseTheMonthsExpectTheFiguresOfThoseWholeMonths() {
        browser.signIn("governor.a");
        browser.open("/statistics");
        browser.choose("scope");
        browser.type("statistics-from-month", "9");
        browser.type("statistics-from-year", "2025");
        browser.type("statistics-to-month", "10");
        browser.type("statistics-to-year", "2025");

        browser.press("show-figures");

        assertThat(browser.text(By.id("period"))).startsWith("Incidents reported from 1 September 2025 to 31 October 2025");
    }

    @Test
    void givenAMonthThatIsNotOneExpectTheErrorLinkedToItsFieldAndNoFigures() {
        browser.signIn("governor.a");
        browser.open("/statistics");
        browser.choose("scope");
        browser.type("statistics-from-month", "13");
        browser.type("statistics-from-year", "2025");

        browser.press("show-figures");

        assertThat(browser.text(By.className("govuk-error-summary"))).contains("Enter the first month as a month and year");
        assertThat(browser.driver().findElement(By.cssSelector(".govuk-error-summary a")).getDomAttribute("href"))
                .isEqualTo("#statistics-from-month");
        assertThat(browser.driver().findElements(By.id("total"))).isEmpty();
    }

    @Test
    void givenAFirstMonthStillToComeWhenTheServiceRefusesExpectItSaidInWordsAtTheField() {
        browser.signIn("governor.a");
        browser.open("/statistics");
        browser.choose("scope");
        browser.type("statistics-from-month", "1");
        browser.type("statistics-from-year", "2099");

        browser.press("show-figures");

        assertThat(browser.text(By.className("govuk-error-summary")))
                .contains("Enter a first month no later than the last complete month");
        assertThat(browser.driver().findElement(By.cssSelector(".govuk-error-summary a")).getDomAttribute("href"))
                .isEqualTo("#statistics-from-month");
    }
}
