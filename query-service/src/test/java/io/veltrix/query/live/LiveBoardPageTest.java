package io.veltrix.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.hunt.HuntEnded;
import io.veltrix.query.ApiClient;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The big-screen page in a real headless Chromium: a find appended after it opened shows without
 * reload, and the hunt's latest signed checkpoint is on it.
 */
class LiveBoardPageTest extends QueryTestBase {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory("veltrix-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Read in one script: the board is re-rendered on every update, so elements go stale. */
    private String text(String selector) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "var e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
    }

    private String firstHandle() {
        return text("#board tbody tr .handle");
    }

    @Test
    void aNewFindAppearsOnTheOpenPage() {
        HuntScenario scenario = HuntScenario.generate(3L, 3, 2, 0);
        scenario.appendTo(events, 50);
        events.append(new ClueFound(scenario.players.get(0), scenario.hunt, scenario.clues.get(0), 10));
        awaitBoardsMatchReplay(scenario.hunt);

        browser.get("http://localhost:" + port + "/hunts/" + scenario.hunt.value());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(b -> "player0".equals(firstHandle()));
        wait.until(b -> text("#hunt-name").startsWith("Scenario"));
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = true;");

        events.append(new ClueFound(scenario.players.get(2), scenario.hunt, scenario.clues.get(0), 10),
                new ClueFound(scenario.players.get(2), scenario.hunt, scenario.clues.get(1), 15));
        wait.until(b -> "player2".equals(firstHandle()));

        assertThat(((JavascriptExecutor) browser).executeScript("return window.sameDocument === true;")).isEqualTo(true);
        assertThat(text("#board tbody tr .score")).isEqualTo("32"); // 10 + 15 + first-finder bonus 7 on clue 1
        assertThat(text("#ticker")).contains("player2 found Clue 1");
    }

    @Test
    void thePageShowsTheLatestSignedCheckpoint() throws Exception {
        HuntScenario scenario = HuntScenario.generate(5L, 2, 2, 0);
        scenario.appendTo(events, 50);
        events.append(new HuntEnded(scenario.hunt, "org"));
        ApiClient api = new ApiClient(port);
        String checkpoints = "/api/hunts/" + scenario.hunt.value() + "/checkpoints";
        await().atMost(PROJECTION_WAIT).until(() -> api.get(checkpoints, ApiClient.NOBODY).body().contains("\"end\""));
        String root = new ObjectMapper().readTree(api.get(checkpoints, ApiClient.NOBODY).body()).get(0).get("root").asText();

        browser.get("http://localhost:" + port + "/hunts/" + scenario.hunt.value());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(b -> root.equals(text("#checkpoint-root")));
        assertThat(text("#checkpoint-link")).startsWith("#1 (end");
        assertThat(text("#checkpoint-key")).hasSize(16);
    }
}
