package io.veltrix.system;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A headless Chromium driven by chromedriver, with the few reads and waits the page tests use. */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int CLICK_ATTEMPTS = 3;
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver, Supplier<String> state) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.withMessage(state);
    }

    /** A browser window of the given size; the test is skipped where Chromium is not installed. */
    static Browser open(Dimension size, String... shownOnTimeout) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory("veltrix-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(size);
        Browser[] self = new Browser[1];
        self[0] = new Browser(driver, () -> self[0].describe(shownOnTimeout));
        return self[0];
    }

    void get(String url) {
        driver.get(url);
    }

    void until(Supplier<Boolean> condition) {
        wait.until(d -> condition.get());
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String text(String selector) {
        return (String) script("var e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
    }

    long count(String selector) {
        return (Long) script("return document.querySelectorAll(arguments[0]).length;", selector);
    }

    boolean visible(String selector) {
        return Boolean.TRUE.equals(script("var e = document.querySelector(arguments[0]);"
                + " return !!e && !e.hidden && e.offsetParent !== null;", selector));
    }

    void type(String selector, String text) {
        var input = driver.findElement(By.cssSelector(selector));
        input.clear();
        input.sendKeys(text);
    }

    /**
     * Clicks the element the selector names now: the pages re-render polled lists every few
     * seconds, so the element found may be replaced before the click reaches it; then it is found again.
     */
    void click(String selector) {
        for (int attempt = 1; ; attempt++) {
            try {
                driver.findElement(By.cssSelector(selector)).click();
                return;
            } catch (StaleElementReferenceException replaced) {
                if (attempt == CLICK_ATTEMPTS) {
                    throw replaced;
                }
            }
        }
    }

    /** The viewport with {@code shown} in it, written to docs/screens (or target/screens). */
    void screenshot(String name, String shown) throws Exception {
        script("document.activeElement.blur(); var e = document.querySelector(arguments[0]);"
                + " if (e === document.body) { window.scrollTo(0, 0); } else { e.scrollIntoView({block: 'start'}); }", shown);
        Path screens = Path.of(System.getProperty("veltrix.screens", "target/screens"));
        Files.createDirectories(screens);
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, screens.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private String describe(String... ids) {
        StringBuilder state = new StringBuilder("url=").append(driver.getCurrentUrl());
        for (String id : ids) {
            state.append(" | ").append(id).append('=').append(text(id));
        }
        return state.toString();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
