package io.veltrix.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A device credential holds for the account it was issued to, until it expires, under its key only. */
class DeviceCredentialsTest {

    private static final byte[] KEY = filled(7);
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    private static DeviceCredentials at(Instant now, byte[] key) {
        return new DeviceCredentials(key, Duration.ofDays(30), Clock.fixed(now, ZoneOffset.UTC));
    }

    private final DeviceCredentials devices = at(NOW, KEY);

    @Test
    void aCredentialNamesADeviceOfTheAccountItWasIssuedToAndEachIssueIsAnotherDevice() {
        String first = devices.issue("alice");
        String second = devices.issue("alice");
        assertThat(devices.verify(first, "alice")).get()
                .satisfies(device -> assertThat(device.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30))));
        assertThat(devices.verify(second, "alice").orElseThrow().id())
                .isNotEqualTo(devices.verify(first, "alice").orElseThrow().id());
        assertThat(first).doesNotContain("alice");
    }

    @Test
    void anotherAccountsCredentialIsNotHonoured() {
        assertThat(devices.verify(devices.issue("alice"), "bob")).isEmpty();
        assertThat(devices.verify(devices.issue("alice"), "Alice")).isEmpty();
    }

    @Test
    void aForgedCredentialIsNotHonoured() {
        String genuine = devices.issue("alice");
        String[] parts = genuine.split("\\.");
        // a later expiry, another device id, a signature under another key, a flipped signature character
        String extended = parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400) + "." + parts[3];
        String otherDevice = parts[0] + "." + "A".repeat(22) + "." + parts[2] + "." + parts[3];
        String otherKey = at(NOW, filled(8)).issue("alice");
        char last = parts[3].charAt(parts[3].length() - 1);
        String flipped = genuine.substring(0, genuine.length() - 1) + (last == 'A' ? 'B' : 'A');
        for (String forged : new String[] {extended, otherDevice, otherKey, flipped}) {
            assertThat(devices.verify(forged, "alice")).as(forged).isEmpty();
        }
    }

    @Test
    void anExpiredCredentialIsNotHonouredAndOnePastHalfItsLifeIsDueForRenewal() {
        String credential = devices.issue("alice");
        DeviceCredentials tenDaysOn = at(NOW.plus(Duration.ofDays(10)), KEY);
        DeviceCredentials twentyDaysOn = at(NOW.plus(Duration.ofDays(20)), KEY);
        DeviceCredentials expired = at(NOW.plus(Duration.ofDays(30)), KEY);
        assertThat(tenDaysOn.dueForRenewal(tenDaysOn.verify(credential, "alice").orElseThrow())).isFalse();
        assertThat(twentyDaysOn.dueForRenewal(twentyDaysOn.verify(credential, "alice").orElseThrow())).isTrue();
        assertThat(expired.verify(credential, "alice")).isEmpty();
    }

    @Test
    void malformedCredentialsAreNotHonouredAndThrowNothing() {
        for (String malformed : new String[] {"", "vxd1", "vxd1...", "vxd1.a.b.c", "Bearer x", "vxd1." + "a".repeat(500),
                devices.issue("alice") + ".", "vxd1.AAAAAAAAAAAAAAAAAAAAAA.99999999999999999999.AAAA"}) {
            assertThat(devices.verify(malformed, "alice")).as(malformed).isEmpty();
        }
        assertThat(devices.verify(null, "alice")).isEmpty();
    }

    @Test
    void aShortKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> new DeviceCredentials(new byte[16], Duration.ofDays(1), Clock.systemUTC()))
                .hasMessageContaining("VELTRIX_DEVICE_KEY");
        assertThatThrownBy(() -> DeviceCredentials.configured("not base64!", Duration.ofDays(1)))
                .hasMessageContaining("VELTRIX_DEVICE_KEY");
    }
}
