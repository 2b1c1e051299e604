package io.veltrix.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.veltrix.api.scoring.Scoreboard;
import io.veltrix.platform.eventstore.EventStoreAutoConfiguration;
import io.veltrix.eventstore.schema.EventStoreSchema;
import io.veltrix.platform.eventstore.EventStoreTablesConfiguration;
import io.veltrix.query.leaderboard.BoardView;
import io.veltrix.query.leaderboard.Leaderboards;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.EmbeddedDatabase.ServiceDatabase;
import io.veltrix.testsupport.TestStaff;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query service as the launcher runs it: connected as its own database role, which reads the
 * event store and writes only its projections and tracking tokens. The events are appended as the
 * command service's role would (nothing but the set-up of roles connects as the superuser), and
 * the service projects them.
 * The other query tests run the service as the superuser, because their fixtures change stored
 * events in place (tamper and audit tests) through the application's own connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "veltrix.organizer.user=organizer", "veltrix.organizer.password=" + TestStaff.ORGANIZER_PASSWORD,
        "veltrix.auditor.user=auditor", "veltrix.auditor.password=" + TestStaff.AUDITOR_PASSWORD,
        "veltrix.admin.user=admin", "veltrix.admin.password=" + TestStaff.ADMIN_PASSWORD,
        "axon.eventhandling.processors.leaderboard.initial-segment-count=2"})
class QueryServiceRoleTest {

    private static ServiceDatabase database;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = EmbeddedDatabase.freshDatabaseWithServiceRoles();
        // the command service would have brought the event store up to date, as its owner, before this starts
        EventStoreSchema.migrate(
                new DriverManagerDataSource(database.url(), database.eventStoreUser(), database.eventStorePassword()));
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::queryUser);
        registry.add("spring.datasource.password", database::queryPassword);
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Leaderboards leaderboards;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    Serializer serializer;
    @LocalServerPort
    int port;

    /** Appends as the command service does, connected as its role. */
    private EventLog asCommandService() {
        DataSource commandRole = new DriverManagerDataSource(database.url(), database.commandUser(),
                database.commandPassword());
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(commandRole));
        EventStoreAutoConfiguration store = new EventStoreAutoConfiguration();
        EventStorageEngine engine = store.eventStorageEngine(serializer, eventSerializer,
                store.persistenceExceptionResolver(), axon, new SpringDataSourceConnectionProvider(commandRole),
                transactions, new EventStoreTablesConfiguration().eventSchema(), commandRole, 500, 300000, 1000);
        return new EventLog(EmbeddedEventStore.builder().storageEngine(engine).build(), engine, transactions);
    }

    @Test
    void theServiceConnectsAsItsOwnRoleNotAsASuperuser() {
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(database.queryUser());
        assertThat(jdbc.sql("SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles"
                + " WHERE rolname = current_user").query(Boolean.class).single()).isFalse();
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM public.domain_event_entry WHERE false").update())
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void aHuntAppendedByTheCommandRoleIsProjectedAndServed() throws Exception {
        EventLog events = asCommandService();
        HuntScenario scenario = HuntScenario.generate(7L, 4, 3, 40);
        scenario.appendTo(events, 10);

        Scoreboard expected = new Scoreboard(scenario.hunt);
        expected.applyAll(events.read(scenario.hunt));
        int all = expected.live().size() + 1;
        await().atMost(QueryTestBase.PROJECTION_WAIT).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(leaderboards.page(scenario.hunt.value(), BoardView.LIVE, all, 0))
                        .isEqualTo(QueryTestBase.asLines(expected.live())));
        assertThat(new ApiClient(port).get("/api/hunts/" + scenario.hunt.value() + "/leaderboard").statusCode())
                .isEqualTo(200);
        // its processors keep their tokens in the event store's schema, as the role may
        assertThat(jdbc.sql("SELECT count(*) FROM token_entry WHERE owner IS NOT NULL").query(Long.class).single())
                .isPositive();
    }
}
