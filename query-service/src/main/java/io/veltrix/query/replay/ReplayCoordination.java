package io.veltrix.query.replay;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Replays across query-service instances, through one row per projection in
 * {@code projection_replay}: at most one instance replays a projection at a time, it renews its
 * row while it does, and the others see which projections another instance is rebuilding.
 */
@Component
class ReplayCoordination {

    private final JdbcClient jdbc;
    private final Duration lease;
    /** This instance, as its rows name it. */
    final String node = UUID.randomUUID().toString();

    ReplayCoordination(JdbcClient jdbc, @Value("${veltrix.replay.lease:10s}") Duration lease) {
        this.jdbc = jdbc;
        this.lease = lease;
    }

    /**
     * Takes the projection's replay for this instance, recording the staff account that asked;
     * false when another instance's replay is live.
     */
    boolean begin(String projection, String requestedBy) {
        return jdbc.sql("""
                INSERT INTO projection_replay (projection, node, state, requested_at, renewed_at, requested_by)
                VALUES (?, ?, 'RUNNING', now(), now(), ?)
                ON CONFLICT (projection) DO UPDATE
                    SET node = excluded.node, state = 'RUNNING', requested_at = now(), renewed_at = now(),
                        requested_by = excluded.requested_by
                    WHERE projection_replay.state = 'DONE' OR projection_replay.node = excluded.node
                       OR projection_replay.renewed_at < now() - make_interval(secs => ?)
                """).params(projection, node, requestedBy, lease.toMillis() / 1000.0).update() == 1;
    }

    /** Keeps this instance's running replays live for another lease. */
    void renew(Set<String> projections) {
        for (String projection : projections) {
            jdbc.sql("UPDATE projection_replay SET renewed_at = now() WHERE projection = ? AND node = ? AND state = 'RUNNING'")
                    .params(projection, node).update();
        }
    }

    void finish(String projection) {
        jdbc.sql("UPDATE projection_replay SET state = 'DONE', renewed_at = now() WHERE projection = ? AND node = ?")
                .params(projection, node).update();
    }

    /** Projections another instance is replaying now (its row running and renewed within the lease). */
    Set<String> replayingElsewhere() {
        return new TreeSet<>(jdbc.sql("""
                SELECT projection FROM projection_replay
                WHERE state = 'RUNNING' AND node <> ? AND renewed_at >= now() - make_interval(secs => ?)
                """).params(node, lease.toMillis() / 1000.0).query(String.class).list());
    }

    /** Who asked for the projection's latest replay, on whichever instance; null if no one or unknown. */
    String requestedBy(String projection) {
        return jdbc.sql("SELECT requested_by FROM projection_replay WHERE projection = ?")
                .param(projection).query((rs, n) -> rs.getString(1)).optional().orElse(null);
    }

    /** Whether any instance holds a segment of the processor (this one has shut its own down). */
    boolean segmentsClaimed(String processor) {
        return jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL")
                .param(processor).query(Long.class).single() > 0;
    }
}
