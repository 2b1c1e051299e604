package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlayerPacerTest {

    @Test
    void aPlayerGetsItsBurstThenTheSustainedRate() {
        PlayerPacer p = new PlayerPacer(2, 10, 3, 0);
        assertTrue(p.tryAcquire(0, 0));
        assertTrue(p.tryAcquire(0, 0));
        assertTrue(p.tryAcquire(0, 0));
        assertFalse(p.tryAcquire(0, 0));
        assertTrue(p.tryAcquire(1, 0), "buckets are per player");
        assertFalse(p.tryAcquire(0, 99_000_000L));
        assertTrue(p.tryAcquire(0, 100_000_000L), "one token per 1/rate seconds");
        assertFalse(p.tryAcquire(0, 100_000_000L));
    }

    @Test
    void aQuietPlayerRefillsOnlyUpToTheBurst() {
        PlayerPacer p = new PlayerPacer(1, 10, 2, 0);
        long later = 60_000_000_000L;
        assertTrue(p.tryAcquire(0, later));
        assertTrue(p.tryAcquire(0, later));
        assertFalse(p.tryAcquire(0, later));
    }
}
