package org.safecase.command.config;

import io.swagger.v3.oas.models.OpenAPI;
import org.safecase.platform.accesslog.CaseRead;
import org.safecase.platform.accesslog.CaseReads;
import org.safecase.platform.openapi.ApiDocuments;
import org.safecase.platform.security.SafecaseSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.web.SecurityFilterChain;

import java.time.Clock;

import static org.safecase.platform.security.AccessRules.CASE_HANDLERS;
import static org.safecase.platform.security.AccessRules.CHAIN_VERIFIERS;
import static org.safecase.platform.security.AccessRules.DATA_PROTECTION_OFFICERS;
import static org.safecase.platform.security.AccessRules.EVENT_STREAM_READERS;
import static org.safecase.platform.security.AccessRules.RECORDERS;
import static org.safecase.platform.security.AccessRules.names;

@Configuration
@EnableScheduling
class CommandServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The reads of case data this service answers, each recorded in the read log (package platform.accesslog). */
    @Bean
    CaseReads caseReads() {
        return CaseReads.of("command",
                CaseRead.get("/api/v1/incidents/{id}/events", "EVENTS"),
                CaseRead.get("/api/v1/incidents/{id}/verification", "VERIFICATION"),
                CaseRead.get("/api/v1/incidents/{id}/state", "STATE"),
                CaseRead.get("/api/v1/audit/events", "AUDIT_EVENTS"),
                CaseRead.get("/api/v1/subjects/{reference}/export", "EXPORT"));
    }

    /**
     * Who may call what (the actuator and the API documents: SafecaseSecurity); which incidents they may
     * touch is the aggregate's to decide.
     */
    @Bean
    SecurityFilterChain commandApi(HttpSecurity http, SafecaseSecurity security) throws Exception {
        return security.build(http, rules -> rules
                .requestMatchers(HttpMethod.GET, "/api/v1/me", "/api/v1/categories", "/api/v1/categories/*/sanctions")
                .authenticated()
                .requestMatchers(HttpMethod.POST, "/api/v1/incidents").hasAnyRole(names(RECORDERS))
                .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/notes").hasAnyRole(names(RECORDERS))
                // data protection (packages dataprotection, retention): the trust's data protection officer only
                .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/disposal", "/api/v1/incidents/*/legal-hold",
                        "/api/v1/incidents/*/legal-hold/release", "/api/v1/subjects/*/erasure")
                .hasAnyRole(names(DATA_PROTECTION_OFFICERS))
                .requestMatchers(HttpMethod.GET, "/api/v1/subjects/*/export", "/api/v1/retention/due",
                        "/api/v1/retention/rules").hasAnyRole(names(DATA_PROTECTION_OFFICERS))
                .requestMatchers(HttpMethod.POST, "/api/v1/incidents/*/*", "/api/v1/incidents/*/subjects/*/removal",
                        "/api/v1/incidents/*/actions/*/completion", "/api/v1/incidents/*/devices/*/handover")
                .hasAnyRole(names(CASE_HANDLERS))
                .requestMatchers(HttpMethod.GET, "/api/v1/incidents/*/events", "/api/v1/incidents/*/state")
                .hasAnyRole(names(EVENT_STREAM_READERS))
                .requestMatchers(HttpMethod.GET, "/api/v1/incidents/*/verification").hasAnyRole(names(CHAIN_VERIFIERS))
                // the integrity log (package integrity): checkpoints, keys, proofs and leaves, no content
                .requestMatchers(HttpMethod.GET, "/api/v1/audit/**").hasAnyRole(names(CHAIN_VERIFIERS)));
    }

    @Bean
    OpenAPI commandApiDocument() {
        return ApiDocuments.document("Safecase command API",
                "Records safeguarding incidents and every change to them as immutable events. "
                        + "Errors are application/problem+json; a refusal by a policy rule names it in `rule`.");
    }
}
