package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.platform.database.FailFastDataSource;
import io.veltrix.query.leaderboard.BoardView;
import io.veltrix.query.leaderboard.Leaderboards;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.EmbeddedDatabase.ServiceDatabase;
import io.veltrix.testsupport.TestStaff;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL stopped and started again under a running query service (its own server, same data
 * directory and port; the service on its own role, events appended as the command service's), with the service's own pool settings: while it is away reads answer 503
 * with Retry-After within a second; once it is back the projections go on from their tokens, and
 * events written after the restart are on the board within seconds, without a restart of the
 * service.
 */
class QueryDatabaseOutageIT {

    private Path dataDirectory;
    private int databasePort;
    private EmbeddedPostgres database;
    private ConfigurableApplicationContext service;

    @AfterEach
    void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private EmbeddedPostgres startDatabase() throws IOException {
        return EmbeddedDatabase.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(databasePort).start();
    }

    @Test
    void readsGet503WithinASecondWhileTheDatabaseIsAwayAndProjectionsGoOnWhenItIsBack() throws Exception {
        Running running = startWithHalfAHunt();
        HuntScenario scenario = running.scenario();
        EventLog events = running.events();
        Leaderboards boards = running.boards();
        List<EventLog.Timed> play = scenario.play;
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();

        URI board = URI.create("http://localhost:" + port + "/api/hunts/" + scenario.hunt.value() + "/leaderboard?limit=7");
        HttpClient http = HttpClient.newHttpClient();
        // the service's first request (class loading, compilation) is not what this test times
        assertThat(http.send(HttpRequest.newBuilder(board).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);

        database.close();
        database = null;
        long asked = System.nanoTime();
        HttpResponse<String> away = http.send(HttpRequest.newBuilder(board).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        long answeredMillis = (System.nanoTime() - asked) / 1_000_000;
        assertThat(away.statusCode()).isEqualTo(503);
        assertThat(away.headers().firstValue("Retry-After")).isPresent();
        assertThat(answeredMillis).as("answered while the database is away, in ms").isLessThan(1000);
        // That read may have failed on a connection the pool had open from before, which tells the
        // data source nothing; the first failed attempt to connect does (the processors' next poll
        // makes one if that read did not). Once it is known, the next read is refused without
        // waiting the pool's 500 ms.
        FailFastDataSource dataSource = (FailFastDataSource) service.getBean(DataSource.class);
        await().atMost(Duration.ofSeconds(5)).until(dataSource::away);
        long again = System.nanoTime();
        assertThat(http.send(HttpRequest.newBuilder(board).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);
        assertThat((System.nanoTime() - again) / 1_000_000).as("answered once the outage is known, in ms").isLessThan(250);

        database = startDatabase();
        long back = System.nanoTime();
        // the writer (the command service in production) retries as its clients would while its
        // pool gets its connections back
        appendOnceTheDatabaseTakesIt(events, play.subList(100, play.size()), back + Duration.ofSeconds(5).toNanos());
        // the pool's next try at a connection may come up to 5 s after the database's return (HikariCP
        // backs off up to 5 s between tries while it is away), then ProjectionRecovery's check (every
        // second) starts the processors, which then catch up: 8 s
        awaitBoard(boards, scenario, events, Duration.ofSeconds(8).plusNanos(System.nanoTime() - back));
        HttpResponse<String> served = http.send(HttpRequest.newBuilder(board).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
    }

    /** A running service's hunt, the log its events go into, and its boards. */
    private record Running(HuntScenario scenario, EventLog events, Leaderboards boards) {
    }

    /** The database and the service on it, with a hunt's set-up and its first 100 finds on the board. */
    private Running startWithHalfAHunt() throws Exception {
        dataDirectory = Files.createTempDirectory("veltrix-query-outage");
        try (ServerSocket free = new ServerSocket(0)) {
            databasePort = free.getLocalPort();
        }
        database = startDatabase();
        // as the launcher sets it up: both services' roles, the event store migrated by its owner
        ServiceDatabase roles = EmbeddedDatabase.migrateEventStore(
                EmbeddedDatabase.withServiceRolesSetUp("jdbc:postgresql://localhost:" + databasePort + "/postgres"));
        service = new SpringApplicationBuilder(QueryServiceApplication.class).run(
                "--spring.datasource.url=" + roles.url(), "--spring.datasource.username=" + roles.queryUser(),
                "--spring.datasource.password=" + roles.queryPassword(), "--server.port=0",
                // no reuse of a page read just before the outage: within its 100 ms it would answer
                // 200 from memory, and this test is about reads that need the database
                "--veltrix.query.board-cache-ms=0",
                "--veltrix.organizer.user=o", "--veltrix.organizer.password=" + TestStaff.ORGANIZER_PASSWORD, "--veltrix.auditor.user=a",
                "--veltrix.auditor.password=" + TestStaff.AUDITOR_PASSWORD, "--veltrix.admin.user=x", "--veltrix.admin.password=" + TestStaff.ADMIN_PASSWORD);
        // the command service's role appends, as it does in production
        EventLog events = CommandRoleEvents.of(service).log();
        HuntScenario scenario = HuntScenario.generate(7L, 10, 4, 200);
        events.append(scenario.setup);
        events.append(scenario.play.subList(0, 100));
        Leaderboards boards = service.getBean(Leaderboards.class);
        awaitBoard(boards, scenario, events, Duration.ofSeconds(30));
        return new Running(scenario, events, boards);
    }

    /**
     * PostgreSQL away for long enough that Axon's processors, retrying with a back-off that doubles
     * after each failed try (1, 2, 4, 8, 16 s), would next try only about 11 s after it is back:
     * the projections start again within seconds of its return all the same.
     */
    @Test
    void afterALongOutageTheProjectionsGoOnWithinSecondsOfTheDatabasesReturn() throws Exception {
        Running running = startWithHalfAHunt();
        List<String> projections = List.of(Projections.LEADERBOARD, Projections.HUNT_SUMMARY);
        EventProcessingConfiguration processing = service.getBean(EventProcessingConfiguration.class);

        database.close();
        database = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!projections.stream().allMatch(name -> processor(processing, name).isError())) {
            assertThat(System.nanoTime()).as("every projection in error within 30 s of the outage").isLessThan(deadline);
            Thread.sleep(50);
        }
        // the tries after 1, 3, 7 and 15 s fail; Axon's next one would come 16 s after that
        Thread.sleep(20_000);

        database = startDatabase();
        long back = System.nanoTime();
        List<EventLog.Timed> rest = running.scenario().play.subList(100, running.scenario().play.size());
        appendOnceTheDatabaseTakesIt(running.events(), rest, back + Duration.ofSeconds(5).toNanos());
        awaitBoard(running.boards(), running.scenario(), running.events(),
                Duration.ofSeconds(6).plusNanos(back - System.nanoTime()));
        for (String name : projections) {
            assertThat(processor(processing, name).isError()).as(name + " out of error").isFalse();
        }
    }

    private static StreamingEventProcessor processor(EventProcessingConfiguration processing, String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    private static void appendOnceTheDatabaseTakesIt(EventLog events, List<EventLog.Timed> batch, long deadline)
            throws InterruptedException {
        while (true) {
            try {
                events.append(batch);
                return;
            } catch (RuntimeException notYet) { // no connection yet, or one the restart broke
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Waits until the live board equals a replay of everything stored for the hunt. */
    private static void awaitBoard(Leaderboards boards, HuntScenario scenario, EventLog events, Duration within)
            throws InterruptedException {
        Scoreboard replay = new Scoreboard(scenario.hunt);
        replay.applyAll(events.read(scenario.hunt));
        List<?> expected = QueryTestBase.asLines(replay.live());
        long deadline = System.nanoTime() + within.toNanos();
        List<?> seen = null;
        while (System.nanoTime() < deadline) {
            try {
                seen = boards.page(scenario.hunt.value(), BoardView.LIVE, 500, 0);
                if (seen.equals(expected)) {
                    return;
                }
            } catch (RuntimeException stillReconnecting) {
                seen = null;
            }
            Thread.sleep(100);
        }
        assertThat(seen).as("the board within " + within.toMillis() + " ms").isEqualTo(expected);
    }
}
