package dev.quitto.console;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages, driven by the system chromedriver: both paths are given, so Selenium
 * Manager never looks anything up or downloads. Without them the test fails (never skips) and says what to install.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("quitto.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("quitto.chromedriver", "/usr/bin/chromedriver"));

    private final WebDriver driver;
    private final Path profile;
    private final String base;

    private ConsoleBrowser(int port) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The console's browser tests need headless Chromium and its driver from Debian's packages: " + CHROMIUM + " and "
                    + CHROMEDRIVER + " are missing. Install them with: apt-get install -y chromium chromium-driver (.ci/run does)");
        }
        try {
            profile = Files.createTempDirectory("quitto-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--lang=en-US", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        base = "http://localhost:" + port;
    }

    static ConsoleBrowser start(int port) {
        return new ConsoleBrowser(port);
    }

    ConsoleBrowser open(String path) {
        driver.get(base + path);
        return this;
    }

    /** Forgets the session: the next page is seen signed out. */
    ConsoleBrowser reset() {
        driver.get(base + "/login");
        driver.manage().deleteAllCookies();
        return this;
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** The path once it matches {@code regex}: the navigation a click starts may still be under way. Fails after 15 s. */
    String awaitPath(String regex) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> path().matches(regex));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("Expected a path matching " + regex + " but the browser is at " + path(), e);
        }
        return path();
    }

    ConsoleBrowser signIn(String login, String password) {
        open("/login");
        type(By.id("login"), login);
        type(By.id("password"), password);
        click(By.id("sign-in"));
        return this;
    }

    ConsoleBrowser signOut() {
        click(By.id("logout"));
        waitFor(By.cssSelector("[role=status]"));
        return this;
    }

    void type(By by, String text) {
        WebElement field = driver.findElement(by);
        field.clear();
        field.sendKeys(text);
    }

    /** Sets a date input as a person picking a date would, firing {@code change} (what the htmx preview listens to). */
    void pickDate(By by, String isoDate) {
        WebElement field = driver.findElement(by);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", field, isoDate);
    }

    /** Picks a file in a file input, as a person choosing it in the file dialog would. */
    void chooseFile(By by, Path file) {
        driver.findElement(by).sendKeys(file.toAbsolutePath().toString());
    }

    void click(By by) {
        driver.findElement(by).click();
    }

    String text(By by) {
        return waitFor(by).getText();
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        waitForText(by, text, Duration.ofSeconds(15));
    }

    void waitForText(By by, String text, Duration timeout) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    String attribute(By by, String name) {
        return waitFor(by).getDomAttribute(name) != null ? waitFor(by).getDomAttribute(name) : waitFor(by).getDomProperty(name);
    }

    Object script(String javascript) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(javascript);
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    String title() {
        return driver.getTitle();
    }

    /**
     * A PNG of the whole page (up to 2,400 pixels high) at {@code width} pixels wide. The window is the page's height plus
     * what the window takes besides its viewport, so that the viewport, which is what the screenshot shows, holds the page.
     */
    byte[] screenshot(int width) {
        driver.manage().window().setSize(new Dimension(width, 900));
        Number height = (Number) script("return document.documentElement.scrollHeight");
        Number frame = (Number) script("return window.outerHeight - window.innerHeight");
        driver.manage().window().setSize(new Dimension(width, Math.min(2400, Math.max(600, height.intValue())) + Math.max(0, frame.intValue())));
        return ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                // the profile is in the temp folder; nothing else depends on its removal
            }
        }
    }
}
