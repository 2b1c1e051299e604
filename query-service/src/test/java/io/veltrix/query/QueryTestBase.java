package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.api.scoring.Standing;
import io.veltrix.api.scoring.TeamStanding;
import io.veltrix.query.hunt.Hunts;
import io.veltrix.query.leaderboard.BoardLine;
import io.veltrix.query.leaderboard.BoardRanks;
import io.veltrix.query.leaderboard.BoardView;
import io.veltrix.query.leaderboard.TeamBoardLine;
import io.veltrix.query.leaderboard.Leaderboards;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.ObservedStatuses;
import io.veltrix.testsupport.TestStaff;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One query service per test JVM for every class extending this (the Spring context is cached):
 * a fresh database in the embedded PostgreSQL with a migrated event store, the service connected
 * as its own role as the launcher runs it, real HTTP on a random port. Fixtures append events as
 * the command service's role ({@link CommandRoleEvents}), waking the processors by NOTIFY after
 * each commit as in production, and change what no service may (stored events) as the superuser
 * ({@link #superuser}). Tests keep to their own hunts (random ids), so they can share the database.
 */
@AutoConfigureObservability
@Import(ObservedStatuses.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "veltrix.organizer.user=organizer", "veltrix.organizer.password=" + TestStaff.ORGANIZER_PASSWORD,
        "veltrix.auditor.user=auditor", "veltrix.auditor.password=" + TestStaff.AUDITOR_PASSWORD,
        "veltrix.admin.user=admin", "veltrix.admin.password=" + TestStaff.ADMIN_PASSWORD,
        "veltrix.live.tick-ms=50",
        // Only the fixtures' NOTIFY can wake the processors quickly here: a broken wake-up shows as slow tests.
        "veltrix.events.listen.fallback-poll-ms=5000",
        "axon.eventhandling.processors.leaderboard.initial-segment-count=8"})
public abstract class QueryTestBase {

    public static final Duration PROJECTION_WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedDatabase.registerAsQueryService(registry);
    }

    @Autowired
    private ApplicationContext context;
    @Autowired
    protected Leaderboards leaderboards;
    @Autowired
    protected BoardRanks boardRanks;
    @Autowired
    protected Hunts hunts;
    /** The service's own connections: its role reads the event store and writes its projections. */
    @Autowired
    protected JdbcClient jdbc;
    @LocalServerPort
    protected int port;

    /** The event store as the command service's role appends to and reads it. */
    protected EventStore eventStore;
    protected EventStorageEngine storage;
    protected TransactionManager transactionManager;
    /** The command service's role's connections, for fixtures that append events by hand. */
    protected DataSource commandRole;
    /** The database's superuser, for fixtures that change stored events (no service's role may). */
    protected JdbcClient superuser;

    protected EventLog events;

    @BeforeEach
    void eventLog() {
        CommandRoleEvents commandSide = CommandRoleEvents.of(context);
        eventStore = commandSide.store();
        storage = commandSide.storage();
        transactionManager = commandSide.transactions();
        commandRole = commandSide.dataSource();
        superuser = JdbcClient.create(new DriverManagerDataSource(
                context.getEnvironment().getRequiredProperty("spring.datasource.url"), "postgres",
                EmbeddedDatabase.SUPERUSER_PASSWORD));
        events = commandSide.log();
    }

    /** How many segments the leaderboard processor runs with (rows in token_entry). */
    protected int leaderboardSegments() {
        return jdbc.sql("SELECT count(*) FROM token_entry WHERE processor_name = 'leaderboard'")
                .query(Integer.class).single();
    }

    /** How many scoring facts (finds, hints, adjustments) the leaderboard holds for the hunt. */
    protected long factCount(HuntId hunt) {
        return jdbc.sql("SELECT count(*) FROM lb_fact WHERE hunt_id = ?").param(hunt.value()).query(Long.class).single();
    }

    /** The reference: the shared scoring fold over the hunt's stored events. */
    protected Scoreboard fold(HuntId hunt) {
        Scoreboard board = new Scoreboard(hunt);
        board.applyAll(events.read(hunt));
        return board;
    }

    protected static List<BoardLine> asLines(List<Standing> standings) {
        return standings.stream()
                .map(s -> new BoardLine(s.rank(), s.playerId().value(), s.handle(), s.score(), s.cluesFound(),
                        s.lastScoredAt()))
                .toList();
    }

    protected static List<TeamBoardLine> asTeamLines(List<TeamStanding> standings) {
        return standings.stream().map(s -> new TeamBoardLine(s.rank(), s.teamId().value(), s.name(), s.score(),
                s.cluesFound(), s.lastScoredAt(), s.members().stream()
                        .map(m -> new TeamBoardLine.Member(m.playerId().value(), m.handle())).toList())).toList();
    }

    /** Waits until the projected team boards (live and public) equal the fold of the stored events. */
    protected void awaitTeamBoardsMatchReplay(HuntId hunt) {
        Scoreboard expected = fold(hunt);
        int all = expected.liveTeams().size() + 1;
        await().atMost(PROJECTION_WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(leaderboards.teamPage(hunt.value(), BoardView.LIVE, all, 0))
                    .isEqualTo(asTeamLines(expected.liveTeams()));
            assertThat(leaderboards.teamPage(hunt.value(), BoardView.PUBLIC, all, 0))
                    .isEqualTo(asTeamLines(expected.publicTeams()));
        });
    }

    /** Waits until the projected boards (live and public) equal the fold of the stored events. */
    protected void awaitBoardsMatchReplay(HuntId hunt) {
        Scoreboard expected = fold(hunt);
        int all = expected.live().size() + 1;
        await().atMost(PROJECTION_WAIT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            assertThat(leaderboards.page(hunt.value(), BoardView.LIVE, all, 0)).isEqualTo(asLines(expected.live()));
            assertThat(leaderboards.page(hunt.value(), BoardView.PUBLIC, all, 0))
                    .isEqualTo(asLines(expected.publicBoard()));
        });
        // the hunt's summary, which the stream and the hunt's pages check first, is projected apart from its board
        await().atMost(PROJECTION_WAIT).until(() -> hunts.exists(hunt.value()));
    }

    /** The place of a player or team on the board of {@code view} as the service ranks the stored row. */
    protected Optional<Integer> storedRank(String huntId, String playerId, BoardView view) {
        return jdbc.sql("SELECT " + BoardRanks.STANDING_COLUMNS + BoardRanks.STANDING_ROWS
                        + " WHERE p.player_id = ? AND p.hunt_id = ?")
                .param(playerId).param(huntId)
                .query((rs, n) -> BoardRanks.Standing.read(rs, 1)).optional()
                .flatMap(standing -> boardRanks.rank(huntId, view, standing));
    }
}
