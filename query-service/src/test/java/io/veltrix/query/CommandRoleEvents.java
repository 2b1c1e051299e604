package io.veltrix.query;

import com.zaxxer.hikari.HikariDataSource;
import io.veltrix.platform.eventstore.EventStoreAutoConfiguration;
import io.veltrix.platform.eventstore.EventStoreTablesConfiguration;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.EmbeddedDatabase.ServiceDatabase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The event store as the command service writes it, for the query tests' fixtures: connected as
 * the command service's role (the query service's own may only read events), appending with the
 * same hash-chaining storage engine, and waking the query service's processors by NOTIFY after
 * each commit as the command service does. One per database, whichever service instance reads it.
 *
 * @param dataSource a pool of the command role's connections
 */
public record CommandRoleEvents(DataSource dataSource, EventStore store, EventStorageEngine storage,
                                TransactionManager transactions) {

    private static final Map<String, CommandRoleEvents> BY_DATABASE = new ConcurrentHashMap<>();

    /**
     * Those of the database the query service of {@code context} connects to (its serializers and
     * upcasters serve every later instance on that database too).
     */
    public static CommandRoleEvents of(ApplicationContext context) {
        String url = context.getEnvironment().getRequiredProperty("spring.datasource.url");
        return BY_DATABASE.computeIfAbsent(url, u -> create(EmbeddedDatabase.withServiceRoles(u), context));
    }

    private static CommandRoleEvents create(ServiceDatabase database, ApplicationContext context) {
        HikariDataSource commandRole = new HikariDataSource();
        commandRole.setJdbcUrl(database.url());
        commandRole.setUsername(database.commandUser());
        commandRole.setPassword(database.commandPassword());
        commandRole.setMaximumPoolSize(4);
        // a fixture retries while a test has its database stopped: fail a borrow quickly then
        commandRole.setConnectionTimeout(1000);
        commandRole.setPoolName("command-role-fixture");
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(commandRole));
        EventStoreAutoConfiguration store = new EventStoreAutoConfiguration();
        EventStorageEngine engine = store.eventStorageEngine(context.getBean("serializer", Serializer.class),
                context.getBean("eventSerializer", Serializer.class), store.persistenceExceptionResolver(),
                context.getBean(org.axonframework.config.Configuration.class),
                new SpringDataSourceConnectionProvider(commandRole), transactions,
                new EventStoreTablesConfiguration().eventSchema(), commandRole, 500, 300000, 10_000);
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(engine).build();
        String channel = context.getEnvironment().getProperty("veltrix.events.channel", "veltrix_events");
        eventStore.registerDispatchInterceptor(messages -> {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().root().afterCommit(u -> notify(commandRole, channel));
            } else {
                notify(commandRole, channel);
            }
            return (i, message) -> message;
        });
        return new CommandRoleEvents(commandRole, eventStore, engine, transactions);
    }

    /**
     * What the command service's NOTIFY after a commit does: wakes the query service's processors.
     * A lost one costs them their fallback poll, as in production.
     */
    private static void notify(DataSource commandRole, String channel) {
        try {
            JdbcClient.create(commandRole).sql("SELECT pg_notify(?, '')").param(channel).query().listOfRows();
        } catch (RuntimeException lost) {
            // the database is away: the events are committed, the processors read them at their next poll
        }
    }

    /** An event log appending here. */
    public EventLog log() {
        return new EventLog(store, storage, transactions);
    }
}
