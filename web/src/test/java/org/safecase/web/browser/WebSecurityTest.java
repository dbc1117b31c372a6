package org.safecase.web.browser;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web application's security as HTTP shows it: the headers on every page, the session cookie's flags, CSRF on
 * the forms, no caching of case pages, sign-out that ends the session, and a client's mistake never a 500.
 */
class WebSecurityTest extends BrowserTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);
    private static final Pattern SESSION = Pattern.compile("SAFECASE_SESSION=([^;]+)");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    boolean usesBrowser() {
        return false;
    }

    @Test
    void everyPageCarriesAStrictContentSecurityPolicyAndTheOtherSecurityHeaders() throws Exception {
        HttpResponse<String> page = get("/sign-in", null);

        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'",
                "form-action 'self'", "base-uri 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(page.headers().firstValue("Permissions-Policy")).isPresent();
        assertThat(page.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    }

    @Test
    void theTypefaceAndCrestThatOnlyGovukServicesMayUseAreNotServedAndThePagesIconIsSafecasesOwn() throws Exception {
        String session = signIn("dsl.a");
        assertThat(get("/assets/fonts/light-94a07e06a1-v2.woff2", null).statusCode()).isEqualTo(404);
        assertThat(get("/assets/fonts/light-94a07e06a1-v2.woff2", session).statusCode()).isEqualTo(404);
        assertThat(get("/assets/images/govuk-crest.svg", session).statusCode()).isEqualTo(404);
        assertThat(get("/assets/images/favicon.ico", session).statusCode()).isEqualTo(404);
        assertThat(get("/sign-in", null).body()).contains("href=\"/favicon.svg\"").doesNotContain("/assets/");
        HttpResponse<String> icon = get("/favicon.svg", null);
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.body()).startsWith("<svg");
    }

    @Test
    void thePolicyAllowsTheTemplatesOneInlineScriptByItsHashAndNoOther() throws Exception {
        HttpResponse<String> page = get("/sign-in", null);
        Matcher scripts = INLINE_SCRIPT.matcher(page.body());
        assertThat(scripts.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(scripts.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(scripts.find()).as("a second inline script").isFalse();
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("'sha256-" + hash + "'");
    }

    @Test
    void aSignInWithoutTheFormsCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> answer = post("/sign-in", null, "username=dsl.a&password=demo");

        assertThat(answer.statusCode()).isEqualTo(403);
        String session = answer.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).findFirst().orElse(null);
        HttpResponse<String> home = get("/", session);
        assertThat(home.statusCode()).as("not signed in").isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndCasePagesAreNeverCached() throws Exception {
        String session = signIn("dsl.a");

        HttpResponse<String> home = get("/", session);
        assertThat(home.statusCode()).isEqualTo(200);
        UUID incident = reportedIncident("INA-CYBERBULLY");
        HttpResponse<String> casePage = get("/incidents/" + incident, session);
        assertThat(casePage.statusCode()).isEqualTo(200);
        assertThat(casePage.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    }

    @Test
    void aFormSentAfterTheSessionEndedAsksToSignInAgain() throws Exception {
        HttpResponse<String> answer = post("/incidents/" + UUID.randomUUID() + "/add-note", "no-such-session",
                "version=0&note-text=late&_csrf=stale");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in?error=expired");
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        String session = signIn("dsl.a");
        String token = csrf(get("/", session).body());

        HttpResponse<String> signedOut = post("/sign-out", session, "_csrf=" + enc(token));
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/signed-out");

        HttpResponse<String> afterwards = get("/", session);
        assertThat(afterwards.statusCode()).isEqualTo(302);
        assertThat(afterwards.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in");
    }

    @Test
    void aMistypedCaseAddressIsAPageNotAServerError() throws Exception {
        String session = signIn("dsl.a");

        assertThat(get("/incidents/not-an-incident", session).statusCode()).isEqualTo(400);
        assertThat(get("/incidents/" + UUID.randomUUID(), session).statusCode()).isEqualTo(404);
        assertThat(get("/no-such-page", session).statusCode()).isEqualTo(404);
        assertThat(get("/incidents?page=x&from=2026-02-31&status=%3Cscript%3E", session).statusCode()).isEqualTo(200);
    }

    /** Signs in through the form, as a browser would; answers the new session's cookie. */
    private String signIn(String user) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/sign-in", null);
        String anonymous = cookie(form);
        HttpResponse<String> answer = post("/sign-in", anonymous,
                "username=" + user + "&password=demo&_csrf=" + enc(csrf(form.body())));
        assertThat(answer.statusCode()).isEqualTo(302);
        String setCookie = answer.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("SAFECASE_SESSION=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict");
        String session = cookie(answer);
        assertThat(session).as("a new session id after signing in").isNotEqualTo(anonymous);
        return session;
    }

    private HttpResponse<String> get(String path, String session) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
        if (session != null) {
            request.header("Cookie", "SAFECASE_SESSION=" + session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String session, String form) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (session != null) {
            request.header("Cookie", "SAFECASE_SESSION=" + session);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String cookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().map(SESSION::matcher).filter(Matcher::find)
                .map(m -> m.group(1)).findFirst().orElseThrow();
    }

    private static String csrf(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a CSRF token in the form").isTrue();
        return matcher.group(1);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
