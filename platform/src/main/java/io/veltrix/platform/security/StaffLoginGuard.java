package io.veltrix.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.security.core.AuthenticationException;

/**
 * Limits password guessing against the staff accounts and the CPU it costs. A client address
 * with {@code maxFailures} failed staff logins within {@code window} is refused (429 with
 * Retry-After) until the window has passed, before any password check. A login presenting a valid
 * device credential of its account ({@link DeviceCredentials}) is not counted or refused per address
 * but per device, after {@code maxDeviceFailures}: whoever shares the organizer's address without
 * that credential cannot lock the organizer's device out. An account with {@code maxAccountFailures}
 * failed logins without a trusted device within {@code window}, from any addresses (guessing spread
 * over many), is refused to clients without one until the window has passed; its trusted devices
 * still log in, so an attacker cannot lock the organizer out mid-hunt. At most
 * {@code concurrentChecks} BCrypt checks run at a time across all accounts, so bad logins cannot
 * keep the cores busy, and a login waiting longer than a second for its turn is answered 503.
 * Logins already verified within the staff-login cache skip all of this.
 */
public final class StaffLoginGuard {

    private final int maxFailures;
    private final int maxDeviceFailures;
    private final int maxAccountFailures;
    private final Duration window;
    private final Cache<String, AtomicInteger> failures;
    private final Cache<String, AtomicInteger> deviceFailures;
    private final Cache<String, AtomicInteger> accountFailures;
    private final Semaphore checks;

    public StaffLoginGuard(int maxFailures, int maxDeviceFailures, int maxAccountFailures, Duration window,
                           int concurrentChecks) {
        this.maxFailures = maxFailures;
        this.maxDeviceFailures = maxDeviceFailures;
        this.maxAccountFailures = maxAccountFailures;
        this.window = window;
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window).build();
        this.deviceFailures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window).build();
        this.accountFailures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window).build();
        this.checks = new Semaphore(Math.max(1, concurrentChecks), true);
    }

    /**
     * Refuses a login while what it is counted by has used up its failures: the trusted device
     * {@code device} (an id from a valid device credential of the account) when it has one, else
     * {@code address} and the {@code account} it names.
     */
    void admit(String address, String device, String account) {
        if (device != null) {
            AtomicInteger failed = deviceFailures.getIfPresent(device);
            if (failed != null && failed.get() >= maxDeviceFailures) {
                throw new Refused("too many failed staff logins with this device credential; try again later",
                        window.toSeconds(), true);
            }
            return;
        }
        AtomicInteger failed = address == null ? null : failures.getIfPresent(address);
        if (failed != null && failed.get() >= maxFailures) {
            throw new Refused("too many failed staff logins from this address; try again later",
                    window.toSeconds(), true);
        }
        AtomicInteger accountFailed = accountFailures.getIfPresent(accountKey(account));
        if (accountFailed != null && accountFailed.get() >= maxAccountFailures) {
            throw new Refused("too many failed logins to this account from devices it has not logged in from;"
                    + " log in from one it has, or try again later", window.toSeconds(), true);
        }
    }

    /** Runs one password check when a place is free, waiting at most a second for it. */
    <T> T check(Supplier<T> passwordCheck) {
        boolean acquired;
        try {
            acquired = checks.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new Refused("too many staff logins being checked; try again shortly", 1, false);
        }
        try {
            return passwordCheck.get();
        } finally {
            checks.release();
        }
    }

    /**
     * Counts a failed login against its trusted {@code device} when it has one, else against
     * {@code address} and the {@code account} it names; each window starts with its first failure.
     */
    void failed(String address, String device, String account) {
        if (device != null) {
            deviceFailures.get(device, d -> new AtomicInteger()).incrementAndGet();
            return;
        }
        if (address != null) {
            failures.get(address, a -> new AtomicInteger()).incrementAndGet();
        }
        accountFailures.get(accountKey(account), a -> new AtomicInteger()).incrementAndGet();
    }

    /** Account names match ignoring case, as logins do. */
    private static String accountKey(String account) {
        return String.valueOf(account).toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A staff login refused before its password was checked: 429 when the address, the account (for
     * clients without a trusted device) or the device used up its failures, 503 when the checks are busy; Retry-After in {@link #retryAfterSeconds()}.
     */
    public static final class Refused extends AuthenticationException {

        private final long retryAfterSeconds;
        private final boolean tooManyFailures;

        public Refused(String message, long retryAfterSeconds, boolean tooManyFailures) {
            super(message);
            this.retryAfterSeconds = retryAfterSeconds;
            this.tooManyFailures = tooManyFailures;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        public boolean tooManyFailures() {
            return tooManyFailures;
        }
    }
}
