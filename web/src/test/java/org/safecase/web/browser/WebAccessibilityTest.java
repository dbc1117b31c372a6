package org.safecase.web.browser;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.safecase.localstack.Http;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every page, in every state a user meets it in (with its error summary too), checked by axe-core against WCAG 2.2
 * A and AA: no serious or critical violation.
 */
class WebAccessibilityTest extends BrowserTest {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    private final List<String> violations = new ArrayList<>();

    @Test
    void everyPageHasNoSeriousOrCriticalAccessibilityViolation() {
        String pupil = "UPN-A" + System.nanoTime() % 100000;
        UUID incident = reportedIncident("ILL-GROOMING", pupil);
        withAnOpenActionAndADeviceHeld(incident, pupil);

        browser.open("/sign-in");
        check("sign in");
        browser.type("username", "dsl.a");
        browser.type("password", "wrong");
        browser.press("sign-in");
        browser.waitFor(By.className("govuk-error-summary"));
        check("sign in, refused");

        browser.signIn("dsl.a");
        check("what needs me now");
        browser.open("/incidents");
        check("incident log");
        browser.open("/incidents?from=not-a-date");
        check("incident log, with a filter to correct");
        browser.open("/incidents/new");
        check("report an incident");
        browser.press("report-submit");
        browser.waitFor(By.className("govuk-error-summary"));
        check("report an incident, with answers to correct");
        browser.choose("report-schoolId");
        browser.select("report-category", "INA-CYBERBULLY");
        browser.type("report-summary", "Unkind messages in a group chat");
        browser.choose("report-subjectType");
        browser.type("report-subjectReference", "UPN-A11Y");
        browser.choose("report-involvement");
        browser.press("report-submit");
        browser.waitForPath("/incidents/reported");
        check("incident reported");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            browser.open("/incidents/" + incident);
            return !browser.driver().findElements(By.id("case-devices")).isEmpty()
                    && !browser.driver().findElements(By.id("case-actions")).isEmpty();
        });
        check("case");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "document.querySelectorAll('details').forEach(details => details.open = true);");
        assertThat(browser.driver().findElements(By.cssSelector("details:not([open])"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("details")))
                .as("every form of an open case but the removal, as one person is recorded").hasSize(15);
        check("case, with every form open, an open action and a device held");
        browser.openDetails("close");
        browser.choose("close-outcome");
        browser.type("close-summary", "Too early");
        browser.press("close-submit");
        browser.waitFor(By.className("govuk-error-summary"));
        check("case, with a refusal");
        browser.open("/incidents/" + UUID.randomUUID());
        check("page not found");
        browser.open("/child-file");
        browser.type("child-reference", "not a reference");
        browser.press("child-file-submit");
        browser.waitFor(By.className("govuk-error-summary"));
        check("a child's file, with a reference to correct");
        browser.open("/statistics?scope=SCH-A");
        check("statistics");
        browser.open("/statistics?scope=SCH-A&statistics-from-month=13&statistics-from-year=2025");
        browser.waitFor(By.className("govuk-error-summary"));
        check("statistics, with a month to correct");
        browser.open("/statistics?scope=TRUST-1");
        check("statistics, refused");
        browser.signOut();
        check("signed out");

        browser.signIn("auditor");
        browser.open("/incidents/" + incident + "/events?atVersion=0");
        check("event stream, with a past state");
        browser.open("/audit/checkpoints");
        check("integrity log");
        browser.type("kept-size", "x");
        browser.press("compare-checkpoint");
        browser.waitFor(By.className("govuk-error-summary"));
        check("integrity log, with a checkpoint to correct");
        browser.open("/read-log");
        check("read log");
        browser.type("incident", "not-an-incident");
        browser.press("search-read-log");
        browser.waitFor(By.className("govuk-error-summary"));
        check("read log, with a search to correct");
        browser.signOut();

        browser.signIn("dpo.trust");
        browser.open("/data-protection?asOf=2099-12-31");
        check("data protection, retention due");
        browser.open("/data-protection/incidents/" + incident + "/dispose");
        browser.press("dp-confirm");
        browser.waitFor(By.className("govuk-error-summary"));
        check("data protection, a confirmation with its reason to give");
        browser.open("/data-protection/erasure");
        browser.press("erase-continue");
        browser.waitFor(By.className("govuk-error-summary"));
        check("erasure, with answers to correct");
        browser.type("erase-reference", "UPN-NOBODY");
        browser.choose("erase-schoolId");
        browser.type("erase-reason", "A request");
        browser.press("erase-continue");
        browser.waitFor(By.id("erase-confirm"));
        check("erasure, check before you erase");
        browser.open("/data-protection/subject-access");
        browser.type("sar-reference", "UPN-A11Y");
        browser.choose("sar-schoolId");
        browser.press("sar-submit");
        browser.waitFor(By.id("sar-notice"));
        check("subject access, the export to review");
        browser.signOut();

        browser.signIn("governor.a");
        check("what needs me now, for a governor");
        browser.open("/incidents/" + incident);
        check("you cannot see this page");

        assertThat(violations).as("serious or critical accessibility violations").isEmpty();
    }

    @Test
    void theCheckFindsAViolationWhereThereIsOne() {
        browser.open("/sign-in");
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                "document.getElementById('username').removeAttribute('id');");

        check("sign in, its username label broken on purpose");

        assertThat(violations).anyMatch(violation -> violation.contains("label"));
    }

    /** So that the case page shows its every form: the action's button to mark it done, and the handover form. */
    private static void withAnOpenActionAndADeviceHeld(UUID incident, String pupil) {
        Http command = RunningServices.get().command();
        assertThat(command.post("/api/v1/incidents/" + incident + "/actions", "dsl.a", """
                {"title":"Speak to the class teacher","owner":"dsl.a","dueOn":"%s"}"""
                .formatted(LocalDate.now().plusDays(7))).status()).isEqualTo(201);
        assertThat(command.post("/api/v1/incidents/" + incident + "/devices", "dsl.a", """
                {"description":"A mobile phone","ownerReference":"%s","legalBasis":"CONSENT","seizedAt":"%s"}"""
                .formatted(pupil, Instant.now().minusSeconds(60))).status()).isEqualTo(201);
    }

    private void check(String page) {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"))
                .analyze(browser.driver());
        assertThat(results.isErrored()).as("axe-core ran on " + page).isFalse();
        for (Rule rule : results.getViolations()) {
            if (BLOCKING.contains(rule.getImpact())) {
                violations.add(page + ": " + rule.getId() + " (" + rule.getImpact() + ") " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList());
            }
        }
    }
}
