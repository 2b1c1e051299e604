package io.veltrix.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device credentials for staff logins: after a staff member's password was accepted, the service
 * hands the client a credential naming a random device id and an expiry, bound to the account by
 * an HMAC under {@code VELTRIX_DEVICE_KEY} (both services hold the same key, so one issued by either
 * is honoured by both). A login presenting a valid one for its own account is spared the
 * per-address lockout and throttled by its device's own failures instead, so someone sharing the
 * organizer's address (a venue's NAT) cannot keep the organizer's known devices out. The credential
 * proves nothing on its own: the password is still checked. It travels in the
 * {@value #HEADER} header, never a cookie: the console reaches the command service by CORS without
 * credentials, and a header a page must set itself is nothing another site's page can send.
 */
public final class DeviceCredentials {

    private static final Logger log = LoggerFactory.getLogger(DeviceCredentials.class);

    /** The request header a client presents its credential in, and the response header a new one comes in. */
    public static final String HEADER = "Veltrix-Device";
    private static final String VERSION = "vxd1";
    private static final int MIN_KEY_BYTES = 32;
    private static final int DEVICE_ID_BYTES = 16;
    /** Longer than any credential this class issues; anything longer is not read at all. */
    private static final int MAX_LENGTH = 128;
    private static final Pattern SHAPE = Pattern.compile("vxd1\\.[A-Za-z0-9_-]{22}\\.[0-9]{1,12}\\.[A-Za-z0-9_-]{43}");

    /** A device a valid credential names, and until when the credential holds. */
    public record Device(String id, Instant expiresAt) {
    }

    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DeviceCredentials(byte[] key, Duration ttl, Clock clock) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("VELTRIX_DEVICE_KEY must hold at least " + MIN_KEY_BYTES + " bytes");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalStateException("veltrix.security.staff-login.device-credential-ttl must be positive");
        }
        this.key = key.clone();
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * From configuration: a base64 key of at least 32 bytes; without one, a key made for this run
     * only (warned): credentials then hold on this instance until it stops, and on no other.
     */
    public static DeviceCredentials configured(String base64Key, Duration ttl) {
        byte[] key;
        if (base64Key == null || base64Key.isBlank()) {
            key = new byte[MIN_KEY_BYTES];
            new SecureRandom().nextBytes(key);
            log.warn("VELTRIX_DEVICE_KEY is not set: staff device credentials hold on this instance until it stops only");
        } else {
            try {
                key = Base64.getDecoder().decode(base64Key.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("VELTRIX_DEVICE_KEY is not valid base64", e);
            }
        }
        return new DeviceCredentials(key, ttl, Clock.systemUTC());
    }

    /** A new credential for a device of {@code username}, valid for the configured time. */
    public String issue(String username) {
        byte[] id = new byte[DEVICE_ID_BYTES];
        random.nextBytes(id);
        String deviceId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        long expires = clock.instant().plus(ttl).getEpochSecond();
        return VERSION + "." + deviceId + "." + expires + "." + mac(deviceId, expires, username);
    }

    /**
     * The device {@code presented} names, if it is a credential this key issued for {@code username}
     * and has not expired; empty for none, a malformed, forged or expired one, or another account's.
     */
    public Optional<Device> verify(String presented, String username) {
        if (presented == null || username == null || presented.length() > MAX_LENGTH
                || !SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        String[] parts = presented.split("\\.");
        long expires = Long.parseLong(parts[2]);
        byte[] expected = mac(parts[1], expires, username).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochSecond(expires);
        return clock.instant().isBefore(expiresAt) ? Optional.of(new Device(parts[1], expiresAt)) : Optional.empty();
    }

    /** Whether a valid credential is past half its life, so the client should get a fresh one. */
    public boolean dueForRenewal(Device device) {
        return clock.instant().plus(ttl.dividedBy(2)).isAfter(device.expiresAt());
    }

    private String mac(String deviceId, long expires, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] message = (VERSION + '\u0000' + deviceId + '\u0000' + expires + '\u0000' + username)
                    .getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
