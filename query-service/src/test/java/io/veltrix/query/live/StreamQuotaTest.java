package io.veltrix.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veltrix.api.rule.RuleViolation;
import org.junit.jupiter.api.Test;

class StreamQuotaTest {

    @Test
    void oneAddressGets429BeyondItsShareAndEveryoneGets503BeyondTheTotal() {
        StreamQuota quota = new StreamQuota(3, 2);
        Runnable first = quota.acquire("10.0.0.1");
        quota.acquire("10.0.0.1");
        assertThatThrownBy(() -> quota.acquire("10.0.0.1")).isInstanceOfSatisfying(RuleViolation.class,
                v -> assertThat(v.kind()).isEqualTo(RuleViolation.Kind.TOO_MANY_REQUESTS));

        quota.acquire("10.0.0.2");
        assertThatThrownBy(() -> quota.acquire("10.0.0.3")).isInstanceOfSatisfying(RuleViolation.class, v -> {
            assertThat(v.kind()).isEqualTo(RuleViolation.Kind.UNAVAILABLE);
            assertThat(v.retryAfterSeconds()).isPositive();
        });

        first.run();
        first.run(); // a second release gives nothing back twice
        assertThat(quota.open()).isEqualTo(2);
        quota.acquire("10.0.0.1");
        assertThatThrownBy(() -> quota.acquire("10.0.0.3")).isInstanceOf(RuleViolation.class);
    }
}
