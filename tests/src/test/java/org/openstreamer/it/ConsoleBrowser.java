package org.openstreamer.it;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Headless Chromium driven by the Debian chromedriver (never Selenium Manager, which would download
 * a browser): one private profile per instance, loopback only.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(15);

    final WebDriver driver;
    private final WebDriverWait wait;

    ConsoleBrowser() throws Exception {
        this(null);
    }

    /** With downloads saved into {@code downloads} without asking (null: the browser's default). */
    ConsoleBrowser(Path downloads) throws Exception {
        Path profile = Files.createTempDirectory(Path.of("target"), "chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1920,1200", "--user-data-dir=" + profile.toAbsolutePath());
        if (downloads != null) {
            options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
                    downloads.toAbsolutePath().toString(), "download.prompt_for_download", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class); // AJAX updates replace the elements
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    void open(String path) {
        driver.get(Http.uri(path).toString());
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** The element whose Faces client id is {@code id} (colons need no escaping this way). */
    WebElement byId(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    /** Clicks an element that exists, even outside the visible part of a scrolling container. */
    void clickPresent(String css) {
        WebElement e = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
        ((JavascriptExecutor) driver).executeScript("arguments[0].click()", e);
    }

    boolean present(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    void type(String id, String text) {
        WebElement e = byId(id);
        e.clear();
        e.sendKeys(text);
    }

    /** Opens the streams table, types into the name column's filter and waits for only matching rows. */
    void filterStreams(String text) {
        open("/admin/streams.xhtml");
        WebElement filter = find("input[id$=':name:filter']");
        filter.clear();
        filter.sendKeys(text, Keys.ENTER);
        until(d -> d.findElements(By.cssSelector("#streams\\:table tbody tr")).stream()
                .allMatch(r -> r.getText().contains(text)));
    }

    void signIn(String user, String password) {
        open("/login.xhtml");
        type("login:username", user);
        type("login:password", password);
        byId("login:signIn").click();
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** The session cookie, for timing pages with a plain HTTP client. */
    String sessionCookie() {
        Cookie c = driver.manage().getCookieNamed("JSESSIONID");
        return c == null ? null : "JSESSIONID=" + c.getValue();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
