package org.safecase.query.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.safecase.platform.school.SchoolDirectory;
import org.safecase.platform.security.AuthenticatedUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;

/** The governors' anonymised statistics (R21, R27), for a school or a trust and a range of months. */
@RestController
class StatisticsController {

    private final GovernorStatistics statistics;
    private final SchoolDirectory schools;
    private final StatisticsProperties properties;
    private final Clock clock;

    StatisticsController(GovernorStatistics statistics, SchoolDirectory schools, StatisticsProperties properties,
                         Clock clock) {
        this.statistics = statistics;
        this.schools = schools;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/statistics", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Anonymised statistics", description = """
            Incident counts of one school or one trust, by classification, category, subject type, outcome \
            (OPEN for those not closed), referral target and month of report, and the median hours from report \
            to first escalation. Counts from 1 to `threshold` are "c", with further cells suppressed wherever a \
            "c" could otherwise be worked out (DfE practice); a scope whose total is "c" is "c" throughout. \
            Whole months, as they stood at the end of the last complete month (`asOf`); by default the academic \
            year (September to August) up to it. Users of a school read their school; trust governors and \
            auditors their trust or any school of it. A DSL's figures leave out allegations against staff entirely, \
            as the DSL's log does (R12); head teachers', auditors' and governors' count them. No names, references, \
            free text or identifiers of people.""")
    StatisticsReport statistics(AuthenticatedUser user,
                                @Parameter(description = "a school; give this or trustId")
                                @RequestParam(required = false) String schoolId,
                                @Parameter(description = "a trust; give this or schoolId (trust-level users only)")
                                @RequestParam(required = false) String trustId,
                                @Parameter(description = "counted from the first of this date's month")
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                @Parameter(description = "counted to the end of this date's month, at most the last complete month")
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        StatisticsScope scope = StatisticsScope.of(user, schoolId, trustId, schools);
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        return statistics.report(scope, StatisticsPeriod.resolve(from, to, today, properties.maxMonths()));
    }
}
