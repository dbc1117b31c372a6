package org.safecase.query.statistics;

import org.safecase.platform.problem.Refusal;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.query.projection.GenerationScope;
import org.safecase.query.statistics.StatisticsRepository.Escalations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the counters of a whole release (a trust and its schools, or a school outside any trust),
 * suppresses them together, and answers for the school or trust asked about.
 */
@Component
class GovernorStatistics {

    private final StatisticsRepository repository;
    private final GenerationScope generationScope;
    private final SchoolDirectory schools;
    private final DisclosureControl control;

    GovernorStatistics(StatisticsRepository repository, GenerationScope generationScope, SchoolDirectory schools,
                       DisclosureControl control) {
        this.repository = repository;
        this.generationScope = generationScope;
        this.schools = schools;
        this.control = control;
    }

    /** One snapshot for the counts and the median, so that they agree. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public StatisticsReport report(StatisticsScope scope, StatisticsPeriod period) {
        generationScope.enterActive();
        String trustId = scope.trustId() != null ? scope.trustId() : schools.trustOf(scope.schoolId()).orElse(null);
        Set<String> releaseSchools = trustId != null ? new TreeSet<>(schools.schoolsOfTrust(trustId)) : Set.of(scope.schoolId());
        boolean withStaffAllegations = scope.withStaffAllegations();
        if (!withStaffAllegations && repository.countsAllegationsUnsplit(releaseSchools)) {
            throw Refusal.byRule("STATISTICS_REBUILD_REQUIRED", "These figures were counted before allegations against "
                    + "staff were kept apart: they can be shown to your role after a projection rebuild");
        }
        // a release of its own for readers without the allegations: every figure, suppression included, as if
        // those incidents did not exist (R12)
        StatisticsRelease release = new StatisticsRelease(control, trustId, releaseSchools, period.from(), period.to(),
                repository.counts(releaseSchools, period.from(), period.to(), period.countedBefore(),
                        withStaffAllegations));
        StatisticsRelease.Published figures = scope.schoolId() != null ? release.school(scope.schoolId())
                : release.trust(scope.trustId());
        List<String> scopeSchools = scope.schoolId() != null ? List.of(scope.schoolId()) : List.copyOf(releaseSchools);
        Escalations escalations = repository.escalations(scopeSchools, period.from(), period.to(),
                period.countedBefore(), withStaffAllegations);
        return new StatisticsReport(
                scope.schoolId() != null ? Map.of("schoolId", scope.schoolId()) : Map.of("trustId", scope.trustId()),
                period.from().atDay(1).toString(), period.to().atEndOfMonth().toString(), period.asOf().toString(),
                control.threshold(), figures.total().published(),
                StatisticsReport.published(figures.byClassification()),
                StatisticsReport.published(figures.byCategory()),
                StatisticsReport.published(figures.bySubjectType()),
                StatisticsReport.published(figures.byOutcome()),
                StatisticsReport.published(figures.referrals()),
                medianHours(escalations, figures.total()),
                StatisticsReport.published(figures.byPeriod()));
    }

    /**
     * The median rests on each of the incidents it is taken over: over the threshold or fewer it
     * would tell one incident's own time, so it is suppressed like a small count (and always where
     * the total is).
     */
    private Object medianHours(Escalations escalations, Figure total) {
        if (total.isSuppressed() || (escalations.incidents() > 0 && escalations.incidents() <= control.threshold())) {
            return Figure.SUPPRESSED_SYMBOL;
        }
        if (escalations.incidents() == 0 || escalations.medianSeconds() == null) {
            return null;
        }
        return BigDecimal.valueOf(escalations.medianSeconds()).divide(BigDecimal.valueOf(3600), 1, RoundingMode.HALF_UP);
    }
}
