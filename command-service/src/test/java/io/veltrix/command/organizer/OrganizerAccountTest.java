package io.veltrix.command.organizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.veltrix.api.organizer.ChangeOwnPassword;
import io.veltrix.api.organizer.CreateOrganizerAccount;
import io.veltrix.api.organizer.DisableOrganizerAccount;
import io.veltrix.api.organizer.EnableOrganizerAccount;
import io.veltrix.api.organizer.OrganizerAccountDisabled;
import io.veltrix.api.organizer.OrganizerAccountEnabled;
import io.veltrix.api.organizer.OrganizerPasswordChanged;
import io.veltrix.api.organizer.ResetOrganizerPassword;
import io.veltrix.api.organizer.OrganizerAccountCreated;
import io.veltrix.api.rule.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * An organizer account's events carry a BCrypt hash and never a password; it is disabled and
 * enabled once each way, and its owner changes its password only with the current one.
 */
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

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);
    private static final String PASSWORD = "tq8-Werx-31zk-Pow";
    private static final String NEW_HASH = "$2a$10$Kx0lq3bq9ZsJc4Lk2r1m1uQ7c5aYQm7wS3oYvWb9mW3wH8pF1n2q6";

    private OrganizerAccountCreated created(String hash) {
        return new OrganizerAccountCreated("a1", "alice", hash, "adm");
    }

    @Test
    void anAdminDisablesAnAccountOnceAndEnablesItOnce() {
        fixture.given(created(HASH))
                .when(new DisableOrganizerAccount("a1", "adm"))
                .expectEvents(new OrganizerAccountDisabled("a1", "alice", "adm"));
        fixture.given(created(HASH), new OrganizerAccountDisabled("a1", "alice", "adm"))
                .when(new DisableOrganizerAccount("a1", "adm"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("already disabled"))
                .expectNoEvents();
        fixture.given(created(HASH), new OrganizerAccountDisabled("a1", "alice", "adm"))
                .when(new EnableOrganizerAccount("a1", "root"))
                .expectEvents(new OrganizerAccountEnabled("a1", "alice", "root"));
        fixture.given(created(HASH))
                .when(new EnableOrganizerAccount("a1", "adm"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anAdminResetsThePasswordToAHashOnlyEvenOfADisabledAccount() {
        fixture.given(created(HASH), new OrganizerAccountDisabled("a1", "alice", "adm"))
                .when(new ResetOrganizerPassword("a1", NEW_HASH, "adm"))
                .expectEvents(new OrganizerPasswordChanged("a1", "alice", NEW_HASH, "adm"));
        fixture.given(created(HASH))
                .when(new ResetOrganizerPassword("a1", "the new password in plain", "adm"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anOrganizerChangesItsOwnPasswordOnlyWithTheCurrentOne() {
        fixture.registerInjectableResource(BCRYPT);
        String current = BCRYPT.encode(PASSWORD);
        fixture.given(created(current))
                .when(new ChangeOwnPassword("a1", PASSWORD, NEW_HASH))
                .expectEvents(new OrganizerPasswordChanged("a1", "alice", NEW_HASH, "alice"));
        fixture.given(created(current))
                .when(new ChangeOwnPassword("a1", PASSWORD + "x", NEW_HASH))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(containsString("currentPassword"))
                .expectNoEvents();
        // after a reset the old password is no longer the current one
        fixture.given(created(current), new OrganizerPasswordChanged("a1", "alice", BCRYPT.encode("another-9Qz-secret"), "adm"))
                .when(new ChangeOwnPassword("a1", PASSWORD, NEW_HASH))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void thePasswordChangesTextLeavesTheHashAndThePasswordOut() {
        assertThat(new OrganizerPasswordChanged("a1", "alice", NEW_HASH, "adm").toString()).doesNotContain(NEW_HASH);
        assertThat(new ChangeOwnPassword("a1", PASSWORD, NEW_HASH).toString()).doesNotContain(PASSWORD, NEW_HASH);
        assertThat(new ResetOrganizerPassword("a1", NEW_HASH, "adm").toString()).doesNotContain(NEW_HASH);
    }
}
