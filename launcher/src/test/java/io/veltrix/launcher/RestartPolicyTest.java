package io.veltrix.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void pausesDoubleWithEachCrashOfTheLastMinuteUpToThirtySeconds() {
        RestartPolicy policy = new RestartPolicy(10);
        long now = 1_000 * SECOND;

        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.onCrash(now));
        assertEquals(Optional.of(Duration.ofSeconds(2)), policy.onCrash(now + 2 * SECOND));
        assertEquals(Optional.of(Duration.ofSeconds(4)), policy.onCrash(now + 5 * SECOND));
        assertEquals(Optional.of(Duration.ofSeconds(8)), policy.onCrash(now + 10 * SECOND));
        assertEquals(Optional.of(Duration.ofSeconds(16)), policy.onCrash(now + 19 * SECOND));
        assertEquals(Optional.of(Duration.ofSeconds(30)), policy.onCrash(now + 36 * SECOND));
        assertEquals(Optional.of(Duration.ofSeconds(30)), policy.onCrash(now + 40 * SECOND));
    }

    @Test
    void aCrashAfterAQuietMinuteStartsOverAtOneSecond() {
        RestartPolicy policy = new RestartPolicy(5);
        long now = 1_000 * SECOND;
        policy.onCrash(now);
        policy.onCrash(now + SECOND);

        assertEquals(Optional.of(Duration.ofSeconds(1)), policy.onCrash(now + 200 * SECOND));
        assertEquals(1, policy.recentCrashes());
    }

    @Test
    void moreCrashesWithinAMinuteThanTheLimitGiveUp() {
        RestartPolicy policy = new RestartPolicy(3);
        long now = 1_000 * SECOND;

        assertTrue(policy.onCrash(now).isPresent());
        assertTrue(policy.onCrash(now + 10 * SECOND).isPresent());
        assertTrue(policy.onCrash(now + 20 * SECOND).isPresent());
        assertEquals(Optional.empty(), policy.onCrash(now + 30 * SECOND));
    }

    @Test
    void aLimitOfZeroNeverRestarts() {
        assertEquals(Optional.empty(), new RestartPolicy(0).onCrash(SECOND));
    }
}
