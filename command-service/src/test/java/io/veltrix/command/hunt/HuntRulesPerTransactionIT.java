package io.veltrix.command.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntPublished;
import io.veltrix.api.hunt.HuntStatus;
import io.veltrix.command.CommandServiceIT;
import org.axonframework.common.transaction.TransactionManager;
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

    @Test
    void aTransactionReadsTheRulesOnceAndAgainAfterItsOwnWrite() {
        HuntId hunt = new HuntId(createHunt("{\"name\":\"Rules\"}"));
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.attachTransaction(transactions);
        batch.execute(() -> {
            assertThat(status(hunt)).isEqualTo(HuntStatus.DRAFT);
            // another transaction's change is not read again within this one (one read per transaction)
            superuser().sql("UPDATE hunt_state SET max_wrong_attempts = max_wrong_attempts + 7 WHERE hunt_id = ?")
                    .param(hunt.value()).update();
            int before = hunts.rules(hunt).orElseThrow().maxWrongAttempts();
            assertThat(nestedRead(hunt)).as("a nested unit of work shares the batch's read").isEqualTo(before);
            // this transaction's own write to the row is
            tables.on(new HuntPublished(hunt, 1, "test"));
            assertThat(status(hunt)).isEqualTo(HuntStatus.PUBLISHED);
            assertThat(hunts.rules(hunt).orElseThrow().maxWrongAttempts()).isEqualTo(before + 7);
        });
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
