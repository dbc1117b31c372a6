package org.safecase.web.layout;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GOV.UK's date input read back: a real date, or an error linked to its day field. */
class WebAnswersTest {

    private final List<PageError> errors = new ArrayList<>();

    @Test
    void givenDayMonthAndYearWhenReadAsADateExpectThatDate() {
        Answers answers = Answers.of(Map.of("due-day", "7", "due-month", "12", "due-year", "2026"));

        assertThat(answers.date("due", "Enter a real date", errors)).contains(LocalDate.of(2026, 12, 7));
        assertThat(errors).isEmpty();
    }

    @Test
    void givenADateThatDoesNotExistWhenReadExpectAnErrorLinkedToTheDayField() {
        Answers answers = Answers.of(Map.of("due-day", "31", "due-month", "2", "due-year", "2026"));

        assertThat(answers.date("due", "Enter a real date", errors)).isEmpty();
        assertThat(errors).containsExactly(PageError.at("due-day", "Enter a real date"));
    }

    @Test
    void givenAnOptionalDateLeftBlankWhenReadExpectNoDateAndNoError() {
        Answers answers = Answers.of(Map.of("ends-day", " ", "ends-month", "", "ends-year", ""));

        assertThat(answers.dateIfAnswered("ends", "Enter a real date", errors)).isEmpty();
        assertThat(answers.dateTimeIfAnswered("ends", "Enter a real date", errors)).isEmpty();
        assertThat(errors).isEmpty();
    }

    @Test
    void givenAnOptionalDatePartlyAnsweredWhenReadExpectAnError() {
        Answers answers = Answers.of(Map.of("ends-day", "3"));

        assertThat(answers.dateIfAnswered("ends", "Enter a real date", errors)).isEmpty();
        assertThat(errors).extracting(PageError::href).containsExactly("#ends-day");
    }

    @Test
    void givenAPrefilledDateWhenReadBackExpectTheSameDate() {
        Answers answers = Answers.none().withDate("starts", LocalDate.of(2027, 1, 2));

        assertThat(answers.get("starts-day")).isEqualTo("2");
        assertThat(answers.date("starts", "Enter a real date", errors)).contains(LocalDate.of(2027, 1, 2));
    }
}
