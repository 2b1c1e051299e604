package io.veltrix.command.organizer;

import io.veltrix.api.organizer.CreateOrganizerAccount;
import io.veltrix.api.organizer.OrganizerAccountCreated;
import io.veltrix.api.rule.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An organizer account's event carries a BCrypt hash and never a password. */
class OrganizerAccountTest {

    private static final String HASH = "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z3ZPpMCwJHmZzKz5F6yYuP9a";

    private AggregateTestFixture<OrganizerAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrganizerAccount.class);
    }

    @Test
    void anAccountIsOpenedWithItsHashAndTheAdminWhoOpenedIt() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrganizerAccount("a1", "alice", HASH, "adm"))
                .expectEvents(new OrganizerAccountCreated("a1", "alice", HASH, "adm"));
    }

    @Test
    void aPasswordThatIsNotABcryptHashNeverReachesAnEvent() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrganizerAccount("a1", "alice", "plain password of alice", "adm"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void theEventsTextLeavesTheHashOut() {
        String text = new OrganizerAccountCreated("a1", "alice", HASH, "adm").toString();
        org.assertj.core.api.Assertions.assertThat(text).contains("alice", "adm").doesNotContain(HASH);
    }
}
