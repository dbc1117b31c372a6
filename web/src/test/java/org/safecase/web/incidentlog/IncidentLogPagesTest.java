package org.safecase.web.incidentlog;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GOV.UK pagination for the incident log: first, last, the current page and one either side, gaps between. */
class IncidentLogPagesTest {

    private static List<String> shown(int current, long pages) {
        return IncidentLogController.pageLinks(current, pages, page -> "?page=" + page).stream()
                .map(link -> link.number() == null ? "…" : link.current() ? "[" + link.number() + "]" : "" + link.number())
                .toList();
    }

    @Test
    void givenOnePageExpectNoNumbers() {
        assertThat(shown(0, 1)).isEmpty();
    }

    @Test
    void givenTheFirstOfTenPagesExpectItsNeighbourAndTheLastBehindAGap() {
        assertThat(shown(0, 10)).containsExactly("[1]", "2", "…", "10");
    }

    @Test
    void givenAPageInTheMiddleExpectGapsOnBothSides() {
        assertThat(shown(5, 10)).containsExactly("1", "…", "5", "[6]", "7", "…", "10");
    }

    @Test
    void givenThreePagesExpectEveryNumberAndNoGap() {
        assertThat(shown(1, 3)).containsExactly("1", "[2]", "3");
    }

    @Test
    void givenAPageLinkExpectTheServicesPageCountingFromZero() {
        assertThat(IncidentLogController.pageLinks(2, 4, page -> "?page=" + page).get(3).href()).isEqualTo("?page=3");
        assertThat(IncidentLogController.pageLinks(2, 4, page -> "?page=" + page).get(3).number()).isEqualTo(4L);
    }
}
