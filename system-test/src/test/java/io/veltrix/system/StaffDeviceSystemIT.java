package io.veltrix.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.TestStaff;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;

/**
 * The organizer's browser at a venue whose crowd shares its address: once someone there has used up
 * the address's failed staff logins on both services, the console, which kept the device credential
 * of its earlier login, logs in again after a reload and runs a hunt, while the same browser without
 * that credential is refused. The staff-login cache is off, so every login is a new one.
 */
class StaffDeviceSystemIT {

    private static final String WRONG = "Basic ' + btoa('org:not-the-password') + '";
    private static final String DEVICE_SLOT = "veltrix.console.device.org";

    private static Services services;
    private Browser browser;

    @BeforeAll
    static void start() throws Exception {
        services = Services.start(EmbeddedDatabase.freshDatabaseWithServiceRoles(), null, Map.of(
                "VELTRIX_SECURITY_STAFF_LOGIN_FAILURES_PER_ADDRESS", "3",
                "VELTRIX_SECURITY_STAFF_LOGIN_CACHE", "0s"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) {
            services.close();
        }
    }

    @BeforeEach
    void openBrowser() throws Exception {
        browser = Browser.open(new Dimension(1280, 900), "#login-message", "#action-message");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private void login(String user, String password) {
        browser.type("#user", user);
        browser.type("#password", password);
        browser.click("#login-button");
    }

    /** A request from this browser's page (its address), answered with its status. */
    private long status(String method, String url, String authorization, String device) {
        return (Long) browser.script("var headers = {Authorization: '" + authorization + "'};"
                + " if (arguments[2]) { headers['Veltrix-Device'] = arguments[2]; }"
                + " return fetch(arguments[1], {method: arguments[0], headers: headers,"
                + " body: arguments[0] === 'POST' ? '{\"name\":\"Probe\"}' : undefined}).then(r => r.status);",
                method, url, device);
    }

    @Test
    void theConsoleLogsInWithItsDeviceCredentialFromAnAddressOthersLocked() {
        String console = "http://localhost:" + services.queryPort + "/console";
        String staffMe = "http://localhost:" + services.queryPort + "/api/staff/me";
        String hunts = "http://localhost:" + services.commandPort + "/api/hunts";
        browser.get(console);
        login("org", TestStaff.ORGANIZER_PASSWORD);
        browser.until(() -> browser.visible("#create-form"));
        String device = (String) browser.script("return localStorage.getItem(arguments[0]);", DEVICE_SLOT);
        assertThat(device).startsWith("vxd1.").doesNotContain(TestStaff.ORGANIZER_PASSWORD);

        // someone behind the same address guesses until both services refuse it
        for (int i = 0; i < 3; i++) {
            assertThat(status("GET", staffMe, WRONG, null)).isEqualTo(401);
            assertThat(status("POST", hunts, WRONG, null)).isEqualTo(401);
        }
        assertThat(status("GET", staffMe, WRONG, null)).isEqualTo(429);
        assertThat(status("POST", hunts, WRONG, null)).isEqualTo(429);

        // the console reloaded (the password forgotten) without its device credential: refused
        browser.script("localStorage.removeItem(arguments[0]);", DEVICE_SLOT);
        browser.get(console);
        login("org", TestStaff.ORGANIZER_PASSWORD);
        browser.until(() -> browser.text("#login-message").startsWith("Too many requests"));

        // with it, the organizer logs in and runs a hunt, on both services
        browser.script("localStorage.setItem(arguments[0], arguments[1]);", DEVICE_SLOT, device);
        browser.get(console);
        login("org", TestStaff.ORGANIZER_PASSWORD);
        browser.until(() -> browser.visible("#create-form"));
        browser.type("#new-name", "Venue Night");
        browser.click("#create-button");
        browser.until(() -> "Venue Night".equals(browser.text("#hunt-name")));
        assertThat(browser.text("#hunt-state")).isEqualTo("DRAFT");
    }
}
