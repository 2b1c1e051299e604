package io.veltrix.command.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.api.rule.RuleViolation;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** Which failures of an item are lost races, decided again on their own after the batch's commit. */
class GroupCommitConflictTest {

    @Test
    void anAggregateLockGivenUpOnIsAConflictDecidedAgain() {
        // two lanes locking the same two aggregates in opposite order: Axon refuses one of them
        assertThat(GroupCommit.isConflict(new IllegalStateException("wrapped",
                new DeadlockException("an imminent deadlock was detected")))).isTrue();
        assertThat(GroupCommit.isConflict(new ConcurrencyException("sequence taken"))).isTrue();
    }

    @Test
    void aRuleThatSaysNoIsNoConflict() {
        assertThat(GroupCommit.isConflict(RuleViolation.conflict("team-full", "the team is full"))).isFalse();
    }
}
