package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.safecase.web.layout.Dates;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The core journeys work in a browser that runs no JavaScript: every form is plain HTML, every section a details element. */
class WebWithoutJavaScriptTest extends BrowserTest {

    @Override
    boolean usesBrowser() {
        return false;
    }

    @Test
    void aDslReportsEscalatesAndRecordsASanctionWithoutJavaScript() {
        try (Browser plain = Browser.withoutJavaScript(baseUrl())) {
            plain.signIn("dsl.a");
            assertThat(plain.driver().findElement(By.tagName("body")).getDomAttribute("class"))
                    .doesNotContain("js-enabled");

            plain.open("/incidents/new");
            plain.choose("report-schoolId");
            plain.select("report-category", "INA-CYBERBULLY");
            plain.type("report-summary", "Unkind messages in a group chat");
            plain.choose("report-subjectType");
            plain.type("report-subjectReference", "UPN-NOJS1");
            plain.choose("report-involvement");
            plain.press("report-submit");
            plain.waitForPath("/incidents/reported");
            plain.press("case-link");
            plain.waitForPath("/incidents/[0-9a-f-]{36}");

            plain.openDetails("escalate");
            plain.choose("escalate-to");
            plain.type("escalate-reason", "Repeated messages");
            plain.press("escalate-submit");
            plain.waitForSuccess("Incident escalated");
            assertThat(plain.text(By.id("case-escalated-to"))).contains("designated safeguarding lead");

            LocalDate today = LocalDate.now(Dates.SCHOOLS);
            plain.openDetails("sanction");
            plain.chooseValue("sanction-subjectReference", "UPN-NOJS1");
            plain.chooseValue("sanction-type", "LETTER_HOME");
            plain.type("sanction-startsOn-day", Integer.toString(today.getDayOfMonth()));
            plain.type("sanction-startsOn-month", Integer.toString(today.getMonthValue()));
            plain.type("sanction-startsOn-year", Integer.toString(today.getYear()));
            plain.press("sanction-submit");
            plain.waitForSuccess("Sanction recorded");
            assertThat(plain.text(By.id("timeline"))).contains("Sanction LETTER_HOME for a pupil");

            plain.signOut();
        }
    }
}
