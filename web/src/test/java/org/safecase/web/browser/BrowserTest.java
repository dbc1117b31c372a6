package org.safecase.web.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.safecase.localstack.Http;
import org.safecase.web.WebApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The web application on a random port, calling the real command and query services (started once per test JVM
 * on its one PostgreSQL and Kafka broker), driven by a real headless Chromium. Every browser test class extends
 * this, so they share one Spring context and one set of services.
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class BrowserTest {

    @LocalServerPort
    int port;

    /** A browser as new for each test; null in a test class that speaks HTTP itself ({@link #usesBrowser()}). */
    Browser browser;

    boolean usesBrowser() {
        return true;
    }

    /** On a failure, the page as the browser had it, in target/failed-pages, before the browser closes. */
    @RegisterExtension
    final AfterTestExecutionCallback keepFailedPage = context -> {
        if (browser != null && context.getExecutionException().isPresent()) {
            Path folder = Path.of("target", "failed-pages");
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(context.getRequiredTestMethod().getName() + ".html"),
                    browser.path() + "\n" + browser.driver().getPageSource());
        }
    };

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("safecase.web.command-url", () -> RunningServices.get().commandUrl());
        registry.add("safecase.web.query-url", () -> RunningServices.get().queryUrl());
        // the tests reach the application over plain http on loopback, as the local stack does
        registry.add("server.servlet.session.cookie.secure", () -> "false");
    }

    @BeforeEach
    void openBrowser() {
        if (usesBrowser()) {
            browser = Browser.fresh("http://localhost:" + port);
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    /** An incident reported straight to the command service, for a test about what comes after the report. */
    static UUID reportedIncident(String category) {
        return reportedIncident(category, "UPN-W" + System.nanoTime() % 100000);
    }

    /** As {@link #reportedIncident(String)}, about the pupil with this reference. */
    static UUID reportedIncident(String category, String reference) {
        Http command = RunningServices.get().command();
        Http.Response answer = command.post("/api/v1/incidents", "staff.a", """
                {"schoolId":"SCH-A","category":"%s","occurredAt":"%s","summary":"Messages from an adult",
                 "subjects":[{"type":"PUPIL","reference":"%s","involvement":"AFFECTED","yearGroup":"Y6"}]}"""
                .formatted(category, Instant.now().minus(1, ChronoUnit.HOURS), reference));
        if (answer.status() != 201) {
            throw new IllegalStateException("could not report an incident: " + answer.status());
        }
        UUID id = UUID.fromString(answer.json().path("incidentId").asString());
        Http query = new Http(RunningServices.get().queryPort);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> query.get("/api/v1/incidents/" + id + "?minVersion=0", "dsl.a").status() == 200);
        return id;
    }
}
