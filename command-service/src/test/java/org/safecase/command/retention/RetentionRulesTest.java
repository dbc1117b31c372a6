package org.safecase.command.retention;

import org.junit.jupiter.api.Test;
import org.safecase.command.retention.RetentionFacts.SubjectFacts;
import org.safecase.command.retention.RetentionRules.Due;
import org.safecase.events.Classification;
import org.safecase.events.SubjectType;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention rules as shipped in {@code retention/rules.json}, applied to one incident's facts. */
class RetentionRulesTest {

    static final UUID ID = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final LocalDate OCCURRED = LocalDate.parse("2026-11-19");
    static final LocalDate REPORTED = LocalDate.parse("2026-11-20");

    static final SubjectFacts OLDER_PUPIL = new SubjectFacts(SubjectType.PUPIL, LocalDate.parse("2013-04-02"));
    static final SubjectFacts YOUNGER_PUPIL = new SubjectFacts(SubjectType.PUPIL, LocalDate.parse("2015-01-10"));
    static final SubjectFacts PUPIL_WITHOUT_BIRTH_DATE = new SubjectFacts(SubjectType.PUPIL, null);
    static final SubjectFacts TEACHER = new SubjectFacts(SubjectType.STAFF, null);

    final RetentionRules rules = new RetentionRules(new ClassPathResource("retention/rules.json"),
            JsonMapper.builder().build());

    static RetentionFacts incident(Classification classification, boolean allegationAgainstStaff,
                                   SubjectFacts... subjects) {
        return new RetentionFacts(ID, "SCH-A", "CODE", classification, allegationAgainstStaff, OCCURRED, REPORTED,
                true, false, List.of(subjects));
    }

    @Test
    void anIllegalIncidentAboutPupilsIsKeptUntilTheYoungestPupilIs25() {
        assertThat(rules.dueOf(incident(Classification.ILLEGAL, false, OLDER_PUPIL, YOUNGER_PUPIL)))
                .isEqualTo(new Due("CHILD_PROTECTION_DOB_PLUS_25", LocalDate.parse("2040-01-10")));
    }

    @Test
    void aSafeguardingIncidentWithoutThePupilsDateOfBirthIsKept25YearsFromTheDayItHappened() {
        assertThat(rules.dueOf(incident(Classification.SAFEGUARDING, false, PUPIL_WITHOUT_BIRTH_DATE)))
                .isEqualTo(new Due("CHILD_PROTECTION_DOB_PLUS_25", LocalDate.parse("2051-11-19")));
    }

    @Test
    void anAllegationAgainstStaffIsKept10YearsFromTheDayItWasReported() {
        assertThat(rules.dueOf(incident(Classification.INAPPROPRIATE, true, TEACHER)))
                .isEqualTo(new Due("STAFF_ALLEGATION_10_YEARS", LocalDate.parse("2036-11-20")));
    }

    @Test
    void anInappropriateIncidentIsKeptWithThePupilRecord() {
        assertThat(rules.dueOf(incident(Classification.INAPPROPRIATE, false, OLDER_PUPIL)))
                .isEqualTo(new Due("PUPIL_RECORD_DOB_PLUS_25", LocalDate.parse("2038-04-02")));
    }

    @Test
    void reclassifyingIntoSafeguardingBringsTheIncidentUnderTheChildProtectionRule() {
        Due before = rules.dueOf(incident(Classification.INAPPROPRIATE, false, OLDER_PUPIL));

        Due after = rules.dueOf(incident(Classification.SAFEGUARDING, false, OLDER_PUPIL));

        assertThat(before.rule()).isEqualTo("PUPIL_RECORD_DOB_PLUS_25");
        assertThat(after.rule()).isEqualTo("CHILD_PROTECTION_DOB_PLUS_25");
    }

    @Test
    void aYoungerPupilInTheIncidentMovesItsDateLater() {
        Due before = rules.dueOf(incident(Classification.SAFEGUARDING, false, OLDER_PUPIL));

        Due after = rules.dueOf(incident(Classification.SAFEGUARDING, false, OLDER_PUPIL, YOUNGER_PUPIL));

        assertThat(before.dueOn()).isEqualTo(LocalDate.parse("2038-04-02"));
        assertThat(after.dueOn()).isEqualTo(LocalDate.parse("2040-01-10"));
    }
}
