package io.veltrix.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.Checkpoint;
import io.veltrix.api.audit.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes, keeps and reads hunts' signed checkpoints: the heads of a hunt's streams as the event store
 * holds them, signed with the {@link CheckpointKey}. Numbered per hunt from 1; a hunt's checkpoints
 * are taken one at a time (a transaction-scoped advisory lock on the hunt), so numbers never clash
 * between instances.
 */
@Component
public class Checkpoints {

    /** Why a checkpoint was taken. */
    public static final String AT_FREEZE = "freeze";
    public static final String AT_END = "end";
    public static final String ON_DEMAND = "on-demand";

    private final AuditTrail trail;
    private final CheckpointKey key;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json = CanonicalJson.mapper();

    Checkpoints(AuditTrail trail, CheckpointKey key, JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.trail = trail;
        this.key = key;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A checkpoint with who asked for it: the staff account, or null when the hunt's freeze or end took it. */
    public record Taken(Checkpoint checkpoint, String takenBy) {
    }

    /** Takes a checkpoint now; {@code takenBy} is the staff account asking, null when an event triggers it. */
    public Checkpoint take(String huntId, String trigger, String takenBy) {
        return transaction.execute(status -> {
            lock(huntId);
            long number = jdbc.sql("SELECT coalesce(max(number), 0) + 1 FROM hunt_checkpoint WHERE hunt_id = :hunt")
                    .param("hunt", huntId).query(Long.class).single();
            List<Checkpoint.Head> heads = trail.heads(huntId).stream()
                    .map(Checkpoints::head)
                    .toList();
            Checkpoint checkpoint = Checkpoint.sign(huntId, number, trigger, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    heads, key.privateKey(), key.publicKey());
            jdbc.sql("""
                            INSERT INTO hunt_checkpoint (hunt_id, number, trigger, document, taken_by)
                            VALUES (:hunt, :number, :trigger, :document, :takenBy)
                            """)
                    .param("hunt", huntId).param("number", number).param("trigger", trigger)
                    .param("document", write(checkpoint)).param("takenBy", takenBy).update();
            return checkpoint;
        });
    }

    /** Takes a checkpoint unless the hunt already has one for this reason (freeze and end come once). */
    public Optional<Checkpoint> takeOnce(String huntId, String trigger) {
        boolean taken = jdbc.sql("SELECT EXISTS (SELECT 1 FROM hunt_checkpoint WHERE hunt_id = :hunt AND trigger = :trigger)")
                .param("hunt", huntId).param("trigger", trigger).query(Boolean.class).single();
        return taken ? Optional.empty() : Optional.of(take(huntId, trigger, null));
    }

    /** The hunt's checkpoints, oldest first, heads included. */
    public List<Checkpoint> of(String huntId) {
        return jdbc.sql("SELECT number, document FROM hunt_checkpoint WHERE hunt_id = :hunt ORDER BY number")
                .param("hunt", huntId).query((rs, n) -> read(huntId, rs.getLong(1), rs.getBytes(2))).list();
    }

    /** The hunt's checkpoints, oldest first, each with the account that asked for it (for staff). */
    public List<Taken> takenOf(String huntId) {
        return jdbc.sql("SELECT number, document, taken_by FROM hunt_checkpoint WHERE hunt_id = :hunt ORDER BY number")
                .param("hunt", huntId)
                .query((rs, n) -> new Taken(read(huntId, rs.getLong(1), rs.getBytes(2)), rs.getString(3))).list();
    }

    public Optional<Checkpoint> get(String huntId, long number) {
        return jdbc.sql("SELECT document FROM hunt_checkpoint WHERE hunt_id = :hunt AND number = :number")
                .param("hunt", huntId).param("number", number).query((rs, n) -> read(huntId, number, rs.getBytes(1)))
                .optional();
    }

    private void lock(String huntId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('hunt_checkpoint'), hashtext(:hunt))")
                .param("hunt", huntId).query((rs, n) -> 1).single();
    }

    private static Checkpoint.Head head(StoredEvent last) {
        return new Checkpoint.Head(last.aggregateId(), last.sequence(), last.hash());
    }

    private byte[] write(Checkpoint checkpoint) {
        try {
            return json.writeValueAsBytes(checkpoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stored document; one that no longer reads (only tampering makes one) as a checkpoint that fails its check. */
    private Checkpoint read(String huntId, long number, byte[] document) {
        try {
            return json.readValue(document, Checkpoint.class);
        } catch (IOException e) {
            return new Checkpoint(huntId, number, null, null, null, null, null, List.of());
        }
    }
}
