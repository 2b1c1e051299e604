package io.veltrix.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.TestStaff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WindowType;

/**
 * The organizers' console in a real headless Chromium, served by the query service and posting to
 * the command service, both running as users run them: an organizer logs in, creates a hunt, adds
 * a clue, publishes and starts it; a player finds it; the organizer freezes the public board and
 * sees the live one go on while the big screen shows the freeze, the time left, the counts, the
 * leaders' chart and the join QR code; disqualifies a player, exports the CSV and ends the hunt,
 * each button there only while the hunt's state allows it. Screenshots go to docs/screens.
 */
class ConsoleSystemIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
    /** The whole hunt page, players and service status included, in one screenshot. */
    private static final Dimension TALL_DESKTOP = new Dimension(1280, 1900);
    private static final String[] SHOWN = {"#login-message", "#hunt-state", "#action-message", "#clue-message",
            "#player-message", "#csv-status"};

    private static Services services;
    private Browser browser;

    @BeforeAll
    static void start() throws Exception {
        services = Services.start(EmbeddedDatabase.freshDatabaseWithServiceRoles());
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browser.open(DESKTOP, SHOWN);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anOrganizerRunsAHuntFromTheConsole() throws Exception {
        String console = "http://localhost:" + services.queryPort + "/console";
        browser.get(console);
        // an auditor is told politely that the console is not theirs
        login("aud", TestStaff.AUDITOR_PASSWORD);
        browser.until(() -> browser.text("#login-message").contains("may not run hunts"));
        login("org", "not-the-password");
        browser.until(() -> "Wrong user or password.".equals(browser.text("#login-message")));
        login("org", TestStaff.ORGANIZER_PASSWORD);
        browser.until(() -> browser.visible("#create-form"));
        assertThat((String) browser.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"
                + " + document.cookie;")).doesNotContain(TestStaff.ORGANIZER_PASSWORD);

        // a draft: no lifecycle button until it has a clue
        browser.type("#new-name", "Lighthouse Night");
        // ends in two hours, in the browser's own time zone as a datetime-local field takes it
        browser.script("var end = new Date(Date.now() + 2 * 3600 * 1000 - new Date().getTimezoneOffset() * 60000);"
                + " document.getElementById('new-ends').value = end.toISOString().slice(0, 16);");
        browser.click("#create-button");
        browser.until(() -> "Lighthouse Night".equals(browser.text("#hunt-name")));
        String hunt = browser.driver.getCurrentUrl().replaceAll(".*#hunt=", "");
        assertThat(browser.text("#hunt-state")).isEqualTo("DRAFT");
        assertThat(shownActions()).isEmpty();

        browser.type("#clue-title", "Lantern room");
        browser.type("#clue-points", "100");
        browser.type("#clue-riddle", "I wink at ships all night and never sleep.");
        browser.type("#clue-answers", "beacon\nlighthouse lamp");
        browser.type("#clue-hint", "It shines at night");
        browser.type("#clue-penalty", "10");
        browser.click("#clue-button");
        browser.until(() -> browser.count("#clue-list li") == 1);
        assertThat(browser.text("#clue-message")).contains("nobody can read them again");
        assertThat((String) browser.script("return document.getElementById('clue-answers').value;")).isEmpty();
        assertThat((String) browser.script("return document.body.innerText;")).doesNotContain("beacon");
        browser.until(() -> shownActions().equals("publish"));
        browser.screenshot("console-draft-desktop.png", "body");

        browser.click("#publish");
        browser.until(() -> "PUBLISHED".equals(browser.text("#hunt-state")) && shownActions().equals("start freeze end"));
        assertThat(browser.visible("#clue-form")).isFalse();
        browser.click("#start");
        browser.until(() -> "RUNNING".equals(browser.text("#hunt-state")) && shownActions().equals("freeze end"));

        // players play (from their phones, here over HTTP)
        String clue = publicHunt(hunt).get("clues").get(0).get("clueId").asText();
        JsonNode marlin = register(hunt, "Marlin");
        JsonNode rival = register(hunt, "Rival");
        find(hunt, marlin, clue, "Beacon");
        browser.until(() -> "100".equals(boardScore("staff-board", marlin)));

        // the freeze: the public board stops, the staff board goes on
        browser.click("#freeze");
        browser.until(() -> browser.visible("#public-card") && shownActions().equals("end"));
        find(hunt, rival, clue, "lighthouse lamp");
        browser.until(() -> "100".equals(boardScore("staff-board", rival)));
        browser.until(() -> "0".equals(boardScore("public-board", rival)));
        assertThat(browser.text("#hunt-state")).isEqualTo("RUNNING · board frozen");

        // the big screen: time left, the FROZEN banner, counts, the chart of the leaders, the join QR code
        String consoleWindow = browser.driver.getWindowHandle();
        browser.driver.switchTo().newWindow(WindowType.TAB);
        String bigScreen = "http://localhost:" + services.queryPort + "/hunts/" + hunt;
        browser.get(bigScreen);
        String bigScreenWindow = browser.driver.getWindowHandle();
        browser.until(() -> browser.visible("#frozen-banner") && browser.count("#chart polyline") == 2
                && "2 players · 1 find".equals(browser.text("#counts")));
        assertThat(browser.text("#clock")).matches("1:[0-5]\\d:\\d\\d left");
        assertThat(browser.text("#frozen-banner")).startsWith("FROZEN");
        assertThat(browser.text("#chart-legend")).isEqualTo("MarlinRival");
        browser.until(() -> Boolean.TRUE.equals(browser.script("var q = document.getElementById('join-qr');"
                + " return !document.getElementById('join').hidden && q.complete && q.naturalWidth > 0;")));
        assertThat(browser.text("#join-url")).isEqualTo("http://localhost:" + services.queryPort + "/play/" + hunt);
        browser.screenshot("bigscreen-desktop.png", "body");
        browser.driver.manage().window().setSize(PHONE);
        browser.screenshot("bigscreen-phone.png", "body");
        browser.driver.manage().window().setSize(DESKTOP);
        browser.driver.switchTo().window(consoleWindow);

        // corrections, found by search
        browser.type("#player-search", "mar");
        browser.until(() -> browser.count("#players tbody tr") == 1);
        browser.click("#players tbody tr .correct");
        browser.type("#correction-reason", "shared the answer on the group chat");
        browser.click("#disqualify");
        browser.until(() -> browser.text("#player-message").equals("Marlin: disqualified."));
        browser.until(() -> "disqualified".equals(browser.text("#players tbody tr td.note")));
        browser.until(() -> browser.visible("#reinstate") && !browser.visible("#disqualify"));
        browser.type("#player-search", "");
        browser.until(() -> browser.count("#players tbody tr") == 2 && browser.count("#staff-board tbody tr") == 1);
        // the big screen, still open, takes it as a change: Marlin's line leaves, Rival's moves up to first
        browser.driver.switchTo().window(bigScreenWindow);
        browser.until(() -> browser.count("#board tbody tr") == 1
                && "1 Rival".equals(browser.text("#board tbody tr td:nth-child(1)") + " " + browser.text("#board tbody tr .handle")));
        browser.driver.switchTo().window(consoleWindow);

        browser.click("#csv");
        browser.until(() -> "2 players".equals(browser.text("#csv-status")));
        assertThat(browser.text("#csv-link")).isEqualTo("leaderboard-" + hunt + ".csv");
        browser.until(() -> browser.text("#dead-letters").contains("admin account only")
                && browser.count("#projections li") == 3);
        assertThat(browser.text("#projections li[data-projection='leaderboard']")).startsWith("leaderboard: CAUGHT_UP");
        browser.driver.manage().window().setSize(TALL_DESKTOP);
        browser.screenshot("console-desktop.png", "body");
        browser.driver.manage().window().setSize(PHONE);
        browser.screenshot("console-phone.png", "#staff-board");
        browser.driver.manage().window().setSize(DESKTOP);

        // the join poster: name, link and a QR code drawn by the service
        String poster = "http://localhost:" + services.queryPort + "/hunts/" + hunt + "/poster";
        browser.driver.switchTo().newWindow(WindowType.TAB);
        browser.get(poster);
        browser.until(() -> Boolean.TRUE.equals(browser.script(
                "var q = document.getElementById('qr'); return !q.hidden && q.complete && q.naturalWidth > 0;")));
        assertThat(browser.text("#hunt-name")).isEqualTo("Lighthouse Night");
        assertThat(browser.text("#join-link")).isEqualTo("http://localhost:" + services.queryPort + "/play/" + hunt);
        browser.screenshot("poster.png", "body");
        browser.driver.close();
        browser.driver.switchTo().window(consoleWindow);

        // the end, after a confirmation; then no button is left
        browser.click("#end");
        browser.driver.switchTo().alert().accept();
        browser.until(() -> "ENDED · board frozen".equals(browser.text("#hunt-state")) && shownActions().isEmpty());
        assertThat(publicHunt(hunt).get("status").asText()).isEqualTo("ENDED");

        // registration is closed: the big screen no longer shows the join QR code
        browser.get(bigScreen);
        browser.until(() -> "Ended".equals(browser.text("#clock")) && browser.count("#board tbody tr") == 1);
        assertThat(browser.visible("#join")).isFalse();
        assertThat(browser.visible("#frozen-banner")).as("a board frozen stays frozen after the end").isTrue();
    }

    @Test
    void anOrganizerCorrectsADraftBeforePublishingIt() throws Exception {
        browser.get("http://localhost:" + services.queryPort + "/console");
        login("org", TestStaff.ORGANIZER_PASSWORD);
        browser.until(() -> browser.visible("#create-form"));
        browser.type("#new-name", "Lighthuose Nigth");
        browser.type("#new-max-wrong", "4");
        browser.click("#create-button");
        browser.until(() -> "Lighthuose Nigth".equals(browser.text("#hunt-name")));
        String hunt = browser.driver.getCurrentUrl().replaceAll(".*#hunt=", "");
        addClue("Lantern room", "100", "beacon", "It shines at night", "10");
        browser.until(() -> browser.count("#clue-list li") == 1);
        addClue("Wrong room", "5", "nothing", "", "0");
        browser.until(() -> browser.count("#clue-list li") == 2 && browser.count("#clue-list .edit-clue") == 2);

        // the settings: the form starts from what the hunt has, lockout rule included
        browser.click("#edit-settings");
        browser.until(() -> browser.visible("#settings-form"));
        assertThat((String) browser.script("return document.getElementById('edit-max-wrong').value;")).isEqualTo("4");
        browser.type("#edit-name", "Lighthouse Night");
        browser.type("#edit-max-players", "1");
        browser.click("#settings-button");
        browser.until(() -> "Lighthouse Night".equals(browser.text("#hunt-name")) && !browser.visible("#settings-form"));
        assertThat(browser.text("#settings-message")).isEqualTo("Settings saved.");

        // a clue: new points and a new answer; the old answer is never shown, so it is typed anew or kept
        browser.click("#clue-list li:nth-child(1) .edit-clue");
        browser.until(() -> browser.text("#clue-form-title").equals("Edit clue: Lantern room"));
        assertThat((String) browser.script("return document.getElementById('clue-hint').value;"))
                .isEqualTo("It shines at night");
        assertThat((String) browser.script("return document.getElementById('clue-answers').value;")).isEmpty();
        browser.type("#clue-points", "150");
        browser.type("#clue-answers", "lamp");
        browser.click("#clue-button");
        browser.until(() -> browser.text("#clue-list li:nth-child(1)").contains("150 points"));
        assertThat(browser.text("#clue-message")).startsWith("Clue saved.");
        assertThat(browser.text("#clue-form-title")).isEqualTo("Add a clue");
        browser.screenshot("console-draft-edit-desktop.png", "body");

        // a clue that should not be there, after a confirmation
        browser.click("#clue-list li:nth-child(2) .remove-clue");
        browser.driver.switchTo().alert().accept();
        browser.until(() -> browser.count("#clue-list li") == 1 && "Clue removed.".equals(browser.text("#clue-message")));

        // published: the clue set and the settings are fixed, and their buttons are gone
        browser.click("#publish");
        browser.until(() -> "PUBLISHED".equals(browser.text("#hunt-state")));
        browser.until(() -> browser.count("#clue-list .edit-clue, #clue-list .remove-clue") == 0
                && !browser.visible("#edit-settings") && !browser.visible("#clue-form"));
        browser.click("#start");
        browser.until(() -> "RUNNING".equals(browser.text("#hunt-state")));

        JsonNode shown = publicHunt(hunt);
        assertThat(shown.get("name").asText()).isEqualTo("Lighthouse Night");
        assertThat(shown.get("clues")).hasSize(1);
        String clue = shown.get("clues").get(0).get("clueId").asText();
        JsonNode keeper = register(hunt, "Keeper");
        post("/api/hunts/" + hunt + "/players", "{\"handle\":\"Latecomer\"}", null, 409);
        JsonNode wrong = post("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"" + clue + "\",\"answer\":\"beacon\"}",
                "Bearer " + keeper.get("token").asText(), 200);
        assertThat(wrong.get("outcome").asText()).isEqualTo("WRONG");
        find(hunt, keeper, clue, "Lamp");
        browser.until(() -> "150".equals(boardScore("staff-board", keeper)));
    }

    @Test
    void theAdminOpensAccountsAndTheirOrganizersShareAHunt() throws Exception {
        String carolFirst = "sys-Hq4-carol-Wm7z";
        String carolReset = "sys-Pd2-carol-Ju5k";
        String carolOwn = "sys-Zt9-carol-Bn3c";
        String davePassword = "sys-Lr6-dave-Yx8q";
        browser.get("http://localhost:" + services.queryPort + "/console");
        login("adm", TestStaff.ADMIN_PASSWORD);
        browser.until(() -> browser.visible("#accounts") && browser.visible("#no-accounts"));
        assertThat(browser.visible("#own-password-form")).as("a configured account's password is configuration").isFalse();

        // refusals come back as the service's reasons
        openAccount("carol", "short");
        browser.until(() -> browser.text("#account-message").toLowerCase().contains("password"));
        assertThat(browser.driver.findElement(By.cssSelector("#account-message"))
                .getAttribute("class")).contains("bad");
        openAccount("carol", carolFirst);
        browser.until(() -> browser.count("#account-list tr[data-username='carol']") == 1);
        assertThat(browser.text("#account-message")).isEqualTo("Account carol opened.");
        openAccount("carol", carolFirst + "x");
        browser.until(() -> browser.text("#account-message").contains("taken"));
        openAccount("dave", davePassword);
        browser.until(() -> browser.count("#account-list tbody tr") == 2);

        // disabled and enabled again: the row and its one button follow
        browser.click("#account-list tr[data-username='dave'] .disable-account");
        browser.driver.switchTo().alert().accept();
        browser.until(() -> "disabled".equals(browser.text("#account-list tr[data-username='dave'] .status"))
                && browser.count("#account-list tr[data-username='dave'] .enable-account") == 1
                && browser.count("#account-list tr[data-username='dave'] .disable-account") == 0);
        browser.click("#account-list tr[data-username='dave'] .enable-account");
        browser.until(() -> "active".equals(browser.text("#account-list tr[data-username='dave'] .status")));

        // a new password for carol
        browser.click("#account-list tr[data-username='carol'] .reset-account");
        browser.until(() -> browser.visible("#reset-form") && "carol".equals(browser.text("#reset-user")));
        browser.type("#reset-password", carolReset);
        browser.click("#reset-button");
        browser.until(() -> browser.text("#account-message").startsWith("New password set for carol"));
        browser.screenshot("console-accounts-desktop.png", "#accounts");
        assertThat((String) browser.script("return document.body.innerText;")).doesNotContain(carolReset, "$2a$");

        // carol: the old password no longer logs in; no admin screen; her own password
        browser.click("#logout");
        login("carol", carolFirst);
        browser.until(() -> "Wrong user or password.".equals(browser.text("#login-message")));
        login("carol", carolReset);
        browser.until(() -> browser.visible("#own-password-form") && browser.visible("#create-form"));
        assertThat(browser.visible("#accounts")).isFalse();
        browser.type("#own-current", "not my password");
        browser.type("#own-new", carolOwn);
        browser.click("#own-password-button");
        browser.until(() -> "The current password is not right.".equals(browser.text("#own-password-message")));
        browser.type("#own-current", carolReset);
        browser.type("#own-new", carolOwn);
        browser.click("#own-password-button");
        browser.until(() -> browser.text("#own-password-message").startsWith("Password changed")
                && browser.driver.findElement(By.cssSelector("#own-password-button")).isEnabled());

        // still logged in, now with the new password: she creates a hunt and owns it
        browser.type("#new-name", "Carol's Quest");
        browser.click("#create-button");
        browser.until(() -> "Carol's Quest".equals(browser.text("#hunt-name")));
        String hunt = browser.driver.getCurrentUrl().replaceAll(".*#hunt=", "");
        browser.until(() -> browser.count("#organizer-list li") == 1);
        assertThat(browser.text("#organizer-list li")).isEqualTo("carol · owner · you");
        assertThat(browser.count("#organizer-list .remove-organizer")).as("the last organizer stays").isZero();

        browser.type("#organizer-name", "nobody-here");
        browser.click("#organizer-add");
        browser.until(() -> browser.text("#organizer-message").contains("nobody-here"));
        assertThat(browser.count("#organizer-list li")).isEqualTo(1);
        browser.type("#organizer-name", "dave");
        browser.click("#organizer-add");
        browser.until(() -> browser.count("#organizer-list li") == 2
                && browser.count("#organizer-list .remove-organizer") == 2);
        assertThat(browser.text("#organizer-message")).isEqualTo("dave organizes this hunt too.");
        browser.screenshot("console-organizers-desktop.png", "#organizers-card");

        // dave, a co-organizer (logging in on the hunt's page): sees the organizers, may add but not remove
        browser.click("#logout");
        login("dave", davePassword);
        // until the list is drawn for dave: carol's drawing of it stays on the page until then
        browser.until(() -> browser.count("#organizer-list li") == 2 && browser.visible("#organizer-form")
                && "dave · you".equals(browser.text("#organizer-list li[data-username='dave']")));
        assertThat(browser.text("#organizer-list li[data-username='dave']")).isEqualTo("dave · you");
        assertThat(browser.count("#organizer-list .remove-organizer")).isZero();
        assertThat(browser.driver.getCurrentUrl()).endsWith("#hunt=" + hunt);

        // carol, the owner, removes him: the last one left has no remove button
        browser.click("#logout");
        login("carol", carolOwn);
        browser.until(() -> browser.count("#organizer-list .remove-organizer") == 2);
        browser.click("#organizer-list li[data-username='dave'] .remove-organizer");
        browser.driver.switchTo().alert().accept();
        browser.until(() -> browser.count("#organizer-list li") == 1
                && browser.count("#organizer-list .remove-organizer") == 0);
        assertThat(browser.text("#organizer-message")).isEqualTo("dave no longer organizes this hunt.");
    }

    private void openAccount(String user, String password) {
        browser.type("#account-user", user);
        browser.type("#account-password", password);
        browser.click("#account-button");
    }

    private void addClue(String title, String points, String answers, String hint, String penalty) {
        browser.type("#clue-title", title);
        browser.type("#clue-points", points);
        browser.type("#clue-riddle", "Riddle of " + title);
        browser.type("#clue-answers", answers);
        browser.type("#clue-hint", hint);
        browser.type("#clue-penalty", penalty);
        browser.click("#clue-button");
    }

    private void login(String user, String password) {
        browser.type("#user", user);
        browser.type("#password", password);
        browser.click("#login-button");
    }

    /** The lifecycle buttons the console shows, in order, separated by spaces. */
    private String shownActions() {
        return (String) browser.script("return [].filter.call(document.querySelectorAll('#actions button'),"
                + " function (b) { return !b.hidden; }).map(function (b) { return b.dataset.action; }).join(' ');");
    }

    private String boardScore(String table, JsonNode player) {
        return browser.text("#" + table + " tr[data-player-id='" + player.get("playerId").asText() + "'] .score");
    }

    private static JsonNode publicHunt(String hunt) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + services.queryPort + "/api/hunts/" + hunt)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode register(String hunt, String handle) throws Exception {
        return post("/api/hunts/" + hunt + "/players", "{\"handle\":\"" + handle + "\"}", null, 201);
    }

    private static void find(String hunt, JsonNode player, String clue, String answer) throws Exception {
        JsonNode outcome = post("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"" + clue + "\",\"answer\":\"" + answer + "\"}",
                "Bearer " + player.get("token").asText(), 200);
        assertThat(outcome.get("outcome").asText()).isEqualTo("FOUND");
    }

    private static JsonNode post(String path, String body, String authorization, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + services.commandPort + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(expected);
        return JSON.readTree(response.body());
    }
}
