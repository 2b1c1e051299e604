package io.veltrix.query.organizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.platform.security.DeviceCredentials;
import io.veltrix.query.QueryTestBase;
import io.veltrix.testsupport.TestStaff;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The console logs in on this service (GET /api/staff/me). From an address others locked with failed
 * logins (a venue's NAT, the client the trusted proxy names), the organizer's device still logs in
 * with the credential it was given here or by the command service (the same key), while a client
 * without a valid credential of the account is refused; failures presented with a credential lock
 * that credential only. The staff-login cache is off, so every login here is a new one.
 */
@TestPropertySource(properties = {"veltrix.http.trusted-proxies=127.0.0.1,::1",
        "veltrix.security.staff-login.failures-per-address=3", "veltrix.security.staff-login.failures-per-device=3",
        "veltrix.security.staff-login-cache=0s", "veltrix.security.device-key=" + StaffDeviceCredentialTest.KEY})
class StaffDeviceCredentialTest extends QueryTestBase {

    static final String KEY = "ZGV2aWNlLWtleS1zaGFyZWQtYnktYm90aC1zZXJ2aWNlcy10ZXN0";
    private static final String ORGANIZER = basic("organizer", TestStaff.ORGANIZER_PASSWORD);
    private static final String ADMIN = basic("admin", TestStaff.ADMIN_PASSWORD);
    private static final String WRONG = basic("organizer", "not-the-password");

    private final HttpClient http = HttpClient.newHttpClient();

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> whoAmI(String authorization, String address, String device) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/staff/me"))
                .header("Authorization", authorization).header("X-Forwarded-For", address);
        if (device != null) {
            request.header(DeviceCredentials.HEADER, device);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String deviceCredentialFrom(String authorization, String address) throws Exception {
        HttpResponse<String> login = whoAmI(authorization, address, null);
        assertThat(login.statusCode()).isEqualTo(200);
        return login.headers().firstValue(DeviceCredentials.HEADER).orElseThrow();
    }

    private void lock(String address) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(whoAmI(WRONG, address, null).statusCode()).isEqualTo(401);
        }
        assertThat(whoAmI(WRONG, address, null).statusCode()).isEqualTo(429);
    }

    @Test
    void theOrganizersDeviceLogsInFromAnAddressOthersLockedWhileOthersAreRefused() throws Exception {
        String venue = "203.0.113.60";
        String issuedHere = deviceCredentialFrom(ORGANIZER, venue);
        String issuedByTheCommandService = new DeviceCredentials(Base64.getDecoder().decode(KEY), Duration.ofDays(30),
                Clock.systemUTC()).issue("organizer");
        String adminsDevice = deviceCredentialFrom(ADMIN, "203.0.113.61");
        String expired = new DeviceCredentials(Base64.getDecoder().decode(KEY), Duration.ofDays(1),
                Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC)).issue("organizer");
        String forged = issuedHere.substring(0, issuedHere.length() - 1) + (issuedHere.endsWith("A") ? "B" : "A");
        lock(venue);

        assertThat(whoAmI(ORGANIZER, venue, null).statusCode()).isEqualTo(429);
        for (String untrusted : new String[] {adminsDevice, expired, forged}) {
            assertThat(whoAmI(ORGANIZER, venue, untrusted).statusCode()).as(untrusted).isEqualTo(429);
        }
        assertThat(whoAmI(ORGANIZER, venue, issuedHere).statusCode()).isEqualTo(200);
        assertThat(whoAmI(ORGANIZER, venue, issuedByTheCommandService).statusCode()).isEqualTo(200);
    }

    @Test
    void failuresWithADeviceCredentialLockThatCredentialOnly() throws Exception {
        String venue = "203.0.113.70";
        String stolen = deviceCredentialFrom(ORGANIZER, venue);
        String organizersDevice = deviceCredentialFrom(ORGANIZER, venue);
        for (int i = 0; i < 3; i++) {
            assertThat(whoAmI(WRONG, venue, stolen).statusCode()).isEqualTo(401);
        }
        assertThat(whoAmI(ORGANIZER, venue, stolen).statusCode()).isEqualTo(429);
        assertThat(whoAmI(ORGANIZER, venue, organizersDevice).statusCode()).isEqualTo(200);
        assertThat(whoAmI(ORGANIZER, venue, null).statusCode()).as("the address was not charged").isEqualTo(200);
    }
}
