package org.safecase.web.errors;

import org.junit.jupiter.api.Test;
import org.safecase.web.layout.PageError;
import org.safecase.web.services.ServiceProblem;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A service's refusal becomes sentences saying what is missing, never the code alone. */
class WebRefusalSentencesTest {

    private final RefusalSentences sentences = new RefusalSentences(messages());

    @Test
    void aRefusedClosureNamesEveryMissingRequirementInWords() {
        ServiceProblem problem = new ServiceProblem(409, "POLICE_REFERRAL_REQUIRED", List.of(),
                List.of("POLICE_REFERRAL_REQUIRED", "LA_SAFEGUARDING_DECISION_REQUIRED"));

        assertThat(sentences.of(problem, "close", Map.of())).extracting(PageError::text).containsExactly(
                "Record the referral to the police: an incident in an illegal category cannot close without it",
                "Record the decision on telling the local authority's safeguarding officer");
    }

    @Test
    void aStaleVersionSaysSomeoneElseChangedTheCase() {
        assertThat(sentences.of(new ServiceProblem(412, "STALE_VERSION", List.of(), List.of()), "note", Map.of()))
                .extracting(PageError::text).singleElement().asString()
                .startsWith("Someone else changed this case while you were working on it");
        assertThat(sentences.of(new ServiceProblem(409, "CONCURRENT_CHANGE", List.of(), List.of()), "note", Map.of()))
                .extracting(PageError::text).singleElement().asString().startsWith("Someone else changed this case");
    }

    @Test
    void anInvalidFieldIsLinkedToTheFormsFieldWithWhatToEnter() {
        ServiceProblem problem = new ServiceProblem(400, "VALIDATION_FAILED",
                List.of(new ServiceProblem.FieldProblem("reason", "must not be blank")), List.of());

        assertThat(sentences.of(problem, "escalate", Map.of()))
                .containsExactly(new PageError("Enter why you are escalating", "#escalate-reason"));
    }

    @Test
    void aRuleThatRefusedOneFieldIsSaidInItsOwnWordsAndLinkedToTheField() {
        ServiceProblem problem = new ServiceProblem(400, "DUE_DATE_IN_THE_PAST",
                List.of(new ServiceProblem.FieldProblem("dueOn", "must be today or later")), List.of());

        assertThat(sentences.of(problem, "action", Map.of("dueOn", "dueOn-day")))
                .containsExactly(new PageError("The action must be due today or later", "#action-dueOn-day"));
    }

    @Test
    void noCopiesOfIndecentImagesIsSaidInWords() {
        assertThat(sentences.of(new ServiceProblem(409, "NO_COPIES_OF_INDECENT_IMAGES", List.of(), List.of()),
                "evidence", Map.of()))
                .extracting(PageError::text).singleElement().asString()
                .startsWith("Never take a copy of an indecent image of a child");
    }

    @Test
    void everyRuleTheNewFormsCanMeetHasWords() {
        ResourceBundleMessageSource messages = messages();
        for (String rule : List.of("TIMED_SANCTION_NEEDS_END", "SANCTION_ENDS_BEFORE_IT_STARTS",
                "SANCTION_SUBJECT_NOT_IN_INCIDENT", "SUBJECT_NOT_IN_INCIDENT", "LAST_SUBJECT", "DUPLICATE_SUBJECT",
                "NO_COPIES_OF_INDECENT_IMAGES", "URL_REQUIRED", "DEVICE_OWNER_NOT_IN_INCIDENT", "DEVICE_NOT_FOUND",
                "DEVICE_ALREADY_HANDED_OVER", "HANDED_OVER_BEFORE_SEIZED", "ACTION_NOT_FOUND", "ACTION_ALREADY_DONE",
                "DUE_DATE_IN_THE_PAST", "CORRECTION_REASON_REQUIRED", "INVALID_CORRECTION_VALUE",
                "NOT_A_CORRECTABLE_FIELD", "UNKNOWN_CATEGORY", "CATEGORY_NOT_APPLICABLE", "ALREADY_IN_CATEGORY",
                "RECLASSIFICATION_REASON_REQUIRED", "CATEGORY_NOT_FOUND", "INVALID_IF_MATCH")) {
            assertThat(messages.getMessage("rule." + rule, null, null, java.util.Locale.UK)).as(rule).isNotBlank();
        }
    }

    @Test
    void aRuleTheWebDoesNotKnowYetIsStillSaidInASentence() {
        assertThat(sentences.of(new ServiceProblem(409, "SOME_NEW_RULE", List.of(), List.of()), "close", Map.of()))
                .extracting(PageError::text).singleElement().asString()
                .isEqualTo("Safecase could not do this (the service gave the reason SOME_NEW_RULE)");
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        return messages;
    }
}
