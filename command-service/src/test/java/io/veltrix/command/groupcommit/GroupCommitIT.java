package io.veltrix.command.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.command.CommandServiceIT;
import io.veltrix.command.idempotency.IdempotentCommands;
import io.veltrix.command.idempotency.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.support.TransactionTemplate;

/** Group commit against the real database: shared commits, isolation of failures, shedding. */
class GroupCommitIT extends CommandServiceIT {

    @Autowired
    GroupCommit groupCommit;
    @Autowired
    TransactionManager transactions;
    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate transactionTemplate;
    @Autowired
    ObjectMapper json;
    @Autowired
    EventStore eventStore;

    private final ExecutorService pool = Executors.newFixedThreadPool(40);
    private final List<GroupCommit> ownGroupCommits = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        for (GroupCommit own : ownGroupCommits) {
            own.destroy();
        }
    }

    @Test
    void concurrentFindsShareCommitsAndAreAllOnDisk() throws Exception {
        String hunt = createHunt("{\"name\":\"Shared commits\"}");
        String clue = addClue(hunt, "Bench", List.of("oak"), 10, null, 0);
        transition(hunt, "publish");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tokens.add(register(hunt, "sharer-" + i).get("token").asText());
        }
        transition(hunt, "start");
        GroupCommit.Stats before = groupCommit.stats();

        List<Callable<Integer>> finds = new ArrayList<>();
        for (String token : tokens) {
            finds.add(() -> post("/api/hunts/" + hunt + "/finds", "{\"clueId\":\"" + clue + "\",\"answer\":\"oak\"}",
                    bearer(token)).status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : pool.invokeAll(finds)) {
            statuses.add(status.get());
        }

        GroupCommit.Stats after = groupCommit.stats();
        assertThat(statuses).containsOnly(200);
        assertThat(after.items() - before.items()).isGreaterThanOrEqualTo(40);
        assertThat(after.commits() - before.commits()).isLessThan(after.items() - before.items());
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'io.veltrix.api.find.ClueFound'"
                        + " AND aggregate_identifier IN (SELECT player_id FROM player_handle WHERE hunt_id = ?)")
                .param(hunt).query(Long.class).single()).isEqualTo(40);
    }

    @Test
    void concurrentHintsShareCommitsAndEachPlayerPaysOnce() throws Exception {
        String hunt = createHunt("{\"name\":\"Shared hints\"}");
        String clue = addClue(hunt, "Bench", List.of("oak"), 10, "under the seat", 5);
        transition(hunt, "publish");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            tokens.add(register(hunt, "hinted-" + i).get("token").asText());
        }
        transition(hunt, "start");
        GroupCommit.Stats before = groupCommit.stats();

        List<Callable<Answer>> hints = new ArrayList<>();
        for (String token : tokens) {
            hints.add(() -> post("/api/hunts/" + hunt + "/hints/" + clue, null, bearer(token)));
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> answer : pool.invokeAll(hints)) {
            answers.add(answer.get());
        }

        GroupCommit.Stats after = groupCommit.stats();
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("penalty").asInt()).isEqualTo(5);
            assertThat(answer.json().get("hint").asText()).isEqualTo("under the seat");
        });
        assertThat(after.items() - before.items()).as("hints carried by the group commit").isGreaterThanOrEqualTo(30);
        assertThat(after.commits() - before.commits()).isLessThan(after.items() - before.items());
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'io.veltrix.api.find.HintTaken'"
                        + " AND aggregate_identifier IN (SELECT player_id FROM player_handle WHERE hunt_id = ?)")
                .param(hunt).query(Long.class).single()).isEqualTo(30);
    }

    @Test
    void aTeamBuyingTheSameHintManyTimesAtOncePaysOnce() throws Exception {
        String hunt = createHunt("{\"name\":\"Team hint\",\"teamSize\":4}");
        String clue = addClue(hunt, "Fountain", List.of("trident"), 100, "look down", 7);
        transition(hunt, "publish");
        var team = post("/api/hunts/" + hunt + "/teams", json(Map.of("name", unique("Owls"), "handle", unique("cap"))),
                null).json();
        String teamId = team.get("teamId").asText();
        List<String> tokens = new ArrayList<>(List.of(team.get("token").asText()));
        for (int i = 0; i < 3; i++) {
            tokens.add(post("/api/hunts/" + hunt + "/teams/" + teamId + "/members",
                    json(Map.of("handle", unique("member"), "joinCode", team.get("joinCode").asText())), null)
                    .json().get("token").asText());
        }
        transition(hunt, "start");
        GroupCommit.Stats before = groupCommit.stats();

        List<Callable<Answer>> hints = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String token : tokens) {
                hints.add(() -> post("/api/hunts/" + hunt + "/hints/" + clue, null, bearer(token)));
            }
        }
        List<Integer> penalties = new ArrayList<>();
        for (Future<Answer> answer : pool.invokeAll(hints)) {
            assertThat(answer.get().status()).isEqualTo(200);
            penalties.add(answer.get().json().get("penalty").asInt());
        }

        assertThat(penalties).hasSize(8).containsOnlyOnce(7).containsOnly(7, 0);
        assertThat(groupCommit.stats().items() - before.items()).isGreaterThanOrEqualTo(8);
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND payload_type = 'io.veltrix.api.team.TeamHintTaken'")
                .param(teamId).query(Long.class).single()).isEqualTo(1);
    }

    /** A hint retried with its Idempotency-Key, also while the first request is in flight, is answered as the first was. */
    @Test
    void aRetriedHintGetsItsFirstAnswer() throws Exception {
        String hunt = createHunt("{\"name\":\"Retried hint\"}");
        String clue = addClue(hunt, "Bench", List.of("oak"), 10, "under the seat", 5);
        transition(hunt, "publish");
        var player = register(hunt, unique("retry"));
        String token = player.get("token").asText();
        transition(hunt, "start");
        GroupCommit.Stats before = groupCommit.stats();

        List<Callable<Answer>> tries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tries.add(() -> post("/api/hunts/" + hunt + "/hints/" + clue, null, bearer(token),
                    "Idempotency-Key", "hint-once"));
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> answer : pool.invokeAll(tries)) {
            answers.add(answer.get());
        }
        Answer later = post("/api/hunts/" + hunt + "/hints/" + clue, null, bearer(token), "Idempotency-Key", "hint-once");
        Answer fresh = post("/api/hunts/" + hunt + "/hints/" + clue, null, bearer(token), "Idempotency-Key", "hint-again");

        answers.add(later);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().get("penalty").asInt()).as("the first answer, not a second purchase's").isEqualTo(5);
        });
        assertThat(fresh.json().get("penalty").asInt()).as("another request: already paid for").isZero();
        assertThat(groupCommit.stats().items() - before.items()).isGreaterThanOrEqualTo(8);
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND payload_type = 'io.veltrix.api.find.HintTaken'")
                .param(player.get("playerId").asText()).query(Long.class).single()).isEqualTo(1);
    }

    /**
     * Another command-service instance appended to a player's stream behind this instance's cached
     * copy of the player: the batch carrying the player's next find fails on the sequence clash and
     * is run once more as a batch (not each item alone), on the stored stream.
     */
    @Test
    void aBatchThatLostToAnotherInstancesAppendIsRunAgainAsABatch() throws Exception {
        String hunt = createHunt("{\"name\":\"Two instances\"}");
        String clue = addClue(hunt, "Bench", List.of("oak"), 10, null, 0);
        transition(hunt, "publish");
        List<String> tokens = new ArrayList<>();
        List<String> players = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            var registered = register(hunt, "pair-" + i);
            tokens.add(registered.get("token").asText());
            players.add(registered.get("playerId").asText());
        }
        transition(hunt, "start");
        String stale = players.get(0);
        assertThat(find(hunt, tokens.get(0), clue, "elm").status()).isEqualTo(200); // cached here from now on
        long sequence = jdbc.sql("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(stale).query(Long.class).single();
        // what the other instance appended for the same player meanwhile
        transactionTemplate.executeWithoutResult(status -> eventStore.publish(new GenericDomainEventMessage<>("Player",
                stale, sequence + 1, new ClueFindRejected(new PlayerId(stale), new HuntId(hunt), new ClueId(clue), 2))));
        GroupCommit.Stats before = groupCommit.stats();

        List<Callable<Integer>> finds = new ArrayList<>();
        for (String token : tokens) {
            finds.add(() -> find(hunt, token, clue, "oak").status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : pool.invokeAll(finds)) {
            statuses.add(status.get());
        }

        GroupCommit.Stats after = groupCommit.stats();
        assertThat(statuses).containsOnly(200);
        assertThat(after.conflictRetries() - before.conflictRetries()).isPositive();
        assertThat(after.items() - before.items()).as("every find committed in a batch, none alone").isEqualTo(12);
        assertThat(jdbc.sql("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(stale).query(Long.class).single()).isEqualTo(sequence + 2);
    }

    /**
     * Retries of finds (same Idempotency-Key) interleaved with fresh finds of the same players, all
     * at once: every retry gets its first answer, and every find event has its key's record. A build
     * that recorded the key after the decision lost the records of whole batches under load.
     */
    @Test
    void retriedFindsGetTheirFirstAnswerAndEveryFindEventHasItsRecord() throws Exception {
        String hunt = createHunt("{\"name\":\"Retries\"}");
        List<String> clues = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            clues.add(addClue(hunt, "Clue " + c, List.of("answer-" + c), 10, null, 0));
        }
        transition(hunt, "publish");
        List<String> tokens = new ArrayList<>();
        List<String> players = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            var registered = register(hunt, "retrier-" + i);
            tokens.add(registered.get("token").asText());
            players.add(registered.get("playerId").asText());
        }
        transition(hunt, "start");

        List<Callable<String[]>> finds = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < tokens.size(); i++) {
                for (int c = 0; c < clues.size(); c += 3) {
                    String token = tokens.get(i);
                    String key = "k-" + i + "-" + c;
                    String body = "{\"clueId\":\"" + clues.get(c) + "\",\"answer\":\"" + (c % 2 == 0 ? "answer-" + c : "nope") + "\"}";
                    finds.add(() -> new String[] {key, post("/api/hunts/" + hunt + "/finds", body, bearer(token),
                            "Idempotency-Key", key).raw().body()});
                }
            }
        }
        java.util.Map<String, java.util.Set<String>> answersByKey = new java.util.HashMap<>();
        for (Future<String[]> answer : pool.invokeAll(finds)) {
            String[] keyAndBody = answer.get();
            answersByKey.computeIfAbsent(keyAndBody[0], k -> new java.util.HashSet<>()).add(keyAndBody[1]);
        }

        assertThat(answersByKey).allSatisfy((key, answers) -> assertThat(answers).as(key).hasSize(1));
        long events = jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE 'io.veltrix.api.find.%'"
                + " AND aggregate_identifier IN (SELECT player_id FROM player_handle WHERE hunt_id = ?)")
                .param(hunt).query(Long.class).single();
        long records = jdbc.sql("SELECT count(*) FROM idempotency_record WHERE principal IN"
                + " (SELECT player_id FROM player_handle WHERE hunt_id = ?)").param(hunt).query(Long.class).single();
        assertThat(events).isEqualTo(answersByKey.size()).isEqualTo(records);
    }

    @Test
    void aRegistrationRefusedInsideABatchLeavesNoHandleClaimedBehind() throws Exception {
        String hunt = createHunt("{\"name\":\"One seat\",\"maxPlayers\":1}");
        addClue(hunt, "Only", List.of("yes"), 10, null, 0);
        transition(hunt, "publish");

        List<Callable<Integer>> registrations = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String handle = "seeker-" + i;
            registrations.add(() -> post("/api/hunts/" + hunt + "/players", json(Map.of("handle", handle)), null).status());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> status : pool.invokeAll(registrations)) {
            statuses.add(status.get());
        }

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, 29L));
        // a refused registration claimed its handle before it found the hunt full: its savepoint undid that
        assertThat(jdbc.sql("SELECT count(*) FROM player_handle WHERE hunt_id = ?").param(hunt).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void aBatchWhoseCommitFailsIsRunAgainItemByItem() throws Exception {
        jdbc.sql("CREATE TABLE IF NOT EXISTS group_commit_probe (v int, CONSTRAINT probe_unique UNIQUE (v)"
                + " DEFERRABLE INITIALLY DEFERRED)").update();
        jdbc.sql("TRUNCATE group_commit_probe").update();
        // one lane and a long window: everything submitted together lands in one batch
        GroupCommit lane = own(1, Duration.ofMillis(300), Duration.ofSeconds(30));
        List<Integer> values = List.of(1, 2, 3, 4, 5, 6, 7, 8, 3);

        List<Future<Integer>> results = new ArrayList<>();
        for (int v : values) {
            Supplier<Integer> insert = () -> {
                jdbc.sql("INSERT INTO group_commit_probe VALUES (?)").param(v).update();
                return v;
            };
            results.add(pool.submit(() -> lane.run("probe", null, insert,
                    () -> transactionTemplate.execute(status -> insert.get()))));
        }

        int succeeded = 0;
        int failed = 0;
        for (Future<Integer> result : results) {
            try {
                result.get(30, TimeUnit.SECONDS);
                succeeded++;
            } catch (java.util.concurrent.ExecutionException e) {
                failed++;
            }
        }
        // the duplicate only shows at COMMIT, failing the shared transaction; alone, only it fails
        assertThat(succeeded).isEqualTo(8);
        assertThat(failed).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM group_commit_probe").query(Long.class).single()).isEqualTo(8);
        assertThat(lane.stats().commits()).isZero();
    }

    /**
     * A lane whose last batch had no failing item runs the next one without a savepoint per item;
     * an item failing there rolls that try back, and the batch runs again with savepoints, so only
     * the failed item's work is undone. After a batch with a failure the next starts with them.
     */
    @Test
    void anItemFailingInABatchWithoutSavepointsRunsTheBatchAgainWithThem() throws Exception {
        jdbc.sql("CREATE TABLE IF NOT EXISTS group_commit_guard_probe (v int PRIMARY KEY)").update();
        jdbc.sql("TRUNCATE group_commit_guard_probe").update();
        GroupCommit lane = own(1, Duration.ofMillis(300), Duration.ofSeconds(30));
        Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        Function<List<Integer>, List<Throwable>> batch = values -> {
            List<Future<Integer>> results = new ArrayList<>();
            for (int v : values) {
                Supplier<Integer> work = () -> {
                    runs.computeIfAbsent(v, k -> new AtomicInteger()).incrementAndGet();
                    jdbc.sql("INSERT INTO group_commit_guard_probe VALUES (?)").param(v).update();
                    if (v < 0) {
                        // after its write: that write must be undone, the others' kept
                        throw RuleViolation.invalid("negative", "no negative values");
                    }
                    return v;
                };
                results.add(pool.submit(() -> lane.run("probe", "aggregate-" + v, work, work)));
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<Integer> result : results) {
                Throwable failure = catchThrowable(() -> result.get(30, TimeUnit.SECONDS));
                if (failure != null) {
                    failures.add(failure.getCause());
                }
            }
            return failures;
        };

        assertThat(batch.apply(List.of(1, 2, 3))).isEmpty();
        assertThat(lane.stats().guardedReruns()).isZero();

        // no savepoints in this one (the last had no failure): -12 fails, the batch runs again with them
        assertThat(batch.apply(List.of(10, 11, -12, 13))).singleElement().isInstanceOf(RuleViolation.class);
        assertThat(lane.stats().guardedReruns()).isEqualTo(1);
        assertThat(runs.get(-12)).hasValue(2);

        // savepoints from the start (the last had a failure): -21 runs once
        assertThat(batch.apply(List.of(20, -21, 22))).singleElement().isInstanceOf(RuleViolation.class);
        assertThat(lane.stats().guardedReruns()).isEqualTo(1);
        assertThat(runs.get(-21)).hasValue(1);

        // a batch without a failure, and the next goes without savepoints again
        assertThat(batch.apply(List.of(30, 31))).isEmpty();
        assertThat(batch.apply(List.of(-40, 41))).singleElement().isInstanceOf(RuleViolation.class);
        assertThat(lane.stats().guardedReruns()).isEqualTo(2);
        assertThat(runs.get(-40)).hasValue(2);

        assertThat(jdbc.sql("SELECT v FROM group_commit_guard_probe ORDER BY v").query(Integer.class).list())
                .containsExactly(1, 2, 3, 10, 11, 13, 20, 22, 30, 31, 41);
        assertThat(lane.stats().commits()).isEqualTo(5);
    }

    /**
     * The replies of a batch's keyed requests are stored together at its commit; a request of the
     * same batch that repeats a key an earlier one claimed gets that one's reply, which is then not
     * stored yet: it is written first.
     */
    @Test
    void aKeyRepeatedWithinABatchGetsTheReplyOfTheRequestThatClaimedIt() throws Exception {
        GroupCommit lane = own(1, Duration.ofMillis(300), Duration.ofSeconds(30));
        IdempotentCommands commands = new IdempotentCommands(transactions, jdbc, json, Duration.ofHours(1), lane);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> blocker = occupy(lane, release);
        String principal = "batch-" + System.nanoTime();
        AtomicInteger runs = new AtomicInteger();
        List<Future<Reply>> replies = new ArrayList<>();
        for (String key : List.of("first", "first", "second")) {
            replies.add(pool.submit(() -> commands.runGrouped("k", null, principal, key, "POST /probe " + key,
                    () -> new Reply(201, JSON.createObjectNode().put("run", runs.incrementAndGet()), false, 0))));
            Thread.sleep(20); // queued in this order
        }
        release.countDown();

        assertThat(blocker.get(10, TimeUnit.SECONDS)).isZero();
        Reply first = replies.get(0).get(10, TimeUnit.SECONDS);
        assertThat(replies.get(1).get(10, TimeUnit.SECONDS)).isEqualTo(first);
        assertThat(replies.get(2).get(10, TimeUnit.SECONDS).body().get("run").asInt()).isEqualTo(2);
        assertThat(runs).hasValue(2);
        assertThat(lane.stats().commits()).as("the blocker's batch, then the three requests'").isEqualTo(2);
        assertThat(jdbc.sql("SELECT idem_key, status, body FROM idempotency_record WHERE principal = ? ORDER BY idem_key")
                .param(principal)
                .query((rs, n) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3)).list())
                .containsExactly("first 201 " + json.writeValueAsString(first), "second 201 "
                        + json.writeValueAsString(replies.get(2).get()));
    }

    /**
     * A batch claims its requests' keys together before they run; a request that fails within the
     * batch gives its claim back, so a request of the same batch sending the same key runs (as it
     * would had the first failed alone), and the key ends with that one's reply.
     */
    @Test
    void aRequestFailingInABatchGivesBackTheKeyTheBatchClaimedForIt() throws Exception {
        GroupCommit lane = own(1, Duration.ofMillis(300), Duration.ofSeconds(30));
        IdempotentCommands commands = new IdempotentCommands(transactions, jdbc, json, Duration.ofHours(1), lane);
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> blocker = occupy(lane, release);
        String principal = "giver-" + System.nanoTime();
        List<Supplier<Reply>> actions = List.of(
                () -> new Reply(201, JSON.createObjectNode().put("for", "other"), false, 0),
                () -> {
                    throw RuleViolation.conflict("probe-refused", "this one is refused");
                },
                () -> new Reply(201, JSON.createObjectNode().put("for", "retry"), false, 0));
        List<String> keys = List.of("other", "shared", "shared");
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Supplier<Reply> action = actions.get(i);
            String key = keys.get(i);
            replies.add(pool.submit(() -> commands.runGrouped("k", null, principal, key, "POST /probe", action)));
            Thread.sleep(20); // queued in this order
        }
        release.countDown();

        assertThat(blocker.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(replies.get(0).get(10, TimeUnit.SECONDS).body().get("for").asText()).isEqualTo("other");
        assertThat(catchThrowable(() -> replies.get(1).get(10, TimeUnit.SECONDS))).cause()
                .isInstanceOf(RuleViolation.class);
        assertThat(replies.get(2).get(10, TimeUnit.SECONDS).body().get("for").asText()).isEqualTo("retry");
        assertThat(jdbc.sql("SELECT idem_key || ' ' || status FROM idempotency_record WHERE principal = ? ORDER BY idem_key")
                .param(principal).query(String.class).list())
                .containsExactly("other 201", "shared 201");
    }

    /**
     * Two requests of one aggregate never share a batch, but the requests queued behind the second
     * do not wait for it: A1 A2 B1 B2 commit as [A1 B1] [A2 B2], not [A1] [A2 B1] [B2].
     */
    @Test
    void anItemHeldForItsAggregateDoesNotHoldBackTheOthers() throws Exception {
        GroupCommit lane = own(1, Duration.ofMillis(300), Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> blocker = occupy(lane, release);
        List<Future<String>> queued = new ArrayList<>();
        for (String aggregate : List.of("A", "A", "B", "B")) {
            queued.add(pool.submit(() -> lane.run("k", aggregate, () -> aggregate, () -> aggregate)));
            Thread.sleep(20); // queued in this order
        }
        release.countDown();

        assertThat(blocker.get(10, TimeUnit.SECONDS)).isZero();
        for (Future<String> item : queued) {
            assertThat(item.get(10, TimeUnit.SECONDS)).isIn("A", "B");
        }
        assertThat(lane.stats().items()).isEqualTo(5);
        assertThat(lane.stats().commits()).as("the blocker's batch, then [A B] twice").isEqualTo(3);
    }

    @Test
    void aRequestQueuedLongerThanItMayIsRefusedWithoutRunning() throws Exception {
        GroupCommit lane = own(1, Duration.ZERO, Duration.ofMillis(20));
        CountDownLatch release = new CountDownLatch(1);
        Future<Integer> slow = occupy(lane, release);

        AtomicInteger ran = new AtomicInteger();
        List<Future<Integer>> late = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            late.add(pool.submit(() -> lane.run("k", null, ran::incrementAndGet, ran::incrementAndGet)));
        }
        Thread.sleep(50);
        assertThat(lane.saturated()).isTrue();
        release.countDown();

        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo(0);
        for (Future<Integer> refused : late) {
            Throwable failure = catchThrowable(() -> refused.get(10, TimeUnit.SECONDS)).getCause();
            assertThat(failure).isInstanceOf(RuleViolation.class);
            assertThat(((RuleViolation) failure).kind()).isEqualTo(RuleViolation.Kind.UNAVAILABLE);
            assertThat(((RuleViolation) failure).retryAfterSeconds()).isPositive();
        }
        assertThat(ran).hasValue(0);
        assertThat(lane.stats().shed()).isEqualTo(5);
        assertThat(lane.saturated()).isFalse();
    }

    @Test
    void theEdgeRefusesFindsHintsAndRegistrationsWhileSaturatedAndNothingElse() throws Exception {
        GroupCommit lane = own(1, Duration.ZERO, Duration.ofMillis(20));
        CountDownLatch blocking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        pool.submit(() -> lane.run("k", null, () -> {
            blocking.countDown();
            await(release);
            return 1;
        }, () -> 1));
        blocking.await(10, TimeUnit.SECONDS);
        pool.submit(() -> lane.run("k", null, () -> 2, () -> 2));
        Thread.sleep(30);
        AdmissionFilter edge = new AdmissionFilter(lane, new WorkerBacklog(), 100, Duration.ZERO, json);

        MockHttpServletResponse find = through(edge, "POST", "/api/hunts/h1/finds");
        MockHttpServletResponse registration = through(edge, "POST", "/api/hunts/h1/players");
        MockHttpServletResponse hint = through(edge, "POST", "/api/hunts/h1/hints/c1");
        MockHttpServletResponse start = through(edge, "POST", "/api/hunts/h1/start");
        MockHttpServletResponse read = through(edge, "GET", "/api/hunts/h1/players");
        release.countDown();

        assertThat(find.getStatus()).isEqualTo(503);
        assertThat(find.getHeader("Retry-After")).isEqualTo("1");
        assertThat(find.getContentType()).isEqualTo("application/problem+json");
        assertThat(JSON.readTree(find.getContentAsString()).get("status").asInt()).isEqualTo(503);
        assertThat(registration.getStatus()).isEqualTo(503);
        assertThat(hint.getStatus()).isEqualTo(503);
        assertThat(start.getStatus()).isEqualTo(200);
        assertThat(read.getStatus()).isEqualTo(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lane.saturated() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(through(edge, "POST", "/api/hunts/h1/finds").getStatus()).isEqualTo(200);
    }

    @Test
    void onlyFindsHintsAndRegistrationsAreSubjectToAdmission() {
        assertThat(HotRequests.isHot("/api/hunts/abc/finds")).isTrue();
        assertThat(HotRequests.isHot("/api/hunts/abc/players")).isTrue();
        assertThat(HotRequests.isHot("/api/hunts/abc/hints/c1")).isTrue();
        assertThat(HotRequests.isHot("/api/hunts/abc/players/p1/disqualify")).isFalse();
        assertThat(HotRequests.isHot("/api/hunts/abc/hints")).isFalse();
        assertThat(HotRequests.isHot("/api/hunts/abc/hints/")).isFalse();
        assertThat(HotRequests.isHot("/api/hunts/abc/hints/c1/x")).isFalse();
        assertThat(HotRequests.isHot("/api/hunts/hints/c1")).isFalse();
        assertThat(HotRequests.isHot("/api/hunts")).isFalse();
        assertThat(HotRequests.isHot("/api/hunts/abc")).isFalse();
        assertThat(HotRequests.isHot("/api/hunts/finds")).isFalse();
    }

    @Test
    void teamCreationsAndJoinsAreSubjectToAdmissionLikeRegistrations() {
        assertThat(HotRequests.isHot("/api/hunts/abc/teams")).isTrue();
        assertThat(HotRequests.isHot("/api/hunts/abc/teams/t1/members")).isTrue();
        assertThat(HotRequests.isHot("/api/hunts/abc/teams/t1/members/p1/remove")).isFalse();
        assertThat(HotRequests.isHot("/api/hunts/abc/teams/t1/disqualify")).isFalse();
        assertThat(HotRequests.isHot("/api/hunts/abc/teams//members")).isFalse();
        assertThat(HotRequests.isHot("/api/hunts/teams/t1/members")).isFalse();
    }

    private static MockHttpServletResponse through(AdmissionFilter edge, String method, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        MockHttpServletResponse response = new MockHttpServletResponse();
        edge.doFilter(request, response, new MockFilterChain());
        return response;
    }

    /** Keeps the lane's thread busy (its work answers 0) until {@code release}: what is queued meanwhile shares the next batch. */
    private Future<Integer> occupy(GroupCommit lane, CountDownLatch release) throws InterruptedException {
        CountDownLatch blocking = new CountDownLatch(1);
        Future<Integer> blocker = pool.submit(() -> lane.run("k", null, () -> {
            blocking.countDown();
            await(release);
            return 0;
        }, () -> 0));
        blocking.await(10, TimeUnit.SECONDS);
        return blocker;
    }

    private GroupCommit own(int lanes, Duration window, Duration maxQueueWait) {
        GroupCommit own = new GroupCommit(transactions, dataSource, lanes, 64, 64, window, maxQueueWait, 1);
        ownGroupCommits.add(own);
        return own;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
