package org.safecase.platform.security;

import org.safecase.platform.accesslog.CaseReads;
import org.safecase.platform.accesslog.ReadLog;
import org.safecase.platform.accesslog.ReadLogFilter;
import org.safecase.platform.problem.ProblemResponses;
import org.safecase.platform.school.SchoolDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * The one way both services authenticate: stateless, every request authenticated (but health's UP or
 * DOWN; the rest of the actuator is for operators only), 401/403 answered as problem+json, every read
 * of case data recorded in the read log. Each service
 * passes the rules of its own endpoints and declares its case reads as a {@link CaseReads} bean.
 */
@Configuration
@EnableConfigurationProperties(SecurityProperties.class)
public class SafecaseSecurity {

    private static final Logger log = LoggerFactory.getLogger(SafecaseSecurity.class);

    private final SecurityProperties properties;
    private final ProblemResponses problems;
    private final ObjectProvider<CaseReads> caseReads;
    private final ReadLog readLog;
    private final SchoolDirectory schools;

    public SafecaseSecurity(SecurityProperties properties, ProblemResponses problems, ObjectProvider<CaseReads> caseReads,
                            ReadLog readLog, SchoolDirectory schools) {
        this.properties = properties;
        this.problems = problems;
        this.caseReads = caseReads;
        this.readLog = readLog;
        this.schools = schools;
    }

    /** The user a request authenticated as; empty for an anonymous one. */
    public static Optional<AuthenticatedUser> authenticatedUser(Authentication authentication) {
        try {
            return Optional.of(CurrentUserArgumentResolver.of(authentication));
        } catch (InsufficientAuthenticationException anonymous) {
            return Optional.empty();
        }
    }

    /**
     * A request the firewall refuses (a method other than the HTTP ones, an encoded slash or semicolon, {@code //},
     * a control character in a header or parameter) is a 400 problem, not a trip to the error page, which the
     * same firewall would refuse again.
     */
    @Bean
    RequestRejectedHandler requestRejected() {
        return (request, response, rejected) -> problems.writeStatus(response, HttpStatus.BAD_REQUEST.value());
    }

    @Bean
    UserDetailsService demoUsers(@Value("${safecase.security.demo-users:classpath:reference/demo-users.json}") Resource users,
                                 JsonMapper jsonMapper, SchoolDirectory schools) {
        if (properties.mode() != SecurityProperties.Mode.DEMO) {
            return username -> {
                throw new org.springframework.security.core.userdetails.UsernameNotFoundException("no local users");
            };
        }
        log.warn("Demo users are enabled (safecase.security.mode=demo): never use this mode in production");
        return new DemoUsers(users, jsonMapper, schools);
    }

    public SecurityFilterChain build(HttpSecurity http,
                                     Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        boolean demo = properties.mode() == SecurityProperties.Mode.DEMO;
        AuthenticationEntryPoint unauthenticated = (request, response, ex) -> {
            response.setHeader("WWW-Authenticate", demo ? "Basic realm=\"safecase\"" : "Bearer");
            problems.write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Authentication is required");
        };
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> {
                    // UP or DOWN for anyone (probes, docker-compose); its details for operators only
                    // (management.endpoint.health.show-details: when-authorized, roles: OPERATOR)
                    authorize.requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll();
                    // metrics and Prometheus count requests by URI, which shows activity: operators run the service
                    authorize.requestMatchers("/actuator/**").hasRole("OPERATOR");
                    // the API documents too are requests, and every request is authenticated (CONTRACT.md)
                    authorize.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                            .authenticated();
                    rules.customize(authorize);
                    authorize.anyRequest().denyAll();
                })
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler((request, response, ex) -> problems.write(response, HttpStatus.FORBIDDEN,
                                "ROLE_NOT_ALLOWED", "Your role may not make this request")));
        // between authentication and authorisation, so that a read refused by the rules above is recorded too
        CaseReads reads = caseReads.getIfAvailable(() -> {
            throw new IllegalStateException("the service declares no CaseReads bean: its reads of case data would "
                    + "not be recorded in the read log");
        });
        http.addFilterBefore(new ReadLogFilter(reads, readLog, problems), AuthorizationFilter.class);
        if (demo) {
            http.httpBasic(basic -> basic.authenticationEntryPoint(unauthenticated));
        } else {
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(unauthenticated)
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtUserConverter(properties.jwt(), schools))));
        }
        return http.build();
    }
}
