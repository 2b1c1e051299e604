package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rows a batch updates over and over (a player's tally on the board, a player's counters in the
 * player view) are written to pages that keep room, so an update writes the row's new version on
 * the page of the old one, where PostgreSQL can make it heap-only, instead of on another page with
 * a new entry in every index.
 */
class UpdatedRowsRoomTest extends QueryTestBase {

    private final String hunt = "room-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void removeRows() {
        jdbc.sql("DELETE FROM lb_player WHERE hunt_id = ?").param(hunt).update();
        jdbc.sql("DELETE FROM player_activity WHERE hunt_id = ?").param(hunt).update();
    }

    @Test
    void aTallyUpdateStaysOnItsRowsPage() {
        // rows written back to back, as a batch of registrations or a replay writes them
        jdbc.sql("""
                        INSERT INTO lb_player (player_id, hunt_id, handle, registered_index, registered_at,
                                               live_reached_at, pub_reached_at)
                        SELECT :hunt || '-' || g, :hunt, 'player-handle-' || g, g, now(), now(), now()
                        FROM generate_series(0, 399) g""")
                .param("hunt", hunt).update();
        long page = pageOf("lb_player", hunt + "-0");

        jdbc.sql("""
                        UPDATE lb_player SET live_score = live_score + 10, live_clues = live_clues + 1,
                               live_last_index = 42, live_reached_at = now(), changed_version = changed_version + 1
                        WHERE player_id = ?""")
                .param(hunt + "-0").update();

        assertThat(pageOf("lb_player", hunt + "-0")).isEqualTo(page);
    }

    @Test
    void aCounterUpdateStaysOnItsRowsPage() {
        jdbc.sql("""
                        INSERT INTO player_activity (player_id, hunt_id)
                        SELECT :hunt || '-' || g, :hunt FROM generate_series(0, 999) g""")
                .param("hunt", hunt).update();
        long page = pageOf("player_activity", hunt + "-0");

        jdbc.sql("UPDATE player_activity SET wrong_attempts = wrong_attempts + 1 WHERE player_id = ?")
                .param(hunt + "-0").update();

        assertThat(pageOf("player_activity", hunt + "-0")).isEqualTo(page);
    }

    private long pageOf(String table, String playerId) {
        return jdbc.sql("SELECT (ctid::text::point)[0]::bigint FROM " + table + " WHERE player_id = ?")
                .param(playerId).query(Long.class).single();
    }
}
