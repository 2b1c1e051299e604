package io.veltrix.query.audit;

import io.veltrix.api.hunt.HuntEnded;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.query.Projections;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes a hunt's checkpoint when its scoreboard freezes and when it ends. Runs with the audit index,
 * which no projection replay runs again; the checkpoint is taken after the index batch commits, in
 * a transaction of its own, so a failure to sign never parks the hunt's events (an auditor can
 * still take one on demand) and the batch does not wait for the heads query.
 */
@Component
@ProcessingGroup(Projections.AUDIT_INDEX)
class CheckpointTriggers {

    private static final Logger log = LoggerFactory.getLogger(CheckpointTriggers.class);

    private final Checkpoints checkpoints;

    CheckpointTriggers(Checkpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @EventHandler
    void on(ScoreboardFrozen e) {
        afterCommit(e.huntId().value(), Checkpoints.AT_FREEZE);
    }

    @EventHandler
    void on(HuntEnded e) {
        afterCommit(e.huntId().value(), Checkpoints.AT_END);
    }

    private void afterCommit(String huntId, String trigger) {
        CurrentUnitOfWork.get().root().afterCommit(uow -> {
            try {
                checkpoints.takeOnce(huntId, trigger);
            } catch (RuntimeException e) {
                log.warn("no {} checkpoint of hunt {}: {}", trigger, huntId, e.toString());
            }
        });
    }
}
