package io.veltrix.command.hotpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.veltrix.command.CommandServiceIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A find waiting for its batch's commit holds no worker thread: with two workers, while one
 * batch's {@code COMMIT} is held up (a deferred trigger sleeps in it, as a flush the disk holds up
 * would), three more finds queue for the next batch and a fourth request is still answered at
 * once. Were the finds to wait on their workers, the first two would hold both and the others,
 * the fourth request too, would wait for the commit. Every find is then answered as decided.
 */
@TestPropertySource(properties = {"server.tomcat.threads.max=2", "server.tomcat.threads.min-spare=2",
        // neither admission rule may refuse the finds queued behind the stalled commit
        "veltrix.admission.grace=40s", "veltrix.admission.max-waiting-requests=64"})
class FindsAwaitingCommitIT extends CommandServiceIT {

    private static final int STALL_SECONDS = 6;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String table;

    @BeforeEach
    void eventTable() {
        String schema = superuser().sql("SELECT schemaname FROM pg_tables WHERE tablename = 'domain_event_entry'")
                .query(String.class).single();
        table = schema + ".domain_event_entry";
    }

    @AfterEach
    void noMoreStalls() {
        // waits for a stalled commit's lock on the table, so no later test meets the trigger
        superuser().sql("DROP TRIGGER IF EXISTS stall_commit ON " + table).update();
        superuser().sql("DROP FUNCTION IF EXISTS stall_commit()").update();
    }

    @Test
    void findsQueuedBehindAStalledCommitLeaveTheWorkersFree() throws Exception {
        String hunt = createHunt("{\"name\":\"Held-up flush\"}");
        String clue = addClue(hunt, "Lighthouse", List.of("lamp"), 10, null, 0);
        transition(hunt, "publish");
        List<String> tokens = new ArrayList<>();
        List<String> players = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var registered = register(hunt, unique("flush"));
            tokens.add(registered.get("token").asText());
            players.add(registered.get("playerId").asText());
        }
        transition(hunt, "start");
        // the COMMIT of the transaction that appends the first player's find sleeps, once
        superuser().sql("""
                CREATE FUNCTION stall_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.aggregate_identifier = TG_ARGV[0]
                            AND coalesce(current_setting('veltrix.test_stalled', true), '') = '' THEN
                        PERFORM set_config('veltrix.test_stalled', 'yes', true);
                        PERFORM pg_sleep(%d);
                    END IF;
                    RETURN NULL;
                END $$""".formatted(STALL_SECONDS)).update();
        superuser().sql("CREATE CONSTRAINT TRIGGER stall_commit AFTER INSERT ON " + table
                + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stall_commit('" + players.get(0) + "')")
                .update();

        List<CompletableFuture<HttpResponse<String>>> finds = new ArrayList<>();
        finds.add(sendFind(hunt, clue, tokens.get(0)));
        await().atMost(Duration.ofSeconds(20)).until(this::aCommitSleeps);
        for (int i = 1; i < 4; i++) {
            finds.add(sendFind(hunt, clue, tokens.get(i)));
        }

        // the fourth request (no token: the full stack answers 401) finds a worker free
        long sent = System.nanoTime();
        Answer other = post("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"" + clue + "\",\"answer\":\"lamp\"}", null);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertThat(other.status()).isEqualTo(401);
        assertThat(aCommitSleeps()).as("the commit still sleeps when the other request is answered (after %d ms)",
                tookMillis).isTrue();
        assertThat(finds).noneMatch(CompletableFuture::isDone);

        for (CompletableFuture<HttpResponse<String>> find : finds) {
            HttpResponse<String> answer = find.get(60, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).get("outcome").asText()).isEqualTo("FOUND");
        }
        // each acknowledged find is on disk
        assertThat(superuser().sql("SELECT count(*) FROM " + table
                        + " WHERE payload_type = 'io.veltrix.api.find.ClueFound' AND aggregate_identifier IN (:players)")
                .param("players", players).query(Long.class).single()).isEqualTo(4);
    }

    private CompletableFuture<HttpResponse<String>> sendFind(String hunt, String clue, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/hunts/" + hunt + "/finds"))
                .header("Content-Type", "application/json")
                .header("Authorization", bearer(token))
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("clueId", clue, "answer", "lamp"))))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Whether a backend is sleeping in the trigger now. */
    private boolean aCommitSleeps() {
        return superuser().sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'")
                .query(Long.class).single() > 0;
    }
}
