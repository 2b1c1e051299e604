package io.veltrix.command.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntPublished;
import io.veltrix.api.hunt.HuntStatus;
import io.veltrix.command.CommandServiceIT;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A hunt's rules are read once per transaction (the finds of a group-commit batch share the read),
 * yet a write to the hunt's row in that transaction is seen by the next read.
 */
class HuntRulesPerTransactionIT extends CommandServiceIT {

    @Autowired
    HuntDirectory hunts;
    @Autowired
    HuntTables tables;
    @Autowired
    TransactionManager transactions;

    /** What one transaction read, in order. */
    private record Reads(HuntStatus first, int beforeOwnWrite, int nested, HuntStatus afterOwnWrite,
                         int attemptsAfterOwnWrite) {
    }

    @Test
    void aTransactionReadsTheRulesOnceAndAgainAfterItsOwnWrite() {
        HuntId hunt = new HuntId(createHunt("{\"name\":\"Rules\"}"));
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.attachTransaction(transactions);
        ResultMessage<Reads> result = batch.executeWithResult(() -> {
            HuntStatus first = status(hunt);
            // another transaction's change, committed meanwhile
            superuser().sql("UPDATE command.hunt_state SET max_wrong_attempts = max_wrong_attempts + 7 WHERE hunt_id = ?")
                    .param(hunt.value()).update();
            int before = hunts.rules(hunt).orElseThrow().maxWrongAttempts();
            int nested = nestedRead(hunt);
            tables.on(new HuntPublished(hunt, 1, "test"));
            return new Reads(first, before, nested, status(hunt), hunts.rules(hunt).orElseThrow().maxWrongAttempts());
        });
        assertThat(result.isExceptional()).as("%s", result.optionalExceptionResult()).isFalse();
        Reads reads = result.getPayload();
        assertThat(reads.first()).isEqualTo(HuntStatus.DRAFT);
        assertThat(reads.nested()).as("a nested unit of work shares the transaction's read").isEqualTo(reads.beforeOwnWrite());
        assertThat(reads.afterOwnWrite()).as("the transaction's own write is read").isEqualTo(HuntStatus.PUBLISHED);
        assertThat(reads.attemptsAfterOwnWrite()).as("read once until then: the other transaction's change shows only now")
                .isEqualTo(reads.beforeOwnWrite() + 7);
    }

    private HuntStatus status(HuntId hunt) {
        return hunts.rules(hunt).orElseThrow().status();
    }

    private int nestedRead(HuntId hunt) {
        UnitOfWork<?> item = DefaultUnitOfWork.startAndGet(null);
        try {
            return hunts.rules(hunt).orElseThrow().maxWrongAttempts();
        } finally {
            item.commit();
        }
    }
}
