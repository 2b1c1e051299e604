package io.veltrix.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.veltrix.command.CommandServiceIT;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A retry with the same Idempotency-Key returns the first outcome and appends nothing. */
class IdempotencyIT extends CommandServiceIT {

    private long eventsOf(String aggregateId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(aggregateId).query(Long.class).single();
    }

    @Test
    void aRetriedFindReturnsTheFirstOutcomeAndAppendsNothing() {
        String hunt = createHunt("{\"name\":\"Retry\"}");
        String clue = addClue(hunt, "Clue", List.of("gold"), 40, null, 0);
        transition(hunt, "publish");
        transition(hunt, "start");
        var player = register(hunt, "retrier");
        String token = player.get("token").asText();
        String playerId = player.get("playerId").asText();

        var first = find(hunt, token, clue, "gold", "Idempotency-Key", "find-1");
        long events = eventsOf(playerId);
        var retry = find(hunt, token, clue, "gold", "Idempotency-Key", "find-1");
        assertThat(first.json().get("outcome").asText()).isEqualTo("FOUND");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(eventsOf(playerId)).isEqualTo(events);

        var reused = find(hunt, token, clue, "silver", "Idempotency-Key", "find-1");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(eventsOf(playerId)).isEqualTo(events);

        var fresh = find(hunt, token, clue, "gold", "Idempotency-Key", "find-2");
        assertThat(fresh.json().get("outcome").asText()).isEqualTo("ALREADY_FOUND");
        assertThat(eventsOf(playerId)).isEqualTo(events + 1);
    }

    @Test
    void concurrentDuplicatesOfARegistrationCreateOnePlayerAndAllGetItsToken() throws Exception {
        String hunt = createHunt("{\"name\":\"Dupes\"}");
        addClue(hunt, "Clue", List.of("x"), 1, null, 0);
        transition(hunt, "publish");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Answer>> duplicates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            duplicates.add(() -> post("/api/hunts/" + hunt + "/players", "{\"handle\":\"twin\"}", null,
                    "Idempotency-Key", "reg-" + hunt));
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : pool.invokeAll(duplicates)) {
            answers.add(f.get());
        }
        pool.shutdown();
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isEqualTo(201));
        assertThat(answers.stream().map(a -> a.json().get("playerId").asText()).distinct()).hasSize(1);
        assertThat(answers.stream().map(a -> a.json().get("token").asText()).distinct()).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM player_handle WHERE hunt_id = ?").param(hunt).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aRetriedHuntCreationCreatesOneHunt() {
        var first = post("/api/hunts", "{\"name\":\"Once\"}", ORGANIZER, "Idempotency-Key", "create-once");
        var retry = post("/api/hunts", "{\"name\":\"Once\"}", ORGANIZER, "Idempotency-Key", "create-once");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("huntId")).isEqualTo(first.json().get("huntId"));
        // The outcome is in PostgreSQL, so it survives a restart of the service.
        assertThat(jdbc.sql("SELECT status FROM idempotency_record WHERE idem_key = 'create-once'")
                .query(Integer.class).single()).isEqualTo(201);
        assertThat(post("/api/hunts", "{\"name\":\"Once\"}", ORGANIZER, "Idempotency-Key", "bad key with spaces")
                .status()).isEqualTo(400);
    }

    @Test
    void aRegistrationsKeyIsASecretTooLongToGuessAndStoredOnlyAsAHash() {
        String hunt = createHunt("{\"name\":\"Replays\"}");
        addClue(hunt, "Clue", List.of("x"), 1, null, 0);
        transition(hunt, "publish");
        String path = "/api/hunts/" + hunt + "/players";

        // a guessable key would let anyone replay the registration and take the player's token
        var weak = post(path, "{\"handle\":\"alice\"}", null, "Idempotency-Key", "register-alice");
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.json().get("type").asText()).endsWith("/weak-idempotency-key");
        assertThat(jdbc.sql("SELECT count(*) FROM player_handle WHERE hunt_id = ?").param(hunt).query(Long.class).single())
                .isZero();

        String key = java.util.UUID.randomUUID().toString();
        var first = post(path, "{\"handle\":\"alice\"}", null, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        // the client retrying over a flaky network still gets its token
        var retry = post(path, "{\"handle\":\"alice\"}", null, "Idempotency-Key", key);
        assertThat(retry.json().get("token").asText()).isEqualTo(first.json().get("token").asText());
        // anyone else with the handle but without the key gets no token
        var other = post(path, "{\"handle\":\"alice\"}", null, "Idempotency-Key", java.util.UUID.randomUUID().toString());
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().has("token")).isFalse();
        // a reader of the database cannot replay it either
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_record WHERE position(? in idem_key) > 0")
                .param(key).query(Long.class).single()).isZero();
    }
}
