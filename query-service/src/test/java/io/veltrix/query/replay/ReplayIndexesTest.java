package io.veltrix.query.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.query.Projections;
import io.veltrix.query.QueryTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A replay's bulk part drops the leaderboard's read-only indexes and builds them again: each one
 * recorded with its definition while dropped, rebuilt exactly as it was, never a unique index or
 * one the board writer reads, and what a replay cut short left dropped built at the next start.
 */
class ReplayIndexesTest extends QueryTestBase {

    static final List<String> READ_ONLY = List.of(
            "lb_player_live_rank", "lb_player_pub_rank", "lb_player_changed", "lb_fact_recent_finds");
    private static final List<String> WRITES_READ = List.of(
            "lb_player_pkey", "lb_player_hunt", "lb_fact_pkey", "lb_fact_player", "lb_fact_clue_finds");

    @Autowired
    ReplayIndexes indexes;
    @Autowired
    PlatformTransactionManager transactions;

    @AfterEach
    void buildWhatIsLeft() {
        indexes.build(null);
    }

    @Test
    void aDropRecordsEachReadOnlyIndexAndTheBuildMakesItAgainAsItWas() {
        Map<String, String> before = definitions(READ_ONLY);
        assertThat(before).containsOnlyKeys(READ_ONLY);

        assertThat(indexes.drop(Projections.LEADERBOARD)).containsExactlyInAnyOrderElementsOf(READ_ONLY);

        assertThat(definitions(READ_ONLY)).isEmpty();
        assertThat(recorded()).isEqualTo(before);
        assertThat(definitions(WRITES_READ)).as("the writer's indexes stay").containsOnlyKeys(WRITES_READ);

        assertThat(indexes.build(Projections.LEADERBOARD)).isEqualTo(READ_ONLY.size());

        assertThat(definitions(READ_ONLY)).isEqualTo(before);
        assertThat(recorded()).isEmpty();
    }

    @Test
    void anotherGroupsReplayDropsNothingOfTheLeaderboard() {
        assertThat(indexes.drop(Projections.HUNT_SUMMARY)).isEmpty();
        assertThat(definitions(READ_ONLY)).containsOnlyKeys(READ_ONLY);
    }

    @Test
    void aUniqueIndexNamedAsReadOnlyIsNeverDropped() {
        ReadOnlyIndexes careless = new ReadOnlyIndexes() {
            @Override
            public String processingGroup() {
                return "careless";
            }

            @Override
            public List<String> indexes() {
                return List.of("lb_fact_pkey", "lb_player_pkey", "no_such_index");
            }
        };
        ReplayIndexes replayIndexes = new ReplayIndexes(List.of(careless), jdbc, transactions);

        assertThat(replayIndexes.drop("careless")).isEmpty();
        assertThat(definitions(List.of("lb_fact_pkey", "lb_player_pkey"))).hasSize(2);
        assertThat(recorded()).isEmpty();
    }

    @Test
    void indexesAReplayCutShortLeftDroppedAreBuiltAtTheNextStart() {
        Map<String, String> before = definitions(READ_ONLY);
        indexes.drop(Projections.LEADERBOARD);

        indexes.atStart();

        assertThat(definitions(READ_ONLY)).isEqualTo(before);
        assertThat(recorded()).isEmpty();
    }

    @Test
    void aBuildIssuedTwiceIsHarmless() {
        Map<String, String> before = definitions(READ_ONLY);
        indexes.drop(Projections.LEADERBOARD);
        // a start beside a running replay builds them first; the replay's own build then finds them
        String row = jdbc.sql("SELECT definition FROM replay_dropped_index WHERE index_name = 'lb_player_changed'")
                .query(String.class).single();
        indexes.build(null);
        jdbc.sql("INSERT INTO replay_dropped_index (index_name, processing_group, definition) VALUES (?, ?, ?)")
                .params("lb_player_changed", Projections.LEADERBOARD, row).update();

        assertThat(indexes.build(Projections.LEADERBOARD)).isEqualTo(1);

        assertThat(definitions(READ_ONLY)).isEqualTo(before);
        assertThat(recorded()).isEmpty();
    }

    @Test
    void aBuildThatFailedAfterAReplayIsTriedAgainOncePerPeriodUntilItHolds() throws InterruptedException {
        ReplayIndexes replayIndexes = new ReplayIndexes(List.of(), jdbc, transactions, Duration.ofMillis(500));
        jdbc.sql("INSERT INTO replay_dropped_index (index_name, processing_group, definition) VALUES (?, ?, ?)")
                .params("retry_probe_a", "careless", "CREATE INDEX retry_probe_a ON retry_probe (a)").update();
        try {
            replayIndexes.buildAfterReplay("careless"); // no such table yet: fails, logged, kept
            assertThat(recorded()).containsOnlyKeys("retry_probe_a");

            jdbc.sql("CREATE TABLE retry_probe (a INTEGER)").update();
            replayIndexes.retryFailedBuild();
            assertThat(recorded()).as("not tried again within the period").containsOnlyKeys("retry_probe_a");

            Thread.sleep(600);
            replayIndexes.retryFailedBuild();
            assertThat(definitions(List.of("retry_probe_a"))).containsOnlyKeys("retry_probe_a");
            assertThat(recorded()).isEmpty();

            jdbc.sql("DROP INDEX retry_probe_a").update();
            jdbc.sql("INSERT INTO replay_dropped_index (index_name, processing_group, definition) VALUES (?, ?, ?)")
                    .params("retry_probe_a", "careless", "CREATE INDEX retry_probe_a ON retry_probe (a)").update();
            Thread.sleep(600);
            replayIndexes.retryFailedBuild();
            assertThat(recorded()).as("nothing left to retry once a build held").containsOnlyKeys("retry_probe_a");
        } finally {
            jdbc.sql("DELETE FROM replay_dropped_index WHERE processing_group = 'careless'").update();
            jdbc.sql("DROP TABLE IF EXISTS retry_probe").update();
        }
    }

    /** The named indexes of the service's schema that exist, by name: their definitions. */
    Map<String, String> definitions(List<String> names) {
        return definitions(jdbc, names);
    }

    static Map<String, String> definitions(org.springframework.jdbc.core.simple.JdbcClient jdbc, List<String> names) {
        Map<String, String> found = new TreeMap<>();
        jdbc.sql("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY(?)")
                .param(names.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), rs.getString(2));
                });
        return found;
    }

    private Map<String, String> recorded() {
        Map<String, String> rows = new TreeMap<>();
        jdbc.sql("SELECT index_name, definition FROM replay_dropped_index").query(rs -> {
            rows.put(rs.getString(1), rs.getString(2));
        });
        return rows;
    }
}
