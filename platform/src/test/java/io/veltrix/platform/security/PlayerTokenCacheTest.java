package io.veltrix.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** A remembered token stops working once the revocation log names it, after at most one poll interval. */
class PlayerTokenCacheTest {

    private record Revocation(Instant at, String tokenHash) {
    }

    private final Map<String, PlayerPrincipal> stored = new ConcurrentHashMap<>();
    private final List<Revocation> log = new ArrayList<>();
    private final List<Instant> readsFrom = new ArrayList<>();
    private Instant databaseNow = Instant.parse("2030-01-01T10:00:00Z");

    /** The log read on the calling thread, so each step below sees the read it triggered. */
    private PlayerTokenCache cache(Duration poll) {
        return cache(poll, Runnable::run);
    }

    private PlayerTokenCache cache(Duration poll, Executor reads) {
        return new PlayerTokenCache(hash -> Optional.ofNullable(stored.get(hash)), since -> {
            readsFrom.add(since);
            return new TokenRevocations.Revoked(databaseNow,
                    log.stream().filter(r -> r.at().isAfter(since)).map(Revocation::tokenHash).toList());
        }, 100, poll, reads);
    }

    @Test
    void theLogIsReadOffTheRequestsPathSoAnAbsentDatabaseCostsTheRequestNothing() {
        List<Runnable> handedOver = new ArrayList<>();
        PlayerTokenCache cache = cache(Duration.ZERO, handedOver::add);
        stored.put(PlayerTokens.hash("vxp_dave"), new PlayerPrincipal("dave", "h"));
        assertThat(cache.find("vxp_dave")).isPresent();
        assertThat(readsFrom).as("the request did not read the log itself").isEmpty();
        assertThat(handedOver).hasSize(1);
        assertThat(cache.find("vxp_dave")).isPresent();
        assertThat(handedOver).as("one read at a time").hasSize(1);
        revoke("vxp_dave");
        handedOver.get(0).run();
        assertThat(cache.find("vxp_dave")).as("forgotten by that read").isEmpty();
    }

    private void revoke(String token) {
        stored.remove(PlayerTokens.hash(token));
        log.add(new Revocation(databaseNow, PlayerTokens.hash(token)));
    }

    @Test
    void aRevokedTokenIsForgottenAtTheNextReadOfTheLog() {
        PlayerTokenCache cache = cache(Duration.ZERO);
        stored.put(PlayerTokens.hash("vxp_alice"), new PlayerPrincipal("alice", "h"));
        assertThat(cache.find("vxp_alice")).isPresent();
        databaseNow = databaseNow.plusSeconds(1);
        revoke("vxp_alice");
        assertThat(cache.find("vxp_alice")).isEmpty();
    }

    @Test
    void withoutAReadOfTheLogTheCacheWouldStillAcceptIt() {
        PlayerTokenCache cache = cache(Duration.ofHours(1));
        stored.put(PlayerTokens.hash("vxp_bob"), new PlayerPrincipal("bob", "h"));
        assertThat(cache.find("vxp_bob")).isPresent();
        revoke("vxp_bob");
        // within the interval the remembered token still passes: the interval is the documented bound
        assertThat(cache.find("vxp_bob")).isPresent();
    }

    @Test
    void eachReadGoesBackBeforeThePreviousSoALateCommitIsNotMissed() {
        PlayerTokenCache cache = cache(Duration.ZERO);
        stored.put(PlayerTokens.hash("vxp_carol"), new PlayerPrincipal("carol", "h"));
        assertThat(cache.find("vxp_carol")).isPresent();
        Instant started = databaseNow;
        databaseNow = databaseNow.plusSeconds(5);
        assertThat(cache.find("vxp_carol")).isPresent();
        // a revocation whose transaction began before the last read, committed after it
        stored.remove(PlayerTokens.hash("vxp_carol"));
        log.add(new Revocation(started.plusSeconds(1), PlayerTokens.hash("vxp_carol")));
        assertThat(cache.find("vxp_carol")).isEmpty();
        assertThat(readsFrom.get(readsFrom.size() - 1)).isEqualTo(databaseNow.minus(PlayerTokenCache.OVERLAP));
    }
}
