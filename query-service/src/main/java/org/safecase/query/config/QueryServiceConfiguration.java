package org.safecase.query.config;

import io.swagger.v3.oas.models.OpenAPI;
import org.safecase.platform.accesslog.CaseRead;
import org.safecase.platform.accesslog.CaseReads;
import org.safecase.platform.openapi.ApiDocuments;
import org.safecase.platform.security.SafecaseSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;

import static org.safecase.platform.security.AccessRules.ACTION_READERS;
import static org.safecase.platform.security.AccessRules.ALERT_READERS;
import static org.safecase.platform.security.AccessRules.CASE_READERS;
import static org.safecase.platform.security.AccessRules.CHRONOLOGY_READERS;
import static org.safecase.platform.security.AccessRules.READ_LOG_READERS;
import static org.safecase.platform.security.AccessRules.STATISTICS_READERS;
import static org.safecase.platform.security.AccessRules.names;

@Configuration
class QueryServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The reads of case data this service answers, each recorded in the read log (package platform.accesslog). */
    @Bean
    CaseReads caseReads() {
        return CaseReads.of("query",
                CaseRead.get("/api/v1/incidents", "INCIDENT_LOG"),
                CaseRead.get("/api/v1/incidents/{id}", "INCIDENT"),
                CaseRead.get("/api/v1/incidents/{id}/timeline", "TIMELINE"),
                CaseRead.get("/api/v1/subjects/{reference}/sanctions", "SANCTIONS"),
                CaseRead.get("/api/v1/subjects/{reference}/sanctions/repeat", "REPEAT_BEHAVIOUR"),
                CaseRead.get("/api/v1/subjects/{reference}/chronology", "CHRONOLOGY"),
                CaseRead.get("/api/v1/alerts", "ALERTS"),
                CaseRead.get("/api/v1/actions", "ACTIONS"),
                // reading the read log is itself recorded
                CaseRead.get("/api/v1/access-log", "ACCESS_LOG"));
    }

    /** Who may call what; which incidents they may read is each read model's to decide (school, trust, R12). */
    @Bean
    SecurityFilterChain queryApi(HttpSecurity http, SafecaseSecurity security) throws Exception {
        // projection rebuilds (/actuator/projections, package org.safecase.query.rebuild), metrics and the rest of
        // the actuator: operators only, who run the service and see no cases (SafecaseSecurity)
        return security.build(http, rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/v1/incidents", "/api/v1/incidents/*",
                        "/api/v1/incidents/*/timeline").hasAnyRole(names(CASE_READERS))
                .requestMatchers(HttpMethod.GET, "/api/v1/subjects/*/sanctions", "/api/v1/subjects/*/sanctions/repeat")
                .hasAnyRole(names(CASE_READERS))
                // the child's file (package org.safecase.query.chronology): the school's leads and auditors
                .requestMatchers(HttpMethod.GET, "/api/v1/subjects/*/chronology").hasAnyRole(names(CHRONOLOGY_READERS))
                // the DSL's day (package org.safecase.query.alert): alerts for the leads, actions for them and their owners
                .requestMatchers(HttpMethod.GET, "/api/v1/alerts").hasAnyRole(names(ALERT_READERS))
                .requestMatchers(HttpMethod.GET, "/api/v1/actions").hasAnyRole(names(ACTION_READERS))
                // the read log (package org.safecase.query.accesslog): the trust's auditors and data protection officer
                .requestMatchers(HttpMethod.GET, "/api/v1/access-log").hasAnyRole(names(READ_LOG_READERS))
                // governor statistics (package org.safecase.query.statistics): anonymised counts
                .requestMatchers(HttpMethod.GET, "/api/v1/statistics", "/api/v1/statistics/**")
                .hasAnyRole(names(STATISTICS_READERS)));
    }

    @Bean
    OpenAPI queryApiDocument() {
        return ApiDocuments.document("Safecase query API", """
                                Read models of the safeguarding incidents, built from the event stream: the incident \
                                log, the case timeline, the sanctions history, each person's chronology and the governors' anonymised statistics. \
                                Errors are application/problem+json.

                                Read your own writes: every command response carries the incident's version. The \
                                incident and timeline reads accept `minVersion=N`; the read then waits (at most \
                                `safecase.read-your-writes.max-wait`, 2 s by default) until the projection has applied \
                                version N. Their responses carry `Safecase-Projection-Version` (the version shown, -1 \
                                when nothing is projected yet). With `minVersion`, `Safecase-Consistent: true` means \
                                the version was reached; on time-out the answer is still 200 with what is projected so \
                                far and `Safecase-Consistent: false` (or 404 if the incident is not projected at all).

                                Visibility: DSLs, head teachers and integrations read their own school, auditors their \
                                trust; an incident alleging misconduct by staff is read only by the head teacher and \
                                auditors (left out of lists for others, 403 on a direct read).
                                """);
    }
}
