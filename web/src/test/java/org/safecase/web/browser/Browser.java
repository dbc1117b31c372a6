package org.safecase.web.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A headless Chromium from Debian's packages, driven by Debian's chromedriver named explicitly, so Selenium
 * Manager never looks for or downloads a driver. Every step waits on a condition.
 *
 * <p>{@link #fresh(String)} hands out the test JVM's one Chromium with JavaScript (starting one takes seconds on two
 * cores), cleared by the previous test's {@link #close()} as a new browser would be: no cookies of any site, no
 * cached files, a blank page (the pages keep nothing in web storage). A browser without JavaScript is a Chromium of
 * its own, quit when it is closed.
 */
final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getenv().getOrDefault("SAFECASE_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("SAFECASE_CHROMEDRIVER", "/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Where the README's screenshots are written: the repository's docs folder. */
    static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    private static Chromium shared;

    private final Chromium chromium;
    private final WebDriver driver;
    private final String baseUrl;
    private final boolean own;

    private Browser(String baseUrl, Chromium chromium, boolean own) {
        this.baseUrl = baseUrl;
        this.chromium = chromium;
        this.driver = chromium.driver;
        this.own = own;
    }

    /** The JVM's Chromium with JavaScript, as a browser never used before: the first test to ask starts it. */
    static synchronized Browser fresh(String baseUrl) {
        if (shared == null) {
            Chromium started = new Chromium(true);
            Runtime.getRuntime().addShutdownHook(new Thread(started::quit, "chromium-shutdown"));
            shared = started;
        }
        return new Browser(baseUrl, shared, false);
    }

    /** A Chromium of its own in which pages run no script at all: the core journeys must still work. */
    static Browser withoutJavaScript(String baseUrl) {
        return new Browser(baseUrl, new Chromium(false), true);
    }

    /** One Chromium process with a temporary profile of its own. */
    private static final class Chromium {

        private final WebDriver driver;
        private final Path profile;

        Chromium(boolean javaScript) {
            if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
                throw new IllegalStateException("the browser tests need Debian's chromium and chromium-driver ("
                        + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver, as .ci/run does");
            }
            try {
                profile = Files.createTempDirectory("safecase-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,1000", "--user-data-dir=" + profile);
            if (!javaScript) {
                options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
        }

        /** Forgets every site's cookies and cached files and leaves a blank page; false if it could not. */
        boolean cleared() {
            try {
                ChromeDriver chrome = (ChromeDriver) driver;
                chrome.executeCdpCommand("Network.clearBrowserCookies", Map.of());
                chrome.executeCdpCommand("Network.clearBrowserCache", Map.of());
                driver.get("about:blank");
                return true;
            } catch (WebDriverException gone) {
                return false;
            }
        }

        void quit() {
            try {
                driver.quit();
            } catch (WebDriverException alreadyGone) {
                // the process ended already
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(baseUrl + path);
        waitFor(By.id("main-content"));
    }

    WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.presenceOfElementLocated(locator));
    }

    /** Waits until the page's address ends as given, after a form was sent. */
    void waitForPath(String pathRegex) {
        new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().replace(baseUrl, "").split("\\?")[0].matches(pathRegex));
        waitFor(By.id("main-content"));
    }

    /** Waits until the page's address contains the text, after a GET form was sent. */
    void waitForAddressContaining(String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.urlContains(text));
        waitFor(By.id("main-content"));
    }

    String path() {
        return driver.getCurrentUrl().replace(baseUrl, "");
    }

    void signIn(String user) {
        open("/sign-in");
        type("username", user);
        type("password", "demo");
        driver.findElement(By.id("sign-in")).click();
        waitFor(By.cssSelector(".safecase-account"));
    }

    void signOut() {
        driver.findElement(By.cssSelector(".safecase-account__sign-out button")).click();
        waitForPath("/signed-out");
    }

    void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    void choose(String radioId) {
        driver.findElement(By.cssSelector("label[for='" + radioId + "']")).click();
    }

    /** Chooses the radio of a question ({@code name}) that has this value, whatever its place in the list. */
    void chooseValue(String name, String value) {
        choose(driver.findElement(By.cssSelector("input[name='" + name + "'][value='" + value + "']")).getDomAttribute("id"));
    }

    void select(String id, String value) {
        new Select(driver.findElement(By.id(id))).selectByValue(value);
    }

    /** Opens a form's details (closed details keep their fields hidden) and returns nothing: the fields are then typed. */
    void openDetails(String id) {
        WebElement details = driver.findElement(By.id(id));
        if (details.getDomAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
    }

    /**
     * Presses a form's button and waits until the page it sent the form from has gone, so that what the test reads
     * next is the answer's page, never the page before it (whose error summary may look the same).
     */
    void press(String buttonId) {
        WebElement button = driver.findElement(By.id(buttonId));
        button.click();
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.stalenessOf(button));
        waitFor(By.id("main-content"));
    }

    /** Waits for the success banner of a change, after its form was sent. */
    void waitForSuccess(String message) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.className("govuk-notification-banner__heading"), message));
    }

    String text(By locator) {
        return waitFor(locator).getText();
    }

    /** Saves the page as docs/screenshots/{name}.png for the README. */
    void screenshot(String name) {
        File shot = ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Quits a Chromium of its own; clears the shared one for the next test, or quits it if it cannot be cleared. */
    @Override
    public void close() {
        if (own) {
            chromium.quit();
            return;
        }
        synchronized (Browser.class) {
            if (!chromium.cleared()) {
                chromium.quit();
                shared = null;
            }
        }
    }
}
