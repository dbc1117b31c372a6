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
