package io.veltrix.pgbinaries;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The database accounts the two services connect with, least privilege, and the password-only
 * client authentication of an embedded PostgreSQL.
 *
 * <ul>
 *   <li>{@value #COMMAND} owns schema {@code command} and creates the event store's tables in
 *       {@code public}; it has no access to schema {@code query}. The event store's own migration
 *       takes UPDATE, DELETE and TRUNCATE on the event table from it, and a trigger refuses them.</li>
 *   <li>{@value #QUERY} owns schema {@code query}; in {@code public} it may read every table the
 *       command role creates (default privileges, so tables of later migrations too) and write only
 *       the processors' tracking tokens ({@code token_entry}, granted by the event store's
 *       migration); it has no access to schema {@code command}.</li>
 * </ul>
 *
 * Each schema's tables belong to the role that created them, so tables added by later migrations
 * of a service are its own and out of the other's reach without any further grant.
 */
public final class ServiceRoles {

    public static final String COMMAND = "veltrix_command";
    public static final String QUERY = "veltrix_query";
    public static final String SUPERUSER = "postgres";

    private ServiceRoles() {
    }

    /**
     * Creates or updates both roles with these passwords and gives each its schema and grants, in
     * {@code database}; run as a superuser at every start (idempotent). Tables an earlier version
     * created as the superuser are handed to the service whose they are.
     */
    public static void apply(Connection superuser, String database, String commandPassword, String queryPassword)
            throws SQLException {
        try (Statement s = superuser.createStatement()) {
            for (String sql : statements(database, commandPassword, queryPassword)) {
                s.execute(sql);
            }
        }
    }

    /** The statements of {@link #apply}, as an operator would run them with psql. */
    public static List<String> statements(String database, String commandPassword, String queryPassword) {
        return List.of(
                role(COMMAND, commandPassword),
                role(QUERY, queryPassword),
                "GRANT CONNECT, TEMPORARY ON DATABASE " + identifier(database) + " TO " + COMMAND + ", " + QUERY,
                "CREATE SCHEMA IF NOT EXISTS command AUTHORIZATION " + COMMAND,
                "ALTER SCHEMA command OWNER TO " + COMMAND,
                "CREATE SCHEMA IF NOT EXISTS query AUTHORIZATION " + QUERY,
                "ALTER SCHEMA query OWNER TO " + QUERY,
                "REVOKE ALL ON SCHEMA command FROM PUBLIC",
                "REVOKE ALL ON SCHEMA query FROM PUBLIC",
                "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
                "GRANT USAGE, CREATE ON SCHEMA public TO " + COMMAND,
                "GRANT USAGE ON SCHEMA public TO " + QUERY,
                handOver("command", COMMAND),
                handOver("query", QUERY),
                handOver("public", COMMAND),
                "ALTER DEFAULT PRIVILEGES FOR ROLE " + COMMAND + " IN SCHEMA public GRANT SELECT ON TABLES TO " + QUERY,
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + QUERY,
                """
                DO $$ BEGIN
                    IF to_regclass('public.token_entry') IS NOT NULL THEN
                        GRANT SELECT, INSERT, UPDATE, DELETE ON public.token_entry TO %s;
                    END IF;
                END $$""".formatted(QUERY));
    }

    /**
     * {@code pg_hba.conf} of an embedded PostgreSQL: every connection over loopback TCP with a
     * SCRAM password, none over a Unix socket. {@code bootstrap}: the superuser is trusted while
     * it has no password yet (only until the launcher has set one, on a data directory's first start).
     */
    public static String hba(boolean bootstrap) {
        String trusted = bootstrap
                ? "host all " + SUPERUSER + " 127.0.0.1/32 trust\nhost all " + SUPERUSER + " ::1/128 trust\n"
                : "";
        return "# Written by Veltrix at every start: passwords (SCRAM) only, over loopback only.\n"
                + trusted
                + "host all all 127.0.0.1/32 scram-sha-256\n"
                + "host all all ::1/128 scram-sha-256\n";
    }

    /** Sets the superuser's password (SCRAM, PostgreSQL's default), so that it no longer needs to be trusted. */
    public static void setSuperuserPassword(Connection superuser, String password) throws SQLException {
        try (Statement s = superuser.createStatement()) {
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD " + literal(password));
        }
    }

    private static String role(String name, String password) {
        return """
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s;
                    END IF;
                    ALTER ROLE %1$s WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %2$s;
                END $$""".formatted(name, literal(password));
    }

    /** Tables, views and free-standing sequences of a schema that someone else owns become {@code owner}'s. */
    private static String handOver(String schema, String owner) {
        return """
                DO $$ DECLARE r record; BEGIN
                    FOR r IN SELECT c.relname FROM pg_class c
                             WHERE c.relnamespace = '%1$s'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                               AND pg_get_userbyid(c.relowner) <> '%2$s'
                               AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                               AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
                    LOOP
                        EXECUTE format('ALTER TABLE %%I.%%I OWNER TO %2$s', '%1$s', r.relname);
                    END LOOP;
                END $$""".formatted(schema, owner);
    }

    private static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a database password may not be empty");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
