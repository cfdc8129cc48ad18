package com.devicecreds.portal.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium on a fresh profile, driven through the system's chromedriver (never
 * Selenium Manager, which would download a browser). Vaadin renders on the client, so everything
 * waits for elements instead of sleeping. Closing it always quits the browser and removes the profile.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String CHROMIUM = "/usr/bin/chromium";

    private final Path profile;
    private final ChromeDriver driver;
    private final String baseUrl;
    private final WebDriverWait wait;

    Browser(int port) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        try {
            profile = Files.createTempDirectory("e2e-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1440,1000", "--user-data-dir=" + profile);
        // The browser console, so that tests can see errors such as content security policy violations.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        baseUrl = "http://localhost:" + port;
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** Signs in on the login page; returns once the page after it (or the login error) has rendered. */
    void signIn(String username, String password) {
        open("/login");
        var user = waitFor(By.cssSelector("vaadin-login-form #vaadinLoginUsername input"));
        user.sendKeys(username);
        var secret = driver.findElement(By.cssSelector("vaadin-login-form #vaadinLoginPassword input"));
        secret.sendKeys(password, Keys.ENTER);
        waitUntil("!location.pathname.startsWith('/login') || document.querySelector('vaadin-login-form[error]') !== null");
        waitUntilVaadinIsIdle();
    }

    /** Waits until the Flow client has no request in flight, so what the server rendered is on the page. */
    void waitUntilVaadinIsIdle() {
        waitUntil("window.Vaadin !== undefined && window.Vaadin.Flow !== undefined"
                + " && Object.values(window.Vaadin.Flow.clients || {}).length > 0"
                + " && Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive())");
    }

    WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitUntil(String condition) {
        wait.until(d -> Boolean.TRUE.equals(script("return " + condition)));
    }

    /** Opens the select (a {@code vaadin-select}) and picks the item with exactly this text. */
    void choose(String selector, String item) {
        waitFor(By.cssSelector(selector)).click();
        String find = "Array.from(document.querySelectorAll('vaadin-select-item')).find(i => i.innerText.trim() === arguments[0])";
        wait.until(d -> script("return " + find + " !== undefined", item));
        script(find + ".click()", item);
        waitUntilVaadinIsIdle();
    }

    /**
     * Approves the first configuration change waiting in the card: Approve…, the password (development
     * sign-in), Approve; returns once the page has refreshed.
     */
    void approveChange(String cardSelector, String password) {
        script("document.querySelector(arguments[0] + ' .approve-change').click()", cardSelector);
        // Tab: the field sends its value when it loses focus, as when a user moves to the button.
        waitFor(By.cssSelector(".approve-change-dialog .confirm-password input")).sendKeys(password, Keys.TAB);
        script("document.querySelector('.approve-change-dialog .confirm-approve-change').click()");
        waitUntilVaadinIsIdle();
        waitUntil("document.querySelector('.approve-change-dialog') === null");
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The value of a cookie of the current site, or null. */
    String cookie(String name) {
        var cookie = driver.manage().getCookieNamed(name);
        return cookie == null ? null : cookie.getValue();
    }

    /** Error messages the browser console received since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
    }

    String currentUrl() {
        return driver.getCurrentUrl();
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temporary profile is harmless.
            }
        }
    }
}
