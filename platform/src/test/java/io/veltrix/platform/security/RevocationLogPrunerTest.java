package io.veltrix.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevocationLogPrunerTest {

    @Test
    void aRetentionShorterThanATokenCacheCanRememberATokenIsRefused() {
        assertThat(RevocationLogPruner.minimumRetention())
                .isEqualTo(PlayerTokenCache.MAX_AGE.plus(PlayerTokenCache.OVERLAP));
        assertThatThrownBy(() -> new RevocationLogPruner(age -> 0, PlayerTokenCache.MAX_AGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("player-token-revocation-retention");
    }

    @Test
    void itAsksTheLogToForgetWhatIsOlderThanTheRetention() {
        List<Duration> asked = new ArrayList<>();
        RevocationLogPruner pruner = new RevocationLogPruner(age -> {
            asked.add(age);
            return 3;
        }, Duration.ofHours(1));
        assertThat(pruner.prune()).isEqualTo(3);
        assertThat(asked).containsExactly(Duration.ofHours(1));
    }

    @Test
    void aDatabaseAwayLeavesTheEntriesForTheNextRun() {
        RevocationLogPruner pruner = new RevocationLogPruner(age -> {
            throw new IllegalStateException("connection refused");
        }, Duration.ofHours(1));
        assertThat(pruner.prune()).isZero();
    }
}
