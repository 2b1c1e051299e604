package io.veltrix.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.TestStaff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The player page in a real headless Chromium, served by the query service and posting to the
 * command service, both running as users run them: a player joins by the organizers' link, reads
 * the clues, answers wrong, gets locked out with a countdown, buys a hint, finds a clue and sees
 * score and rank move; answers survive a dropped connection and going offline, counted once.
 * The page posts through a {@link DroppingProxy} that can lose the command service's answers.
 * Screenshots at phone and desktop sizes go to docs/screens.
 */
class PlayerPageSystemIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String ORGANIZER = "Basic " + Base64.getEncoder().encodeToString(("org:" + TestStaff.ORGANIZER_PASSWORD).getBytes());
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final int LOCKOUT_SECONDS = 40;

    private static DroppingProxy proxy;
    private static Services services;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void start() throws Exception {
        proxy = new DroppingProxy();
        services = Services.start(EmbeddedDatabase.freshDatabaseWithServiceRoles(), "http://localhost:" + proxy.port());
        proxy.forwardTo(services.commandPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--user-data-dir=" + Files.createTempDirectory("veltrix-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(PHONE);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.withMessage(this::pageState);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPlayerJoinsByLinkAndPlaysThroughADroppedConnectionAndAnOfflineSpell() throws Exception {
        String hunt = command("/api/hunts", "{\"name\":\"Harbour Hunt\",\"joinCode\":\"GULL42\","
                + "\"maxWrongAttempts\":2,\"lockoutWindowSeconds\":" + LOCKOUT_SECONDS + "}", ORGANIZER, 201).get("huntId").asText();
        String lighthouse = clue(hunt, "Lighthouse", "I wink at ships all night and never sleep.", "beacon", 100,
                "It shines at night", 10);
        String clock = clue(hunt, "Clock tower", "Both hands meet at the top while the sun is highest.", "noon", 50,
                null, 0);
        String market = clue(hunt, "Fish market", "Silver, small, and sold by the crate at dawn.", "herring", 30,
                null, 0);
        command("/api/hunts/" + hunt + "/publish", null, ORGANIZER, 200);
        JsonNode rival = command("/api/hunts/" + hunt + "/players", "{\"handle\":\"Rival\",\"joinCode\":\"GULL42\"}",
                null, 201);
        command("/api/hunts/" + hunt + "/start", null, ORGANIZER, 200);
        command("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"" + clock + "\",\"answer\":\"noon\"}",
                "Bearer " + rival.get("token").asText(), 200);

        // a link with a join code puts it in the join form (the code stays in the fragment, out of server logs)
        String link = "http://localhost:" + services.queryPort + "/play/" + hunt;
        browser.get(link + "#code=GULL42");
        wait.until(b -> "Harbour Hunt".equals(text("#hunt-name")));
        assertThat(value("#join-code")).isEqualTo("GULL42");
        assertThat(visible("#join-code")).isTrue();

        // joins by the link the organizers share (the hunt needs its code: the link carries it)
        browser.get(link + "#code=GULL42");
        wait.until(b -> "Harbour Hunt".equals(text("#hunt-name")) && count(".clue") == 3);
        assertThat(text("#hunt-state")).startsWith("Running");
        assertThat(text(clueSelector(lighthouse) + " .riddle")).isEqualTo("I wink at ships all night and never sleep.");
        assertThat(text(clueSelector(lighthouse) + " .points")).isEqualTo("100 points");
        screenshot("play-join-phone.png", "body");
        browser.findElement(By.id("handle")).sendKeys("Marlin");
        browser.findElement(By.id("join-button")).click();
        wait.until(b -> "Marlin".equals(text("#my-handle")) && "2".equals(text("#my-rank")));
        assertThat(text("#my-score")).isEqualTo("0");
        String playerId = stored(hunt, "player").get("playerId").asText();
        String token = stored(hunt, "player").get("token").asText();

        // a wrong answer
        answer(lighthouse, "lamp");
        awaitAnswered(hunt, lighthouse, "Not quite. Try again.");

        // the answer of a find is lost on the way back: the page says so, sends it again with the
        // same Idempotency-Key when the connection is back, and the command side counts it once
        proxy.dropFindAnswers(true);
        answer(market, "sardine");
        wait.until(b -> visible("#offline"));
        String key = stored(hunt, "pending").get(0).get("key").asText();
        assertThat(feedback(market)).isEqualTo("Kept: sent when you are back online.");
        proxy.dropFindAnswers(false);
        wait.until(b -> "Not quite. Try again.".equals(feedback(market)));
        wait.until(b -> !visible("#offline"));
        assertThat(playerView(hunt, playerId, token).get("wrongAttempts").asInt()).isEqualTo(2);
        assertThat(proxy.findsForwarded(key)).as("the page sent it again").isGreaterThanOrEqualTo(2);
        assertThat(stored(hunt, "pending")).isEmpty();

        // a lockout, with its countdown
        answer(clock, "midnight");
        awaitAnswered(hunt, clock, "Not quite. Try again.");
        answer(clock, "dawn");
        awaitAnswered(hunt, clock, "Not quite. Try again.");
        answer(clock, "dusk");
        wait.until(b -> feedback(clock).startsWith("Too many wrong answers: try again in 0:"));
        int firstSeconds = countdownSeconds(feedback(clock));
        assertThat(firstSeconds).isBetween(1, LOCKOUT_SECONDS);
        assertThat(browser.findElement(By.cssSelector(clueSelector(clock) + " .answer-button")).isEnabled()).isFalse();
        wait.until(b -> feedback(clock).startsWith("Too many") && countdownSeconds(feedback(clock)) < firstSeconds);
        screenshot("play-lockout-phone.png", clueSelector(clock));

        // a hint, confirmed before its penalty is spent
        click(clueSelector(lighthouse) + " .hint-button");
        wait.until(b -> visible(clueSelector(lighthouse) + " .hint-confirm"));
        assertThat(text(clueSelector(lighthouse) + " .hint-confirm")).contains("Spend 10 points");
        click(clueSelector(lighthouse) + " .hint-yes");
        wait.until(b -> "Hint: It shines at night".equals(text(clueSelector(lighthouse) + " .hint-text")));
        wait.until(b -> "-10".equals(text("#my-score")));

        // a find moves score and rank, live
        answer(lighthouse, "Beacon");
        wait.until(b -> "Found! +100 points".equals(feedback(lighthouse)));
        wait.until(b -> "90".equals(text("#my-score")) && "1".equals(text("#my-rank")));
        assertThat(text(clueSelector(lighthouse) + " .status")).isEqualTo("found ✓");

        // a rival climbing past moves the player's rank, live: the board's stream says the player's
        // line moved (well before the page's own 30-s poll of the view)
        command("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"" + lighthouse + "\",\"answer\":\"beacon\"}",
                "Bearer " + rival.get("token").asText(), 200);
        new WebDriverWait(browser, Duration.ofSeconds(15)).withMessage(this::pageState)
                .until(b -> "90".equals(text("#my-score")) && "2".equals(text("#my-rank")));

        // offline (the browser's own network switched off): the answer is kept, then sent once back
        browser.setNetworkConditions(offline());
        answer(market, "herring");
        wait.until(b -> visible("#offline") && text("#offline").contains("kept"));
        screenshot("play-offline-phone.png", "#offline");
        browser.deleteNetworkConditions();
        wait.until(b -> "Found! +30 points".equals(feedback(market)));
        wait.until(b -> "120".equals(text("#my-score")) && !visible("#offline"));
        JsonNode view = playerView(hunt, playerId, token);
        assertThat(view.get("score").asInt()).isEqualTo(120);
        assertThat(view.get("found")).hasSize(2);
        assertThat(view.get("wrongAttempts").asInt()).isEqualTo(4);
        screenshot("play-phone.png", "body");
        browser.manage().window().setSize(DESKTOP);
        screenshot("play-desktop.png", "body");

        // the device link logs a second browser in as the same player, and leaves the address bar
        String deviceLink = value("#device-url");
        script("localStorage.clear();");
        browser.get(deviceLink);
        wait.until(b -> "Marlin".equals(text("#my-handle")) && "120".equals(text("#my-score")));
        assertThat(browser.getCurrentUrl()).doesNotContain(token);
    }

    @Test
    void thePageShowsTheHuntsStateNotStartedRunningFrozenEnded() throws Exception {
        Instant startsAt = Instant.now().plus(Duration.ofMinutes(30));
        String hunt = command("/api/hunts", "{\"name\":\"Timed Hunt\",\"startsAt\":\"" + startsAt
                + "\",\"endsAt\":\"" + startsAt.plus(Duration.ofHours(2)) + "\"}", ORGANIZER, 201).get("huntId").asText();
        String clue = clue(hunt, "Bandstand", "Where the brass plays on Sundays.", "tuba", 10, null, 0);
        command("/api/hunts/" + hunt + "/publish", null, ORGANIZER, 200);
        String page = "http://localhost:" + services.queryPort + "/play/" + hunt;

        browser.get(page);
        wait.until(b -> text("#hunt-state").startsWith("Not started yet · starts in 29:"));
        browser.findElement(By.id("handle")).sendKeys("Early Bird");
        browser.findElement(By.id("join-button")).click();
        wait.until(b -> "Early Bird".equals(text("#my-handle")));
        assertThat(browser.findElement(By.cssSelector(clueSelector(clue) + " .answer-button")).isEnabled()).isFalse();
        assertThat(text("#clues-note")).isEqualTo("Answers open when the hunt starts.");

        command("/api/hunts/" + hunt + "/start", null, ORGANIZER, 200);
        browser.navigate().refresh();
        wait.until(b -> text("#hunt-state").matches("Running · 2:2\\d:\\d\\d left"));
        assertThat(browser.findElement(By.cssSelector(clueSelector(clue) + " .answer-button")).isEnabled()).isTrue();

        // the freeze reaches the open page through the board's stream, without a reload
        command("/api/hunts/" + hunt + "/freeze", null, ORGANIZER, 200);
        wait.until(b -> text("#hunt-state").endsWith("left · board frozen"));

        command("/api/hunts/" + hunt + "/end", null, ORGANIZER, 200);
        browser.navigate().refresh();
        wait.until(b -> "Ended · thanks for playing".equals(text("#hunt-state")));
        assertThat(browser.findElement(By.cssSelector(clueSelector(clue) + " .answer-button")).isEnabled()).isFalse();
    }

    @Test
    void aTeamIsCreatedOnThePageJoinedByItsLinkAndPlaysAsOne() throws Exception {
        String hunt = command("/api/hunts", "{\"name\":\"Harbour Teams\",\"teamSize\":3}", ORGANIZER, 201)
                .get("huntId").asText();
        String fountain = clue(hunt, "Fountain", "Who holds the trident?", "neptune", 100, null, 0);
        clue(hunt, "Clock", "When do the hands meet at the top?", "noon", 50, null, 0);
        command("/api/hunts/" + hunt + "/publish", null, ORGANIZER, 200);
        command("/api/hunts/" + hunt + "/start", null, ORGANIZER, 200);

        // a team-mode hunt offers a team, not a solo registration (which it would refuse)
        String link = "http://localhost:" + services.queryPort + "/play/" + hunt;
        browser.get(link);
        wait.until(b -> "Harbour Teams".equals(text("#hunt-name")) && visible("#team-create-form"));
        assertThat(visible("#join")).isFalse();
        assertThat(visible("#team-join-form")).as("joining needs the captain's link").isFalse();
        browser.findElement(By.cssSelector("#team-name")).sendKeys("Owls");
        browser.findElement(By.cssSelector("#captain-handle")).sendKeys("Ann");
        click("#team-create-button");
        wait.until(b -> visible("#me") && !text("#my-team-code").isEmpty());
        assertThat(text("#my-team-name")).isEqualTo("Owls");
        String teamCode = text("#my-team-code");
        String teamLink = value("#team-share-url");
        assertThat(teamLink).startsWith(link + "#team=").endsWith("&teamCode=" + teamCode);
        JsonNode captain = stored(hunt, "player");
        // the QR code of that link, drawn by the query service for the captain's own token
        wait.until(b -> Boolean.TRUE.equals(script("var q = document.getElementById('team-qr');"
                + " return !q.hidden && q.complete && q.naturalWidth > 0;")));
        String shownQr = (String) script("return decodeURIComponent(document.getElementById('team-qr').src"
                + ".replace(/^data:image\\/svg\\+xml;charset=utf-8,/, ''));");
        HttpResponse<String> drawn = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + services.queryPort
                        + "/api/hunts/" + hunt + "/teams/" + captain.get("teamId").asText() + "/join-qr.svg"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"joinCode\":\"" + teamCode + "\"}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + captain.get("token").asText()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(drawn.statusCode()).isEqualTo(200);
        assertThat(shownQr).startsWith("<svg").isEqualTo(drawn.body());
        screenshot("play-team-phone.png", "#me");

        // a teammate opens the link on another phone: the code is filled in, a handle is all it takes
        script("localStorage.clear();");
        browser.get(teamLink);
        wait.until(b -> visible("#team-join-form") && teamCode.equals(value("#team-code")));
        browser.findElement(By.cssSelector("#member-handle")).sendKeys("Bob");
        click("#team-join-button");
        wait.until(b -> visible("#me") && "Bob".equals(text("#my-handle")));
        assertThat(browser.getCurrentUrl()).doesNotContain(teamCode);
        wait.until(b -> "Ann, Bob".equals(text("#my-team-members")));

        // Bob's find is the team's: the page says who found it, and Ann's view has it too
        answer(fountain, "Neptune");
        awaitAnswered(hunt, fountain, "Found! +100 points");
        wait.until(b -> "found ✓ by Bob".equals(text(clueSelector(fountain) + " .status"))
                && "100".equals(text("#my-score")));
        JsonNode annSees = playerView(hunt, captain.get("playerId").asText(), captain.get("token").asText());
        assertThat(annSees.get("score").asInt()).isEqualTo(100);
        assertThat(annSees.get("found").get(0).get("foundBy").get("handle").asText()).isEqualTo("Bob");
    }

    // ---- the command side, as an organizer or a player's phone ------------------------------

    private static JsonNode command(String path, String body, String authorization, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + services.commandPort + path))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(expected);
        return response.body().isBlank() ? null : JSON.readTree(response.body());
    }

    private static String clue(String hunt, String title, String riddle, String answer, int points, String hint,
                               int penalty) throws Exception {
        var body = JSON.createObjectNode().put("title", title).put("riddle", riddle).put("points", points);
        body.putArray("answers").add(answer);
        if (hint != null) {
            body.put("hint", hint).put("hintPenalty", penalty);
        }
        return command("/api/hunts/" + hunt + "/clues", body.toString(), ORGANIZER, 201).get("clueId").asText();
    }

    private static JsonNode playerView(String hunt, String playerId, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + services.queryPort + "/api/hunts/" + hunt + "/players/" + playerId))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    // ---- the page ---------------------------------------------------------------------------

    private static String clueSelector(String clueId) {
        return ".clue[data-clue-id='" + clueId + "']";
    }

    private void answer(String clueId, String text) {
        var input = browser.findElement(By.cssSelector(clueSelector(clueId) + " .answer-input"));
        wait.until(b -> input.isEnabled());
        input.sendKeys(text);
        click(clueSelector(clueId) + " .answer-button");
    }

    /** Until the page holds no unanswered submission and shows {@code feedback} under the clue. */
    private void awaitAnswered(String hunt, String clueId, String feedback) {
        wait.until(b -> {
            try {
                return stored(hunt, "pending").isEmpty() && feedback.equals(feedback(clueId));
            } catch (Exception unreadable) {
                return false;
            }
        });
    }

    /** What the page shows, for the message of a wait that timed out. */
    private String pageState() {
        return (String) script("return ['hunt-state', 'offline', 'join-message', 'my-handle', 'my-score', 'my-rank']"
                + ".map(function (id) { var e = document.getElementById(id); return id + '=' + (e ? e.textContent : null); })"
                + ".concat([].map.call(document.querySelectorAll('.feedback'), function (e) { return e.textContent; }))"
                + ".join(' | ') + ' | url=' + location.href;");
    }

    private void click(String selector) {
        browser.findElement(By.cssSelector(selector)).click();
    }

    private String feedback(String clueId) {
        return text(clueSelector(clueId) + " .feedback");
    }

    private static int countdownSeconds(String feedback) {
        String[] clock = feedback.substring(feedback.lastIndexOf(' ') + 1).split(":");
        return Integer.parseInt(clock[0]) * 60 + Integer.parseInt(clock[1]);
    }

    private Object script(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private String text(String selector) {
        return (String) script("var e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
    }

    private String value(String selector) {
        return (String) script("return document.querySelector(arguments[0]).value;", selector);
    }

    private long count(String selector) {
        return (Long) script("return document.querySelectorAll(arguments[0]).length;", selector);
    }

    private boolean visible(String selector) {
        return Boolean.TRUE.equals(script("var e = document.querySelector(arguments[0]);"
                + " return !!e && !e.hidden && e.offsetParent !== null;", selector));
    }

    private JsonNode stored(String hunt, String name) throws Exception {
        String value = (String) script("return localStorage.getItem(arguments[0]);", "veltrix.play." + hunt + "." + name);
        return value == null ? JSON.createArrayNode() : JSON.readTree(value);
    }

    private static ChromiumNetworkConditions offline() {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setOffline(true);
        return conditions;
    }

    /** The viewport with {@code shown} in it (its top at the top, or in the middle when it is a part). */
    private void screenshot(String name, String shown) throws Exception {
        script("document.activeElement.blur(); var e = document.querySelector(arguments[0]);"
                + " if (e === document.body) { window.scrollTo(0, 0); } else { e.scrollIntoView({block: 'center'}); }", shown);
        Path screens = Path.of(System.getProperty("veltrix.screens", "target/screens"));
        Files.createDirectories(screens);
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, screens.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
