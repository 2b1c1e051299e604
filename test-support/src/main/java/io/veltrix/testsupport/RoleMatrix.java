package io.veltrix.testsupport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The expected answer of every endpoint to every kind of caller, written as a table of rows, and
 * its check against the running service: each cell sent as real HTTP, and every mapping the
 * service has compared with the rows, so an endpoint added without a row fails until someone
 * decides who may call it.
 */
public final class RoleMatrix {

    /**
     * The callers, in the order of a row's cells. ORGANIZER organizes the hunt the row's path names;
     * OTHER_ORGANIZER is an organizer account that organizes other hunts, not that one;
     * DISABLED_ORGANIZER an organizer account, of the row's hunt too, that an admin disabled. Its
     * refused logins count against the client address, so a matrix raises the service's limit of them.
     */
    public enum Role { ANONYMOUS, PLAYER, OTHER_PLAYER, ORGANIZER, OTHER_ORGANIZER, AUDITOR, ADMIN, DISABLED_ORGANIZER }

    /** What a cell expects: 401, 403, or let through (neither, and no 5xx). */
    public enum Expect {
        UNAUTHENTICATED, FORBIDDEN, ALLOWED;

        boolean accepts(int status) {
            return switch (this) {
                case UNAUTHENTICATED -> status == 401;
                case FORBIDDEN -> status == 403;
                case ALLOWED -> status != 401 && status != 403 && status < 500;
            };
        }

        static Expect of(String cell) {
            return switch (cell) {
                case "401" -> UNAUTHENTICATED;
                case "403" -> FORBIDDEN;
                case "ok" -> ALLOWED;
                default -> throw new IllegalArgumentException("a cell is 401, 403 or ok, not " + cell);
            };
        }
    }

    /**
     * One endpoint: its mapping as the service names it ({@code POST /api/hunts/{huntId}/finds}),
     * the concrete path and body sent, and the eight cells in {@link Role} order, e.g.
     * {@code "401 ok 403 403 403 403 403 401"}.
     */
    public record Row(String mapping, String path, String body, Map<Role, Expect> cells) {

        public static Row of(String mapping, String path, String body, String cells) {
            String[] parts = cells.trim().split("\\s+");
            if (parts.length != Role.values().length) {
                throw new IllegalArgumentException(mapping + ": " + Role.values().length + " cells, got " + cells);
            }
            Map<Role, Expect> expected = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                expected.put(role, Expect.of(parts[role.ordinal()]));
            }
            return new Row(mapping, path, body, expected);
        }

        public String method() {
            return mapping.substring(0, mapping.indexOf(' '));
        }
    }

    private RoleMatrix() {
    }

    /** The mappings the service has that no row names, sorted. */
    public static Set<String> unreviewed(Collection<String> mappings, List<Row> rows) {
        Set<String> missing = new TreeSet<>(mappings);
        rows.forEach(row -> missing.remove(row.mapping()));
        return missing;
    }

    /** The rows naming a mapping the service does not have (a stale row, or mappings not read at all), sorted. */
    public static Set<String> stale(Collection<String> mappings, List<Row> rows) {
        Set<String> stale = new TreeSet<>();
        rows.stream().map(Row::mapping).filter(mapping -> !mappings.contains(mapping)).forEach(stale::add);
        return stale;
    }

    /**
     * Sends every cell of every row in order, as the role's credentials say (a role mapped to
     * null sends no Authorization header), and lists each cell that answered otherwise.
     */
    public static List<String> mismatches(HttpProbe probe, List<Row> rows, Function<Role, String> authorization) {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            for (Role role : Role.values()) {
                HttpProbe.Reply reply = probe.send(row.method(), row.path(), row.body(),
                        "Authorization", authorization.apply(role));
                Expect expected = row.cells().get(role);
                if (!expected.accepts(reply.status())) {
                    wrong.add(row.mapping() + " as " + role + " (" + row.method() + " " + row.path() + "): expected "
                            + expected + ", got " + reply.status() + " " + abbreviate(reply.body()));
                }
            }
        }
        return wrong;
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
