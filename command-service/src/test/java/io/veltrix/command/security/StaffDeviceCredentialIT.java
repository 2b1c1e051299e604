package io.veltrix.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.CommandServiceIT;
import io.veltrix.platform.security.DeviceCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Someone sharing the organizer's address (a venue's NAT, here the client a trusted proxy names)
 * locks that address with failed logins; the organizer's device, holding the credential it was
 * given at an earlier login, still logs in, while clients without a valid credential of the account
 * are refused. Failures presented with a device credential count for that credential only. The
 * staff-login cache is off, so every login here is a new one.
 */
@TestPropertySource(properties = {"veltrix.http.trusted-proxies=127.0.0.1,::1",
        "veltrix.security.staff-login.failures-per-address=3", "veltrix.security.staff-login.failures-per-device=3",
        "veltrix.security.staff-login-cache=0s", "veltrix.security.device-key=" + StaffDeviceCredentialIT.KEY})
class StaffDeviceCredentialIT extends CommandServiceIT {

    static final String KEY = "ZGV2aWNlLWtleS1vZi10aGUtY29tbWFuZC1zZXJ2aWNlLWl0";
    private static final String WRONG = basic("org", "not-the-password");

    private Answer createHunt(String authorization, String address, String device) {
        return device == null
                ? post("/api/hunts", "{\"name\":\"Device\"}", authorization, "X-Forwarded-For", address)
                : post("/api/hunts", "{\"name\":\"Device\"}", authorization, "X-Forwarded-For", address,
                        DeviceCredentials.HEADER, device);
    }

    /** The credential a device of {@code authorization}'s account is given by a login from {@code address}. */
    private String deviceCredentialFrom(String authorization, String address) {
        Answer login = createHunt(authorization, address, null);
        assertThat(login.status()).isEqualTo(201);
        assertThat(login.header(DeviceCredentials.HEADER)).startsWith("vxd1.");
        return login.header(DeviceCredentials.HEADER);
    }

    private void lock(String address) {
        for (int i = 0; i < 3; i++) {
            assertThat(createHunt(WRONG, address, null).status()).isEqualTo(401);
        }
        assertThat(createHunt(WRONG, address, null).status()).isEqualTo(429);
    }

    @Test
    void theOrganizersDeviceLogsInFromAnAddressOthersLockedWhileAClientWithoutItIsRefused() {
        String venue = "203.0.113.30";
        String organizersDevice = deviceCredentialFrom(ORGANIZER, venue);
        lock(venue);

        assertThat(createHunt(ORGANIZER, venue, null).status()).as("the right password without a device credential")
                .isEqualTo(429);
        Answer trusted = createHunt(ORGANIZER, venue, organizersDevice);
        assertThat(trusted.status()).isEqualTo(201);
        assertThat(trusted.header(DeviceCredentials.HEADER)).as("a fresh credential is kept, not replaced").isNull();
        // a wrong password from the trusted device is still wrong
        assertThat(createHunt(WRONG, venue, organizersDevice).status()).isEqualTo(401);
    }

    @Test
    void forgedExpiredAndOtherAccountsCredentialsAreRefusedTheExemption() {
        String venue = "203.0.113.31";
        String genuine = deviceCredentialFrom(ORGANIZER, "203.0.113.32");
        String adminsDevice = deviceCredentialFrom(ADMIN, "203.0.113.33");
        String forged = genuine.substring(0, genuine.length() - 1) + (genuine.endsWith("A") ? "B" : "A");
        String expired = new DeviceCredentials(Base64.getDecoder().decode(KEY), Duration.ofDays(1),
                Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC)).issue("org");
        String underAnotherKey = DeviceCredentials.configured("", Duration.ofDays(30)).issue("org");
        lock(venue);

        for (String untrusted : new String[] {adminsDevice, forged, expired, underAnotherKey, "vxd1.nonsense"}) {
            Answer refused = createHunt(ORGANIZER, venue, untrusted);
            assertThat(refused.status()).as(untrusted).isEqualTo(429);
            assertThat(refused.header("Retry-After")).isNotNull();
        }
        assertThat(createHunt(ORGANIZER, venue, genuine).status()).isEqualTo(201);
    }

    @Test
    void failuresWithADeviceCredentialLockThatCredentialOnly() {
        String venue = "203.0.113.40";
        String stolen = deviceCredentialFrom(ORGANIZER, venue);
        String organizersDevice = deviceCredentialFrom(ORGANIZER, venue);
        for (int i = 0; i < 3; i++) {
            assertThat(createHunt(WRONG, venue, stolen).status()).isEqualTo(401);
        }
        Answer locked = createHunt(ORGANIZER, venue, stolen);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.json().path("detail").asText()).contains("device credential");
        assertThat(createHunt(ORGANIZER, "198.51.100.7", stolen).status()).as("from anywhere").isEqualTo(429);
        // neither the address nor the account's other devices were charged
        assertThat(createHunt(ORGANIZER, venue, organizersDevice).status()).isEqualTo(201);
        assertThat(createHunt(ORGANIZER, venue, null).status()).isEqualTo(201);
    }
}
