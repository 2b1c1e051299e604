package io.veltrix.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.eventstore.schema.EventStoreSchema;
import io.veltrix.pgbinaries.ServiceRoles;
import io.veltrix.testsupport.EmbeddedDatabase;
import io.veltrix.testsupport.EmbeddedDatabase.ServiceDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose connects each service as its own role, made at PostgreSQL's first start by the
 * init script it mounts; no Docker engine here, so the script's SQL runs against the embedded
 * PostgreSQL (with the passwords psql's {@code -v} would give it), the event store is migrated as
 * its owner as the one-shot migration step does there, and each role is then put to its service's work and
 * refused the other's.
 */
class DockerComposeDatabaseRolesTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String REFUSED = "42501";

    private static Map<String, Object> services;
    private static ServiceDatabase database;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void theComposeFilesInitScriptRunOnAnEmptyDatabase() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(REPOSITORY.resolve("docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
        String rolesSql = Files.readString(REPOSITORY.resolve(mountedOnPostgres("/veltrix/service-roles.sql")));
        database = EmbeddedDatabase.freshDatabaseWithServiceRoles(rolesSql);
        // the one-shot migration step runs first and brings the event store up to date as its owner
        assertThat(environment("event-store-migration")).containsEntry("VELTRIX_EVENTSTORE_OWNER_USERNAME",
                ServiceRoles.EVENTSTORE);
        EventStoreSchema.migrate(
                new DriverManagerDataSource(database.url(), database.eventStoreUser(), database.eventStorePassword()));
    }

    /** The host file that docker-compose mounts at {@code target} in the postgres container. */
    @SuppressWarnings("unchecked")
    private static String mountedOnPostgres(String target) {
        List<String> volumes = (List<String>) ((Map<String, Object>) services.get("postgres")).get("volumes");
        return volumes.stream()
                .filter(v -> v.split(":")[1].equals(target))
                .map(v -> v.split(":")[0])
                .findFirst().orElseThrow(() -> new AssertionError("docker-compose mounts nothing at " + target));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        return (Map<String, Object>) service(service).get("environment");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachServiceConnectsAsItsOwnRoleWithAPasswordFromTheEnvFile() throws IOException {
        assertThat(environment("command-service"))
                .containsEntry("SPRING_DATASOURCE_USERNAME", ServiceRoles.COMMAND)
                .containsEntry("SPRING_DATASOURCE_PASSWORD",
                        "${VELTRIX_DB_COMMAND_PASSWORD:?set VELTRIX_DB_COMMAND_PASSWORD in .env}");
        assertThat(environment("query-service"))
                .containsEntry("SPRING_DATASOURCE_USERNAME", ServiceRoles.QUERY)
                .containsEntry("SPRING_DATASOURCE_PASSWORD",
                        "${VELTRIX_DB_QUERY_PASSWORD:?set VELTRIX_DB_QUERY_PASSWORD in .env}");
        // the superuser's password goes to PostgreSQL alone
        assertThat(environment("command-service")).doesNotContainKey("POSTGRES_PASSWORD");
        assertThat(environment("query-service")).doesNotContainKey("POSTGRES_PASSWORD");
        assertThat(environment("postgres")).containsKeys("VELTRIX_DB_COMMAND_PASSWORD", "VELTRIX_DB_QUERY_PASSWORD",
                "VELTRIX_DB_EVENTSTORE_PASSWORD");
        // the event store owner's password goes to the one-shot migration step alone, which runs the
        // launcher's --migrate-event-store before both services (they depend on its success)
        assertThat(environment("event-store-migration")).containsEntry("VELTRIX_DB_EVENTSTORE_PASSWORD",
                "${VELTRIX_DB_EVENTSTORE_PASSWORD:?set VELTRIX_DB_EVENTSTORE_PASSWORD in .env}");
        assertThat(service("event-store-migration").get("command").toString()).contains("--migrate-event-store");
        for (String service : List.of("command-service", "query-service")) {
            assertThat(environment(service).toString()).doesNotContain("EVENTSTORE");
            assertThat((Map<String, Object>) service(service).get("depends_on")).containsEntry("event-store-migration",
                    Map.of("condition", "service_completed_successfully"));
        }

        // the init script feeds the mounted SQL both passwords, and .env.example names them
        String init = Files.readString(REPOSITORY.resolve(mountedOnPostgres("/docker-entrypoint-initdb.d/10-veltrix-roles.sh")));
        assertThat(init).contains("-f /veltrix/service-roles.sql",
                "-v " + ServiceRoles.COMMAND_PASSWORD_VARIABLE + "=\"$VELTRIX_DB_COMMAND_PASSWORD\"",
                "-v " + ServiceRoles.QUERY_PASSWORD_VARIABLE + "=\"$VELTRIX_DB_QUERY_PASSWORD\"",
                "-v " + ServiceRoles.EVENTSTORE_PASSWORD_VARIABLE + "=\"$VELTRIX_DB_EVENTSTORE_PASSWORD\"");
        assertThat(Files.readString(REPOSITORY.resolve(".env.example")))
                .contains("\nVELTRIX_DB_COMMAND_PASSWORD=", "\nVELTRIX_DB_QUERY_PASSWORD=", "\nVELTRIX_DB_EVENTSTORE_PASSWORD=");
        // the same script as the launcher's
        assertThat(Files.readString(REPOSITORY.resolve(mountedOnPostgres("/veltrix/service-roles.sql"))))
                .isEqualTo(ServiceRoles.script());
    }

    @Test
    void theCommandRoleAppendsEventsAndKeepsItsOwnTablesButCannotChangeEventsOrProjections() {
        assertThat(database.asCommand("INSERT INTO public.domain_event_entry (event_identifier, aggregate_identifier,"
                + " sequence_number, time_stamp, payload_type, payload) VALUES ('e1', 'a1', 0, 'now', 'x', '\\x00')"))
                .isEqualTo("ok");
        assertThat(database.asCommand("SELECT count(*) FROM public.domain_event_entry")).isEqualTo("ok");
        assertThat(database.asCommand("CREATE TABLE command.its_table (x int)")).isEqualTo("ok");
        assertThat(database.asCommand("DROP TRIGGER domain_event_entry_append_only ON public.domain_event_entry"))
                .as("the command role is not the event table's owner").isEqualTo(REFUSED);

        assertThat(database.asCommand("UPDATE public.domain_event_entry SET payload = payload WHERE false")).isEqualTo(REFUSED);
        assertThat(database.asCommand("DELETE FROM public.domain_event_entry WHERE false")).isEqualTo(REFUSED);
        assertThat(database.asCommand("TRUNCATE public.domain_event_entry")).isEqualTo(REFUSED);
        assertThat(database.asQuery("CREATE TABLE query.a_projection (x int)")).isEqualTo("ok");
        assertThat(database.asCommand("INSERT INTO query.a_projection VALUES (1)")).isEqualTo(REFUSED);
        assertThat(database.asCommand("DROP TABLE query.a_projection")).isEqualTo(REFUSED);
    }

    @Test
    void theQueryRoleReadsEventsAndKeepsItsTokensAndProjectionsButCannotAppendOrReadCommandTables() {
        assertThat(database.asQuery("SELECT count(*) FROM public.domain_event_entry")).isEqualTo("ok");
        assertThat(database.asQuery("INSERT INTO public.token_entry (processor_name, segment) VALUES ('board', 0)"))
                .isEqualTo("ok");
        assertThat(database.asQuery("CREATE TABLE query.its_projection (x int)")).isEqualTo("ok");

        assertThat(database.asQuery("INSERT INTO public.domain_event_entry (event_identifier, aggregate_identifier,"
                + " sequence_number, time_stamp, payload_type, payload) VALUES ('forged', 'a2', 0, 'now', 'x', '\\x00')"))
                .as("the query role appends an event").isEqualTo(REFUSED);
        assertThat(database.asQuery("DELETE FROM public.domain_event_entry WHERE false")).isEqualTo(REFUSED);
        assertThat(database.asCommand("CREATE TABLE command.credentials (x int)")).isEqualTo("ok");
        assertThat(database.asQuery("SELECT * FROM command.credentials")).isEqualTo(REFUSED);
        assertThat(database.asQuery("CREATE TABLE public.beside_the_store (x int)")).isEqualTo(REFUSED);
    }
}
