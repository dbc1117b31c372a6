package org.safecase.web.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.safecase.localstack.Http;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command of the command service has its form on the case page, in the same style as the first ones: a DSL
 * adds and removes a person, puts support in place, records a sanction the policy suggests, gives and completes an
 * action, records evidence, a device and its handover, corrects the report and changes its category, each shown on
 * the case; a rule's refusal is said in words, and an answer to correct is linked to its field.
 */
class WebCaseFormsTest extends BrowserTest {

    private static final ZoneId SCHOOLS = ZoneId.of("Europe/London");

    @Test
    void givenAnOpenCaseWhenTheDslSendsEveryNewFormExpectEachChangeShownOnTheCase() {
        String pupil = "UPN-F" + System.nanoTime() % 100000;
        String witness = "UPN-G" + System.nanoTime() % 100000;
        UUID id = reportedIncident("INA-CYBERBULLY", pupil);
        browser.signIn("dsl.a");
        browser.open("/incidents/" + id);
        browser.waitFor(By.id("person"));
        assertThat(browser.driver().findElements(By.id("remove"))).as("no removal while one person is recorded").isEmpty();
        assertThat(browser.driver().findElements(By.id("handover"))).as("no handover while no device is held").isEmpty();
        assertThat(browser.driver().findElements(By.id("case-actions"))).as("no open action yet").isEmpty();
        assertThat(browser.driver().findElements(By.id("reopen"))).as("no reopening of an open case").isEmpty();

        browser.openDetails("person");
        browser.chooseValue("person-type", "PUPIL");
        browser.type("person-reference", witness);
        browser.chooseValue("person-involvement", "WITNESS");
        browser.type("person-yearGroup", "Y7");
        browser.type("person-dateOfBirth-day", "3");
        browser.type("person-dateOfBirth-month", "4");
        browser.type("person-dateOfBirth-year", "2014");
        browser.press("person-submit");
        browser.waitForSuccess("Person added");
        assertThat(browser.text(By.id("case-people"))).contains(witness).contains("a witness");
        assertThat(browser.text(By.id("timeline"))).contains("Added a pupil (witness)");

        browser.openDetails("remove");
        browser.chooseValue("remove-reference", witness);
        browser.type("remove-reason", "Recorded against the wrong incident");
        browser.press("remove-submit");
        browser.waitForSuccess("Person removed");
        assertThat(browser.text(By.id("case-people"))).contains(pupil).doesNotContain(witness);
        assertThat(browser.text(By.id("timeline"))).contains("recorded by mistake");

        browser.openDetails("support");
        browser.chooseValue("support-subjectReference", pupil);
        browser.chooseValue("support-type", "PASTORAL");
        browser.press("support-submit");
        browser.waitForSuccess("Support recorded");
        assertThat(browser.text(By.id("timeline"))).contains("pastoral from " + LocalDate.now(SCHOOLS));

        browser.openDetails("sanction");
        assertThat(offered("sanction-type")).as("the pupils' table of the matrix, for a case about a pupil")
                .containsExactlyElementsOf(suggestedForPupils("INA-CYBERBULLY"));
        browser.chooseValue("sanction-subjectReference", pupil);
        browser.chooseValue("sanction-type", "LETTER_HOME");
        browser.type("sanction-notes", "Told not to repeat it");
        browser.press("sanction-submit");
        browser.waitForSuccess("Sanction recorded");
        assertThat(browser.text(By.id("timeline"))).contains("Sanction LETTER_HOME for a pupil");

        LocalDate dueOn = LocalDate.now(SCHOOLS).plusDays(7);
        browser.openDetails("action");
        browser.type("action-title", "Speak to the class teacher");
        browser.type("action-owner", "dsl.a");
        typeDate("action-dueOn", dueOn);
        browser.press("action-submit");
        browser.waitForSuccess("Action assigned");
        assertThat(browser.text(By.id("case-actions"))).contains("Speak to the class teacher").contains("for dsl.a");
        assertThat(browser.text(By.id("timeline"))).contains("Action for dsl.a, due " + dueOn);
        browser.press("complete-1-submit");
        browser.waitForSuccess("Action done");
        assertThat(browser.driver().findElements(By.id("case-actions"))).as("no open action left").isEmpty();
        assertThat(browser.text(By.id("timeline"))).contains("Action done");

        browser.openDetails("evidence");
        assertThat(browser.driver().findElements(By.id("evidence-no-copies"))).isEmpty();
        browser.chooseValue("evidence-kind", "MESSAGE");
        browser.type("evidence-description", "Messages in the class group chat");
        browser.type("evidence-heldAt", "The DSL's locked cabinet");
        browser.press("evidence-submit");
        browser.waitForSuccess("Evidence recorded");
        assertThat(browser.text(By.id("timeline"))).contains("Evidence recorded: message");

        browser.openDetails("device");
        browser.type("device-description", "A black mobile phone");
        browser.chooseValue("device-ownerReference", pupil);
        browser.chooseValue("device-legalBasis", "CONSENT");
        browser.press("device-submit");
        browser.waitForSuccess("Device recorded");
        assertThat(browser.text(By.id("case-devices"))).contains("A black mobile phone").contains("held by the school");
        assertThat(browser.text(By.id("timeline"))).contains("Device of a pupil seized (with the owner's consent)");

        browser.openDetails("handover");
        browser.choose("handover-deviceId");
        browser.chooseValue("handover-to", "POLICE");
        browser.press("handover-submit");
        browser.waitForSuccess("Handover of the device recorded");
        assertThat(browser.text(By.id("case-devices"))).contains("handed to the police");
        assertThat(browser.text(By.id("timeline"))).contains("Device handed to the police");
        assertThat(browser.driver().findElements(By.id("handover"))).as("no device left to hand over").isEmpty();

        browser.openDetails("correct");
        browser.choose("correct-field-offSite-true");
        browser.type("correct-reason", "It happened on the bus home");
        browser.press("correct-submit");
        browser.waitForSuccess("Report corrected");
        assertThat(browser.text(By.id("case-state"))).contains("away from the school site");
        assertThat(browser.text(By.id("timeline"))).contains("Corrected to off site");

        browser.openDetails("correct");
        browser.choose("correct-field");
        browser.type("correct-summary", "Unkind messages in the class group chat");
        browser.type("correct-reason", "The first summary named the wrong chat");
        browser.press("correct-submit");
        browser.waitForSuccess("Report corrected");
        assertThat(browser.text(By.id("timeline"))).contains("Summary corrected");

        browser.openDetails("reclassify");
        browser.select("reclassify-category", "INA-OFFENSIVE-MSG");
        browser.type("reclassify-reason", "The messages were offensive rather than bullying");
        browser.press("reclassify-submit");
        browser.waitForSuccess("Category changed");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Sending an offensive, harassing or bullying message");
        assertThat(browser.text(By.id("timeline"))).contains("Reclassified from Cyber-bullying");
    }

    @Test
    void givenAChildAbuseImageryCaseWhenAScreenshotIsRecordedExpectTheRefusalInWords() {
        UUID id = reportedIncident("ILL-CSAI");
        browser.signIn("dsl.a");
        browser.open("/incidents/" + id);
        browser.openDetails("evidence");
        assertThat(browser.text(By.id("evidence-no-copies"))).contains("Never take a copy");

        browser.chooseValue("evidence-kind", "SCREENSHOT");
        browser.type("evidence-description", "An image sent to a pupil's phone");
        browser.press("evidence-submit");

        assertThat(browser.text(By.className("govuk-error-summary")))
                .contains("Never take a copy of an indecent image of a child, not even a screenshot")
                .doesNotContain("NO_COPIES_OF_INDECENT_IMAGES");
        assertThat(browser.driver().findElement(By.id("evidence")).getDomAttribute("open")).isNotNull();
        assertThat(browser.driver().findElement(By.id("evidence-description")).getDomProperty("value"))
                .isEqualTo("An image sent to a pupil's phone");
        assertThat(browser.text(By.id("timeline"))).doesNotContain("Evidence recorded");
    }

    @Test
    void givenATimedSanctionWithoutAnEndWhenRecordedExpectTheRuleSaidInWords() {
        String pupil = "UPN-T" + System.nanoTime() % 100000;
        UUID id = reportedIncident("INA-HATE-THREAT", pupil);
        browser.signIn("dsl.a");
        browser.open("/incidents/" + id);
        browser.openDetails("sanction");
        browser.chooseValue("sanction-subjectReference", pupil);
        browser.chooseValue("sanction-type", "ACCESS_SUSPENSION");
        browser.press("sanction-submit");

        assertThat(browser.text(By.className("govuk-error-summary")))
                .contains("Enter when the sanction ends").doesNotContain("TIMED_SANCTION_NEEDS_END");
    }

    @Test
    void givenADueDateToCorrectWhenAnActionIsGivenExpectTheErrorLinkedToTheDayField() {
        UUID id = reportedIncident("INA-CYBERBULLY");
        browser.signIn("dsl.a");
        browser.open("/incidents/" + id);

        browser.openDetails("action");
        browser.type("action-title", "Speak to the class teacher");
        browser.type("action-owner", "dsl.a");
        browser.type("action-dueOn-day", "31");
        browser.type("action-dueOn-month", "2");
        browser.type("action-dueOn-year", "2027");
        browser.press("action-submit");
        assertErrorLinkedTo("action-dueOn-day", "Enter when it is due as a real date");

        typeDate("action-dueOn", LocalDate.now(SCHOOLS).minusDays(2));
        browser.press("action-submit");
        assertErrorLinkedTo("action-dueOn-day", "The action must be due today or later");
        assertThat(browser.text(By.id("action-dueOn-error"))).contains("The action must be due today or later");
        assertThat(browser.driver().findElement(By.id("action-title")).getDomProperty("value"))
                .isEqualTo("Speak to the class teacher");
    }

    /** The error summary's link for the field, followed: it takes the user to the field's input. */
    private void assertErrorLinkedTo(String fieldId, String text) {
        WebElement link = browser.waitFor(By.cssSelector(".govuk-error-summary a[href='#" + fieldId + "']"));
        assertThat(link.getText()).isEqualTo(text);
        link.click();
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo(fieldId);
    }

    private void typeDate(String field, LocalDate date) {
        browser.type(field + "-day", Integer.toString(date.getDayOfMonth()));
        browser.type(field + "-month", Integer.toString(date.getMonthValue()));
        browser.type(field + "-year", Integer.toString(date.getYear()));
    }

    private List<String> offered(String name) {
        return browser.driver().findElements(By.cssSelector("input[name='" + name + "']")).stream()
                .map(radio -> radio.getDomAttribute("value")).toList();
    }

    /** What the command service's sanctions matrix suggests for pupils in the category, each type once, then "another". */
    private static List<String> suggestedForPupils(String category) {
        Http.Response answer = RunningServices.get().command().get("/api/v1/categories/" + category + "/sanctions",
                "dsl.a");
        assertThat(answer.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        answer.json().path("pupils").path("suggested").forEach(suggestion -> suggestion.path("sanctionTypes")
                .forEach(type -> {
                    if (!types.contains(type.asString())) {
                        types.add(type.asString());
                    }
                }));
        assertThat(types).as("the matrix suggests sanctions for pupils in " + category).isNotEmpty();
        types.remove("OTHER");
        types.add("OTHER");
        return types;
    }
}
