package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each role is offered the pages it may use, as the services' access rules say; the services still decide. */
class WebNavigationTest extends BrowserTest {

    private List<String> menu() {
        return browser.driver().findElements(By.cssSelector("#navigation a")).stream().map(WebElement::getText).toList();
    }

    @Test
    void givenADslWhenSignedInExpectTheCasePagesAndNoneOfTheDposOrTheReadLog() {
        browser.signIn("dsl.a");

        assertThat(menu()).containsExactly("What needs me now", "Incident log", "Report an incident", "A child's file",
                "Statistics");
    }

    @Test
    void givenAGovernorWhenSignedInExpectOnlyTheirDayAndTheStatistics() {
        browser.signIn("governor.a");

        assertThat(menu()).containsExactly("What needs me now", "Statistics");
    }

    @Test
    void givenAMemberOfStaffWhenSignedInExpectReportingButNoCaseOrChildsFile() {
        browser.signIn("staff.a");

        assertThat(menu()).containsExactly("What needs me now", "Report an incident");
    }

    @Test
    void givenTheDpoWhenSignedInExpectDataProtectionAndTheReadLogButNoCase() {
        browser.signIn("dpo.trust");

        assertThat(menu()).containsExactly("What needs me now", "Read log", "Data protection");
    }

    @Test
    void givenAnAuditorWhenSignedInExpectTheCasesTheFiguresAndTheReadLog() {
        browser.signIn("auditor");

        assertThat(menu()).containsExactly("What needs me now", "Incident log", "A child's file", "Statistics",
                "Read log", "Integrity log");
    }

    @Test
    void givenOneUserSignedOutWhenAnotherSignsInInTheSameBrowserExpectTheSecondUsersMenu() {
        browser.signIn("dpo.trust");
        browser.signOut();

        browser.signIn("dsl.a");

        assertThat(menu()).contains("Incident log").doesNotContain("Data protection", "Read log");
    }

    @Test
    void givenAPageTheRoleCannotSeeExpectTheRefusalStillOffersTheMenuAndSignOut() {
        browser.signIn("governor.a");

        browser.open("/incidents");

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("You cannot see this page");
        assertThat(menu()).containsExactly("What needs me now", "Statistics");
        browser.signOut();
    }
}
