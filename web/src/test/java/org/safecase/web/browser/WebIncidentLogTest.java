package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** The incident log's pages: numbered, as GOV.UK's pagination, with the filters kept from page to page. */
class WebIncidentLogTest extends BrowserTest {

    @Test
    void givenMoreIncidentsThanAPageWhenTheDslGoesToPageTwoExpectItMarkedCurrentAndTheFilterKept() {
        for (int i = 0; i < 21; i++) {
            reportedIncident("INA-COPYRIGHT");
        }
        browser.signIn("dsl.a");
        browser.open("/incidents?category=INA-COPYRIGHT");
        assertThat(browser.text(By.cssSelector(".govuk-pagination__item--current"))).isEqualTo("1");

        browser.driver().findElement(By.cssSelector("a[aria-label='Page 2']")).click();

        assertThat(browser.text(By.cssSelector(".govuk-pagination__item--current"))).isEqualTo("2");
        assertThat(browser.driver().getCurrentUrl()).contains("category=INA-COPYRIGHT").contains("page=1");
        assertThat(browser.text(By.id("incident-log"))).contains("Copyright");
        assertThat(browser.driver().findElements(By.cssSelector(".govuk-pagination__prev"))).hasSize(1);
    }
}
