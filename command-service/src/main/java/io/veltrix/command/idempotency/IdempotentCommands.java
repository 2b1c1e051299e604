package io.veltrix.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.Digests;
import io.veltrix.api.rule.RuleViolation;
import io.veltrix.command.groupcommit.GroupCommit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs an HTTP request's commands in one unit of work and one database transaction, together
 * with its Idempotency-Key bookkeeping: the key is claimed, the commands run, their events are
 * appended and the reply is stored, all committed at once or not at all. A retry with the same
 * key gets the stored reply and appends nothing. Command handlers run in nested units of work,
 * so their aggregates stay locked until this transaction has committed.
 */
@Component
public class IdempotentCommands {

    private static final Logger log = LoggerFactory.getLogger(IdempotentCommands.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final int ATTEMPTS = 3;
    /** A random UUID has 36: at this length a key from any random generator is beyond guessing. */
    static final int MIN_SECRET_KEY_LENGTH = 32;

    private final TransactionManager transactions;
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Duration retention;
    private final GroupCommit groupCommit;
    private final BatchClaims batchClaims = new BatchClaims();

    public IdempotentCommands(TransactionManager transactions, JdbcClient jdbc, ObjectMapper json,
                              @Value("${veltrix.idempotency.retention:24h}") Duration retention,
                              GroupCommit groupCommit) {
        this.transactions = transactions;
        this.groupCommit = groupCommit;
        this.jdbc = jdbc;
        this.json = json;
        this.retention = retention;
    }

    /**
     * @param principal   who asks (keys are scoped by caller)
     * @param key         the Idempotency-Key header, or null
     * @param fingerprint what was asked (method, path, body): a reused key with another request is a 422
     * @param action      dispatches the commands and builds the reply
     */
    public Reply run(String principal, String key, String fingerprint, Supplier<Reply> action) {
        Claim claim = claim(principal, key, fingerprint);
        return runAlone(() -> claimRunAndStore(claim, action));
    }

    /**
     * Like {@link #run}, in a transaction shared with concurrent requests ({@link GroupCommit}): the
     * requests of a launch-day crowd: finds, hints, registrations, team creations and joins.
     *
     * @param laneKey      what must always be decided by one lane: the player, or the hunt registered for
     * @param aggregateKey the aggregate the commands change, null when they create one
     */
    public Reply runGrouped(String laneKey, String aggregateKey, String principal, String key, String fingerprint,
                            Supplier<Reply> action) {
        Claim claim = claim(principal, key, fingerprint);
        Supplier<Reply> work = () -> claimRunAndStore(claim, action);
        return groupCommit.run(laneKey, aggregateKey, batchClaims, claim, work, () -> runAlone(work));
    }

    /**
     * The Idempotency-Key of a request whose replay hands out a secret (an anonymous registration
     * answers with the player's token): the key is then the only proof that a retry comes from the
     * client that asked first, so it must be too long to guess, and it is kept only as a hash, which
     * no one reading the database can replay. Null for null.
     */
    public static String secretKey(String key) {
        if (key == null) {
            return null;
        }
        checkFormat(key);
        if (key.length() < MIN_SECRET_KEY_LENGTH) {
            throw RuleViolation.invalid("weak-idempotency-key", "the Idempotency-Key of a registration proves a retry"
                    + " comes from you, so it has at least " + MIN_SECRET_KEY_LENGTH + " characters: use a random UUID");
        }
        return "sha256:" + Digests.sha256Hex(key);
    }

    /** The claim a request with this key makes, null without a key. */
    private static Claim claim(String principal, String key, String fingerprint) {
        if (key == null) {
            return null;
        }
        checkFormat(key);
        return new Claim(principal, key, Digests.sha256Hex(fingerprint));
    }

    private static void checkFormat(String key) {
        if (!KEY.matcher(key).matches()) {
            throw RuleViolation.invalid("invalid-idempotency-key",
                    "an Idempotency-Key has 1 to 200 printable ASCII characters");
        }
    }

    private Reply runAlone(Supplier<Reply> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work);
            } catch (ConcurrencyException | ConcurrencyFailureException e) {
                // Another instance appended to the same aggregate first, PostgreSQL broke a lock
                // cycle, or every row this needs stayed locked: nothing was committed, so decide again.
                if (attempt == ATTEMPTS) {
                    if (e instanceof PessimisticLockingFailureException) {
                        throw RuleViolation.unavailable("busy",
                                "Too many concurrent requests for the same rows; nothing was recorded. Retry shortly.", 1);
                    }
                    throw e;
                }
                log.debug("concurrent append, retrying ({}/{})", attempt, ATTEMPTS);
            }
        }
    }

    private Reply runOnce(Supplier<Reply> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<Reply> result = unitOfWork.executeWithResult(work::get);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    private Reply claimRunAndStore(Claim claim, Supplier<Reply> action) {
        if (claim != null) {
            Optional<Reply> earlier = claimed(claim);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Reply reply = action.get();
        if (claim != null) {
            store(claim.principal, claim.key, reply);
        }
        return reply;
    }

    /** Claims the key, unless the batch did already; the reply stored for it earlier when there is one. */
    private Optional<Reply> claimed(Claim claim) {
        Set<Claim> claimedByBatch = CurrentUnitOfWork.get().root().getResource(BatchClaims.RESOURCE);
        if (claimedByBatch != null && claimedByBatch.contains(claim)) {
            return Optional.empty();
        }
        // A concurrent request with the same key blocks here until the first one commits.
        int inserted = jdbc.sql("""
                        INSERT INTO idempotency_record (principal, idem_key, fingerprint) VALUES (?, ?, ?)
                        ON CONFLICT (principal, idem_key) DO NOTHING
                        """)
                .params(claim.principal, claim.key, claim.fingerprint)
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        return recorded(claim.principal, claim.key, claim.fingerprint);
    }

    /**
     * What a request with an Idempotency-Key claims: compared by identity, for each is one request's
     * even when two requests send the same key.
     */
    private static final class Claim {
        final String principal;
        final String key;
        final String fingerprint;

        Claim(String principal, String key, String fingerprint) {
            this.principal = principal;
            this.key = key;
            this.fingerprint = fingerprint;
        }
    }

    /**
     * The keys of a shared transaction's requests, claimed in one statement before any of them runs.
     * When two of its requests send the same key, the first gets the claim; the second claims on its
     * own when it runs, and so finds the first's reply, or claims anew if the first was undone. A
     * request undone within the batch gives its claim back: a retry then runs, as it would had the
     * request failed alone.
     */
    private final class BatchClaims implements GroupCommit.Preparation<Claim> {
        static final String RESOURCE = BatchClaims.class.getName();

        @Override
        public void prepare(List<Claim> asks) {
            Map<List<String>, Claim> first = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                    .thenComparing(k -> k.get(1)));
            for (Claim claim : asks) {
                first.putIfAbsent(List.of(claim.principal, claim.key), claim);
            }
            // in key order, so two transactions claiming some of the same keys take them in one order
            List<Claim> claims = new ArrayList<>(first.values());
            Set<List<String>> inserted = jdbc.sql("""
                            INSERT INTO idempotency_record (principal, idem_key, fingerprint)
                            SELECT * FROM unnest(?::text[], ?::text[], ?::text[])
                            ON CONFLICT (principal, idem_key) DO NOTHING
                            RETURNING principal, idem_key
                            """)
                    .params(claims.stream().map(c -> c.principal).toArray(String[]::new),
                            claims.stream().map(c -> c.key).toArray(String[]::new),
                            claims.stream().map(c -> c.fingerprint).toArray(String[]::new))
                    .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                    .set();
            Set<Claim> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Claim claim : claims) {
                if (inserted.contains(List.of(claim.principal, claim.key))) {
                    claimed.add(claim);
                }
            }
            CurrentUnitOfWork.get().root().resources().put(RESOURCE, claimed);
        }

        @Override
        public void abandon(Claim claim) {
            Set<Claim> claimed = CurrentUnitOfWork.get().root().getResource(RESOURCE);
            if (claimed != null && claimed.remove(claim)) {
                jdbc.sql("DELETE FROM idempotency_record WHERE principal = ? AND idem_key = ?")
                        .params(claim.principal, claim.key)
                        .update();
            }
        }
    }

    private Optional<Reply> recorded(String principal, String key, String fingerprint) {
        // an earlier request of this transaction may have claimed the key: its reply is written first
        PendingReplies pending = CurrentUnitOfWork.get().root().getResource(PendingReplies.RESOURCE);
        if (pending != null) {
            pending.write();
        }
        return jdbc.sql("SELECT fingerprint, status, body FROM idempotency_record WHERE principal = ? AND idem_key = ?")
                .params(principal, key)
                .query((rs, n) -> {
                    if (!fingerprint.equals(rs.getString(1))) {
                        throw RuleViolation.unprocessable("idempotency-key-reused",
                                "this Idempotency-Key was already used for a different request");
                    }
                    return parse(rs.getString(3));
                })
                .optional();
    }

    /**
     * Stores the reply with its claim when the transaction commits: the replies of all requests
     * that share a transaction go in one statement. A request run in a nested unit of work adds its
     * reply only once that unit has committed, so a request undone within the batch (rolled back to
     * its savepoint) leaves none behind.
     */
    private void store(String principal, String key, Reply reply) {
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        UnitOfWork<?> root = current.root();
        PendingReplies pending = root.getOrComputeResource(PendingReplies.RESOURCE, name -> {
            PendingReplies created = new PendingReplies();
            root.onPrepareCommit(u -> created.write());
            return created;
        });
        StoredReply stored = new StoredReply(principal, key, reply.status(), write(reply));
        if (current.isRoot()) {
            pending.add(stored);
        } else {
            current.onCommit(u -> pending.add(stored));
        }
    }

    private record StoredReply(String principal, String key, int status, String body) {
    }

    /** The replies a transaction still has to store. */
    private final class PendingReplies {
        static final String RESOURCE = PendingReplies.class.getName();
        private final List<StoredReply> replies = new ArrayList<>();

        void add(StoredReply reply) {
            replies.add(reply);
        }

        void write() {
            if (replies.isEmpty()) {
                return;
            }
            jdbc.sql("""
                            UPDATE idempotency_record r SET status = v.status, body = v.body
                            FROM unnest(?::text[], ?::text[], ?::int[], ?::text[]) AS v (principal, idem_key, status, body)
                            WHERE r.principal = v.principal AND r.idem_key = v.idem_key
                            """)
                    .params(replies.stream().map(StoredReply::principal).toArray(String[]::new),
                            replies.stream().map(StoredReply::key).toArray(String[]::new),
                            replies.stream().map(StoredReply::status).toArray(Integer[]::new),
                            replies.stream().map(StoredReply::body).toArray(String[]::new))
                    .update();
            replies.clear();
        }
    }

    private String write(Reply reply) {
        try {
            return json.writeValueAsString(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reply is always serializable", e);
        }
    }

    private Reply parse(String stored) {
        try {
            return json.readValue(stored, Reply.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable idempotency record", e);
        }
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void forgetOldKeys() {
        int removed = jdbc.sql("DELETE FROM idempotency_record WHERE created_at < now() - make_interval(secs => ?)")
                .param((double) retention.toSeconds())
                .update();
        if (removed > 0) {
            log.info("forgot {} idempotency records older than {}", removed, retention);
        }
    }
}
