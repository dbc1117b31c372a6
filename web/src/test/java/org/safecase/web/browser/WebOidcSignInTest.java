package org.safecase.web.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.safecase.localstack.LocalKafka;
import org.safecase.testidp.TestIdentityProvider;
import org.safecase.web.WebApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production's sign-in end to end: the web application in oidc mode, a real OpenID Connect provider (Spring
 * Authorization Server, {@link TestIdentityProvider}) and the real services in jwt mode trusting it; a headless
 * Chromium signs in at the provider and works on a case, and the services record the user the access token names.
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"safecase.web.sign-in=oidc", "server.address=127.0.0.1",
                // plain http on loopback in the test, as the local stack
                "server.servlet.session.cookie.secure=false"})
class WebOidcSignInTest {

    private static final int WEB_PORT = LocalKafka.freePort();
    /** 127.0.0.1, and the provider localhost: two sites, as the school's provider and Safecase are. */
    private static final String WEB = "http://127.0.0.1:" + WEB_PORT;
    private static final String CLIENT_ID = "safecase-web";
    private static final String CLIENT_SECRET = UUID.randomUUID().toString();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final MovableClock CLOCK = new MovableClock();

    private static TestIdentityProvider provider;
    private static JwtModeServices services;

    /** The web application's clock, which decides when an access token has run out: the tests move it on. */
    @TestBean
    Clock clock;

    private Browser browser;

    /** On a failure, the page as the browser had it, in target/failed-pages, before the browser closes. */
    @RegisterExtension
    final AfterTestExecutionCallback keepFailedPage = context -> {
        if (browser != null && context.getExecutionException().isPresent()) {
            Path folder = Path.of("target", "failed-pages");
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(context.getRequiredTestMethod().getName() + ".html"),
                    browser.driver().getCurrentUrl() + "\n" + browser.driver().getPageSource());
        }
    };

    static Clock clock() {
        return CLOCK;
    }

    @DynamicPropertySource
    static void identityProviderAndServices(DynamicPropertyRegistry registry) {
        startProviderAndServices();
        registry.add("server.port", () -> WEB_PORT);
        registry.add("safecase.web.command-url", services::commandUrl);
        registry.add("safecase.web.query-url", services::queryUrl);
        registry.add("spring.security.oauth2.client.registration.safecase.client-id", () -> CLIENT_ID);
        registry.add("spring.security.oauth2.client.registration.safecase.client-secret", () -> CLIENT_SECRET);
        registry.add("spring.security.oauth2.client.registration.safecase.scope", () -> "openid");
        registry.add("spring.security.oauth2.client.provider.safecase.issuer-uri", provider::issuer);
    }

    /**
     * The provider and the services start side by side (the services read the provider's discovery document at their
     * first token only); both are up before the web application, which reads it as it starts.
     */
    private static synchronized void startProviderAndServices() {
        if (provider == null) {
            int providerPort = LocalKafka.freePort();
            CompletableFuture<TestIdentityProvider> starting = CompletableFuture.supplyAsync(() ->
                    TestIdentityProvider.start(providerPort, new TestIdentityProvider.Client(CLIENT_ID, CLIENT_SECRET, WEB),
                            List.of(new TestIdentityProvider.Account("dsl.oidc", List.of("DSL"), "SCH-A", null),
                                    new TestIdentityProvider.Account("auditor.oidc", List.of("AUDITOR"), null, "TRUST-1"),
                                    new TestIdentityProvider.Account("librarian.oidc", List.of("LIBRARIAN"), "SCH-A", null))));
            services = JwtModeServices.start(TestIdentityProvider.issuerOn(providerPort));
            provider = starting.join();
            Runtime.getRuntime().addShutdownHook(new Thread(provider::stop, "test-identity-provider-shutdown"));
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.fresh(WEB);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
        CLOCK.reset();
    }

    @Test
    void givenAUserOfTheProviderWhenTheySignInThereAndReportAnIncidentThenTheServiceRecordsThemAsItsActor() {
        signInAtTheProvider("dsl.oidc");

        assertThat(browser.path().split("\\?")[0]).isEqualTo("/");
        assertThat(browser.text(By.cssSelector(".safecase-account__name"))).contains("dsl.oidc");
        Cookie session = browser.driver().manage().getCookieNamed("SAFECASE_SESSION");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).as("Lax in oidc mode, for the return from the provider").isEqualTo("Lax");

        browser.open("/incidents/new");
        browser.choose("report-schoolId");
        browser.select("report-category", "INA-CYBERBULLY");
        browser.type("report-summary", "Unkind messages in a class group chat");
        browser.choose("report-subjectType");
        browser.type("report-subjectReference", "UPN-O1");
        browser.choose("report-involvement");
        browser.type("report-yearGroup", "Y5");
        browser.press("report-submit");
        browser.waitForPath("/incidents/reported");
        browser.press("case-link");
        browser.waitForPath("/incidents/[0-9a-f-]{36}");
        assertThat(browser.text(By.id("timeline"))).contains("Reported").contains("by dsl.oidc");
        String casePath = browser.path().split("\\?")[0];

        // the trust's auditor, also signed in at the provider, reads the event the command service stored
        browser.close();
        browser = Browser.fresh(WEB);
        signInAtTheProvider("auditor.oidc");
        browser.open(casePath + "/events");
        assertThat(browser.text(By.id("main-content"))).contains("dsl.oidc (DSL)");
    }

    @Test
    void givenAnAccessTokenAboutToRunOutWhenTheUserOpensAPageThenItIsRefreshedAtTheProviderWithoutAskingThem() {
        signInAtTheProvider("dsl.oidc");
        int refreshes = provider.refreshes();
        int signIns = provider.signIns();

        CLOCK.moveOn(TestIdentityProvider.ACCESS_TOKEN_LIFETIME.minusSeconds(30));
        browser.open("/incidents");

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Incident log");
        // at least once: the moved clock keeps even a new token near its end, so each call of the page refreshes
        assertThat(provider.refreshes()).isGreaterThan(refreshes);
        assertThat(provider.signIns()).isEqualTo(signIns);
    }

    @Test
    void givenATokenThatCannotBeRefreshedWhenTheUserOpensAPageThenTheyPassThroughTheProvidersSignInBackToThatPage() {
        signInAtTheProvider("dsl.oidc");
        int signIns = provider.signIns();

        provider.revokeEverything();
        CLOCK.moveOn(TestIdentityProvider.ACCESS_TOKEN_LIFETIME.minusSeconds(30));
        browser.driver().get(WEB + "/incidents");

        new WebDriverWait(browser.driver(), WAIT).until(driver -> driver.getCurrentUrl().startsWith(WEB + "/incidents"));
        browser.waitFor(By.cssSelector(".safecase-account"));
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Incident log");
        assertThat(provider.signIns()).as("signed in again at the provider, its session still open").isEqualTo(signIns + 1);
    }

    @Test
    void givenASignedInUserWhenTheySignOutThenTheirSessionEndsHereAndAtTheProvider() throws Exception {
        signInAtTheProvider("dsl.oidc");

        browser.signOut();

        assertThat(browser.driver().manage().getCookieNamed("SAFECASE_SESSION")).isNull();
        browser.driver().get(WEB + "/incidents");
        awaitTheProvidersSignInForm();
        String policy = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(WEB + "/signed-out")).build(),
                HttpResponse.BodyHandlers.discarding()).headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("form-action 'self' " + provider.issuer() + ";");
    }

    @Test
    void givenAnAccountWithoutASafecaseRoleWhenItSignsInThenItIsToldSoInsteadOfBeingSentBackAndForth() {
        signInAtTheProvider("librarian.oidc");

        browser.waitForPath("/sign-in-failed");
        assertThat(browser.text(By.id("sign-in-failed-reason"))).contains("does not accept your account");
        browser.driver().get(WEB + "/");
        awaitTheProvidersSignInFormOrThePage("/sign-in-failed");
    }

    /** Asks for the home page, signs in on the provider's own form, and waits to be back, signed in or refused. */
    private void signInAtTheProvider(String username) {
        browser.driver().get(WEB + "/");
        awaitTheProvidersSignInForm();
        browser.driver().findElement(By.id("username")).sendKeys(username);
        browser.driver().findElement(By.id("password")).sendKeys(provider.password());
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser.driver(), WAIT).until(driver -> driver.getCurrentUrl().startsWith(WEB));
        browser.waitFor(By.id("main-content"));
    }

    private void awaitTheProvidersSignInForm() {
        new WebDriverWait(browser.driver(), WAIT).until(driver -> driver.getCurrentUrl().startsWith(provider.issuer() + "/login"));
        browser.waitFor(By.id("username"));
    }

    /** Where the provider still knows the user, it sends them straight back: refused again, never signed in. */
    private void awaitTheProvidersSignInFormOrThePage(String path) {
        new WebDriverWait(browser.driver(), WAIT).until(driver -> driver.getCurrentUrl().startsWith(provider.issuer() + "/login")
                || driver.getCurrentUrl().startsWith(WEB + path));
        assertThat(browser.driver().findElements(By.cssSelector(".safecase-account"))).isEmpty();
    }

    /** The system clock, moved on by the tests; back to now after each. */
    static final class MovableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        void moveOn(Duration by) {
            offset = offset.plus(by);
        }

        void reset() {
            offset = Duration.ZERO;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.offset(Clock.system(zone), offset);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
