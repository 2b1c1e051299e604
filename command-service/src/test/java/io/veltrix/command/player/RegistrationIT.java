package io.veltrix.command.player;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.CommandServiceIT;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Registration: handles, uniqueness ignoring case and look-alikes, and exact capacity under concurrency. */
class RegistrationIT extends CommandServiceIT {

    @Autowired
    DataSource dataSource;

    private String openHunt(Integer maxPlayers) {
        String hunt = createHunt(maxPlayers == null ? "{\"name\":\"Open\"}"
                : "{\"name\":\"Capped\",\"maxPlayers\":" + maxPlayers + "}");
        addClue(hunt, "Only", List.of("yes"), 10, null, 0);
        transition(hunt, "publish");
        return hunt;
    }

    @Test
    void fiveHundredConcurrentRegistrationsFillExactlyThreeHundredSeats() throws Exception {
        String hunt = openHunt(300);
        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Callable<Integer>> registrations = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String handle = "racer-" + i;
            registrations.add(() -> post("/api/hunts/" + hunt + "/players", json(Map.of("handle", handle)), null).status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : pool.invokeAll(registrations)) {
            statuses.add(status.get());
        }
        pool.shutdown();

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(201, 300L, 409, 200L));
        long registeredEvents = jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry e JOIN player_handle h ON h.player_id = e.aggregate_identifier
                        WHERE h.hunt_id = ? AND e.payload_type = 'io.veltrix.api.player.PlayerRegistered'
                        """).param(hunt).query(Long.class).single();
        assertThat(registeredEvents).isEqualTo(300);
        assertThat(jdbc.sql("SELECT sum(remaining) FROM registration_slot WHERE hunt_id = ?").param(hunt)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRegistrationDoesNotWaitForeverOnSeatsLockedByAnotherTransaction() throws Exception {
        String hunt = openHunt(10);
        // another writer (another instance's batch, say) holds every stripe with room and does not commit
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("SELECT * FROM command.registration_slot WHERE hunt_id = '" + hunt + "' FOR UPDATE");
            }
            long start = System.nanoTime();
            Answer busy = post("/api/hunts/" + hunt + "/players", json(Map.of("handle", "patient")), null);
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(busy.status()).isEqualTo(503);
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            assertThat(waitedMillis).isLessThan(5_000);
            holder.rollback();
        }
        // nothing of the refused attempt stayed behind: the same handle registers once the rows are free
        assertThat(post("/api/hunts/" + hunt + "/players", json(Map.of("handle", "patient")), null).status())
                .isEqualTo(201);
    }

    @Test
    void handlesAreUniquePerHuntIgnoringCase() {
        String hunt = openHunt(null);
        String other = openHunt(null);
        register(hunt, "Treasure Seeker");
        var taken = post("/api/hunts/" + hunt + "/players", "{\"handle\":\"TREASURE seeker\"}", null);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("type").asText()).endsWith("/handle-taken");
        assertThat(post("/api/hunts/" + other + "/players", "{\"handle\":\"treasure seeker\"}", null).status())
                .isEqualTo(201);
    }

    @Test
    void handlesThatLookAlikeCollide() {
        String hunt = openHunt(null);
        register(hunt, "Alice");
        register(hunt, "lan");
        register(hunt, "b0b");
        register(hunt, "Ivan"); // two keys, ivan and lvan: one player may hold two rows
        // Cyrillic А; I for l and l for I; o for 0: each one reads as a handle already taken
        for (String lookAlike : List.of("\u0410lice", "\u0430LICE", "Ian", "lvan", "IVAN", "bob", "BOB")) {
            var taken = post("/api/hunts/" + hunt + "/players", json(Map.of("handle", lookAlike)), null);
            assertThat(taken.status()).as(lookAlike).isEqualTo(409);
            assertThat(taken.json().get("type").asText()).endsWith("/handle-taken");
        }
        assertThat(register(hunt, "Alicia").get("playerId")).isNotNull();
        assertThat(jdbc.sql("SELECT count(DISTINCT player_id) FROM player_handle WHERE hunt_id = ?").param(hunt)
                .query(Long.class).single()).isEqualTo(5);
    }

    @Test
    void handlesWithInvisibleCharactersAreRefused() {
        String hunt = openHunt(null);
        register(hunt, "Alice");
        // a variation selector, joiners and zero-width spaces, Hangul fillers, a bidi override
        for (String invisible : List.of("Alice\uFE0F", "Al\u200Dice", "Al\u200Bice", "Al\u200Cice",
                "\u3164\u3164\u3164", "Bob\u115F", "Bob\u1160", "Bob\uFFA0", "Bob\u2060", "Bo\u202Eb",
                "Bob\u00AD", "Bob\u034F", "Bob\uDB40\uDC20")) {
            var refused = post("/api/hunts/" + hunt + "/players", json(Map.of("handle", invisible)), null);
            assertThat(refused.status()).as(invisible).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").asText()).as(invisible).contains("invisible or formatting");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM player_handle WHERE hunt_id = ?").param(hunt)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void handlesHaveThreeToThirtyTwoSensibleCharacters() {
        String hunt = openHunt(null);
        for (String bad : List.of("ab", "x".repeat(33), "  a ", "<script>", "bad\u0000name", "tab\tname", "-dash")) {
            var refused = post("/api/hunts/" + hunt + "/players", json(Map.of("handle", bad)), null);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(register(hunt, "Zoë_Ünal-3").get("handle").asText()).isEqualTo("Zoë_Ünal-3");
        assertThat(register(hunt, "x".repeat(32)).get("playerId")).isNotNull();
    }

    @Test
    void registrationNeedsAnOpenHunt() {
        assertThat(post("/api/hunts/no-such-hunt/players", "{\"handle\":\"someone\"}", null).status()).isEqualTo(404);
        String draft = createHunt("{\"name\":\"Draft\"}");
        assertThat(post("/api/hunts/" + draft + "/players", "{\"handle\":\"someone\"}", null).status()).isEqualTo(409);
    }

    @Test
    void theTokenIsStoredOnlyAsAHash() {
        String hunt = openHunt(null);
        String token = register(hunt, "hashy").get("token").asText();
        long plain = jdbc.sql("""
                        SELECT (SELECT count(*) FROM domain_event_entry WHERE position(convert_to(?, 'UTF8') in payload) > 0)
                             + (SELECT count(*) FROM player_credential WHERE token_hash = ?)
                             + (SELECT count(*) FROM idempotency_record WHERE body LIKE '%' || ? || '%')
                        """).params(token, token, token).query(Long.class).single();
        assertThat(plain).isZero();
    }
}
