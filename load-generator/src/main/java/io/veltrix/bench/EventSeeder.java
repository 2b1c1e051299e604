package io.veltrix.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.HashChain;
import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.find.ClueFindRepeated;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntEnded;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntPublished;
import io.veltrix.api.hunt.HuntStarted;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.ScoreAdjusted;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The {@code seed} phase: appends {@code --seed-events} events straight into
 * {@code domain_event_entry} with JDBC batches, as the command side would have stored them —
 * canonical JSON payloads, the payload revision of each type, the stream hash chain in the
 * metadata, consecutive sequence numbers — so a replay has a large, valid store to chew on.
 * Whole hunts of {@link #PLAYERS} players and {@link #CLUES} clues, played with finds, wrong
 * answers, hints, repeats and a few adjustments; each hunt ends after {@link #EVENTS_PER_HUNT} events.
 */
final class EventSeeder {

    static final int PLAYERS = 1_000;
    static final int CLUES = 20;
    static final int EVENTS_PER_HUNT = 20_000;
    private static final int BATCH = 5_000;
    private static final DateTimeFormatter AXON_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Options o;
    private final ObjectMapper json = CanonicalJson.mapper();
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, String> hashes = new HashMap<>();
    private final List<Object[]> pending = new ArrayList<>(BATCH);
    private Instant clock;

    EventSeeder(Options o) {
        this.o = o;
    }

    Map<String, Object> run() throws Exception {
        long target = o.longValue("seed-events");
        Random random = new Random(o.longValue("random-seed"));
        clock = Instant.now().minusMillis(target + 1_000);
        Map<String, Object> out = new LinkedHashMap<>();
        String url = o.string("jdbc-url") + (o.string("jdbc-url").contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        long t0 = System.nanoTime();
        long written = 0;
        int hunts = 0;
        try (Connection c = DriverManager.getConnection(url, o.string("jdbc-user"), o.string("jdbc-password"));
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO public.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                         type, time_stamp, payload_type, payload_revision, payload, meta_data)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            c.setAutoCommit(false);
            while (written < target) {
                hunts++;
                written += hunt(random, (int) Math.min(EVENTS_PER_HUNT, target - written), insert, c);
                System.out.printf("  seeded %,d of %,d events%n", written, target);
            }
            flush(insert, c);
        }
        long elapsed = System.nanoTime() - t0;
        out.put("events", written);
        out.put("hunts", hunts);
        out.put("seconds", Math.round(elapsed / 1e7) / 100.0);
        out.put("eventsPerSecond", Math.round(written / (elapsed / 1e9)));
        return out;
    }

    /** One hunt of up to {@code budget} events; returns how many it wrote. */
    private int hunt(Random random, int budget, PreparedStatement insert, Connection c) throws Exception {
        HuntId hunt = HuntId.random();
        List<Object> setup = new ArrayList<>();
        setup.add(new HuntCreated(hunt, "Seeded hunt", null, null, null, 5, 5, 60, "seed"));
        List<ClueId> clues = new ArrayList<>();
        for (int i = 0; i < CLUES; i++) {
            ClueId clue = new ClueId(UUID.randomUUID().toString());
            clues.add(clue);
            setup.add(new ClueAdded(hunt, clue, "Clue " + i, "Riddle " + i, 10 + 10 * i, "Hint " + i, i % 3,
                    hex(random, 16), List.of(hex(random, 32)), "seed"));
        }
        setup.add(new HuntPublished(hunt, CLUES, "seed"));
        List<PlayerId> players = new ArrayList<>();
        for (int p = 0; p < PLAYERS; p++) {
            PlayerId player = PlayerId.random();
            players.add(player);
            setup.add(new PlayerRegistered(player, hunt, "seed" + p + "-" + player.value().substring(0, 6), hex(random, 32)));
        }
        setup.add(new HuntStarted(hunt, "seed"));
        int written = 0;
        for (Object event : setup) {
            if (written == budget) {
                return written;
            }
            if (event instanceof PlayerRegistered r) {
                append(r.playerId().value(), "Player", event, insert, c);
            } else {
                append(hunt.value(), "Hunt", event, insert, c);
            }
            written++;
        }
        Set<String> found = new HashSet<>();
        Set<String> hinted = new HashSet<>();
        Map<String, Integer> wrong = new HashMap<>();
        while (written < budget - 1) {
            PlayerId player = players.get(random.nextInt(PLAYERS));
            int clueNo = random.nextInt(CLUES);
            ClueId clue = clues.get(clueNo);
            String key = player.value() + clue.value();
            int roll = random.nextInt(100);
            Object event;
            if (roll < 40) {
                event = found.add(key)
                        ? new ClueFound(player, hunt, clue, 10 + 10 * clueNo, wrong.getOrDefault(key, 0))
                        : new ClueFindRepeated(player, hunt, clue);
            } else if (roll < 90) {
                int n = wrong.merge(key, 1, Integer::sum);
                event = new ClueFindRejected(player, hunt, clue, Math.min(n, 5));
            } else if (roll < 98) {
                event = hinted.add(key) ? new HintTaken(player, hunt, clue, clueNo % 3)
                        : new ClueFindRejected(player, hunt, clue, 1);
            } else {
                event = new ScoreAdjusted(player, hunt, random.nextInt(21) - 10, "seeded correction", "seed");
            }
            append(player.value(), "Player", event, insert, c);
            written++;
        }
        append(hunt.value(), "Hunt", new HuntEnded(hunt, "seed"), insert, c);
        return written + 1;
    }

    private void append(String aggregate, String type, Object payload, PreparedStatement insert, Connection c)
            throws Exception {
        long sequence = sequences.merge(aggregate, 0L, (old, zero) -> old + 1);
        byte[] bytes = json.writeValueAsBytes(payload);
        String hash = HashChain.next(hashes.getOrDefault(aggregate, HashChain.GENESIS), bytes);
        hashes.put(aggregate, hash);
        clock = clock.plusMillis(1);
        Revision revision = payload.getClass().getAnnotation(Revision.class);
        pending.add(new Object[] {UUID.randomUUID().toString(), aggregate, sequence,
                type, AXON_TIME.format(clock),
                payload.getClass().getName(), revision == null ? null : revision.value(), bytes,
                json.writeValueAsBytes(Map.of(HashChain.METADATA_KEY, hash))});
        if (pending.size() == BATCH) {
            flush(insert, c);
        }
    }

    private void flush(PreparedStatement insert, Connection c) throws Exception {
        for (Object[] row : pending) {
            for (int i = 0; i < row.length; i++) {
                insert.setObject(i + 1, row[i]);
            }
            insert.addBatch();
        }
        insert.executeBatch();
        c.commit();
        pending.clear();
    }

    private static String hex(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
