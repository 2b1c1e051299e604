package io.veltrix.pgbinaries;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database accounts the two services connect with, least privilege, and the password-only
 * client authentication of an embedded PostgreSQL.
 *
 * <ul>
 *   <li>{@value #EVENTSTORE} owns the event store's tables in {@code public} and runs their
 *       migrations; no service works as it (the launcher's migration step connects as it, before
 *       the services start).</li>
 *   <li>{@value #COMMAND} owns schema {@code command}; it reads and appends events (granted by the
 *       event store's migrations), never updates, deletes or truncates them (a trigger refuses that
 *       to everyone), cannot alter the event store's tables or create any in {@code public}, and
 *       has no access to schema {@code query}.</li>
 *   <li>{@value #QUERY} owns schema {@code query}; in {@code public} it may read every table of the
 *       event store (default privileges, so tables of later migrations too) and write only
 *       the processors' tracking tokens ({@code token_entry}, granted by the event store's
 *       migration); it has no access to schema {@code command}.</li>
 * </ul>
 *
 * Each schema's tables belong to the role that created them, so tables added by later migrations
 * of a service are its own and out of the other's reach without any further grant. The statements
 * are one SQL script, {@value #SCRIPT}, that docker-compose's PostgreSQL runs with psql as well.
 */
public final class ServiceRoles {

    public static final String COMMAND = "veltrix_command";
    public static final String QUERY = "veltrix_query";
    public static final String EVENTSTORE = "veltrix_eventstore";
    public static final String SUPERUSER = "postgres";

    /** The script creating and granting the roles, on the class path and in the repository. */
    public static final String SCRIPT = "db/roles/service-roles.sql";
    /** The psql variables of {@link #SCRIPT} holding the roles' passwords. */
    public static final String COMMAND_PASSWORD_VARIABLE = "command_password";
    public static final String QUERY_PASSWORD_VARIABLE = "query_password";
    public static final String EVENTSTORE_PASSWORD_VARIABLE = "eventstore_password";

    private ServiceRoles() {
    }

    /** The three roles' passwords. */
    public record Passwords(String command, String query, String eventStore) {
    }

    /**
     * Creates or updates the roles with these passwords and gives each its schema and grants, in
     * the database {@code superuser} is connected to; run as a superuser at every start
     * (idempotent). Tables an earlier version created as another account are handed to the role
     * whose they are.
     */
    public static void apply(Connection superuser, Passwords passwords) throws SQLException {
        run(superuser, script(), passwords);
    }

    /**
     * Runs a roles script written for psql ({@link #SCRIPT}, or a copy of it) over JDBC: its
     * {@code :'command_password'}, {@code :'query_password'} and {@code :'eventstore_password'}
     * become these passwords as SQL literals, as psql's {@code -v} variables would.
     */
    public static void run(Connection superuser, String script, Passwords passwords) throws SQLException {
        String sql = script
                .replace(":'" + COMMAND_PASSWORD_VARIABLE + "'", literal(passwords.command()))
                .replace(":'" + QUERY_PASSWORD_VARIABLE + "'", literal(passwords.query()))
                .replace(":'" + EVENTSTORE_PASSWORD_VARIABLE + "'", literal(passwords.eventStore()));
        try (Statement s = superuser.createStatement()) {
            s.execute(sql);
        }
    }

    /** The text of {@link #SCRIPT}. */
    public static String script() {
        try (InputStream in = ServiceRoles.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + SCRIPT, e);
        }
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

    private static String literal(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a database password may not be empty");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
