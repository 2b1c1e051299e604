package io.veltrix.command.hunt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntStatus;
import java.sql.Array;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What player commands need to know about their hunt, read from the command-side tables in the
 * current transaction. A hunt's status is read once per transaction; its clues, frozen once the hunt
 * is published, are cached.
 */
@Component
public class HuntDirectory {

    /**
     * Rules a hunt imposes on its players. {@code maxPlayers} is null when unlimited, {@code joinCodeHash}
     * when anyone may register, {@code teamSize} when the hunt is played solo, {@code maxTeams} when
     * it takes any number of teams.
     */
    public record HuntRules(HuntId huntId, HuntStatus status, Integer maxPlayers, int maxWrongAttempts,
                            int lockoutWindowSeconds, String joinCodeHash, Integer teamSize, Integer maxTeams) {

        /** A solo hunt's rules. */
        public HuntRules(HuntId huntId, HuntStatus status, Integer maxPlayers, int maxWrongAttempts,
                         int lockoutWindowSeconds, String joinCodeHash) {
            this(huntId, status, maxPlayers, maxWrongAttempts, lockoutWindowSeconds, joinCodeHash, null, null);
        }

        public boolean teamMode() {
            return teamSize != null;
        }
    }

    /** A clue as finds and hints need it. */
    public record Clue(ClueId clueId, int points, String hint, int hintPenalty, String salt, Set<String> answerHashes) {
    }

    /** The unit-of-work resource holding a hunt's rules, by hunt id. */
    private static final String RULES = HuntDirectory.class.getName() + ".rules:";

    private final JdbcClient jdbc;
    private final Cache<HuntId, Map<ClueId, Clue>> publishedClues = Caffeine.newBuilder().maximumSize(10_000).build();

    public HuntDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The hunt's rules as the current transaction sees them: read once per transaction and hunt, so
     * the finds a group-commit batch shares one transaction for share one read (the hunt tables'
     * own writes forget it: {@link #forgetRules}).
     */
    public Optional<HuntRules> rules(HuntId huntId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return read(huntId);
        }
        return CurrentUnitOfWork.get().root().getOrComputeResource(RULES + huntId.value(), k -> read(huntId));
    }

    /** After a write to the hunt's row in the current transaction: its next read of the rules reads again. */
    static void forgetRules(String huntId) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().remove(RULES + huntId);
        }
    }

    private Optional<HuntRules> read(HuntId huntId) {
        return jdbc.sql("""
                        SELECT status, max_players, max_wrong_attempts, lockout_window_seconds, join_code_hash,
                               team_size, max_teams
                        FROM hunt_state WHERE hunt_id = ?
                        """)
                .param(huntId.value())
                .query((rs, n) -> new HuntRules(huntId, HuntStatus.valueOf(rs.getString(1)),
                        (Integer) rs.getObject(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                        (Integer) rs.getObject(6), (Integer) rs.getObject(7)))
                .optional();
    }

    public Optional<Clue> clue(HuntId huntId, ClueId clueId) {
        Map<ClueId, Clue> clues = publishedClues.getIfPresent(huntId);
        if (clues == null) {
            clues = loadClues(huntId);
            boolean frozen = rules(huntId).map(r -> r.status() != HuntStatus.DRAFT).orElse(false);
            if (frozen) {
                publishedClues.put(huntId, clues);
            }
        }
        return Optional.ofNullable(clues.get(clueId));
    }

    private Map<ClueId, Clue> loadClues(HuntId huntId) {
        List<Clue> rows = jdbc.sql("""
                        SELECT clue_id, points, hint, hint_penalty, salt, answer_hashes
                        FROM hunt_clue WHERE hunt_id = ?
                        """)
                .param(huntId.value())
                .query((rs, n) -> new Clue(new ClueId(rs.getString(1)), rs.getInt(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), strings(rs.getArray(6))))
                .list();
        Map<ClueId, Clue> clues = new HashMap<>();
        rows.forEach(c -> clues.put(c.clueId(), c));
        return clues;
    }

    private static Set<String> strings(Array array) throws SQLException {
        return Set.of((String[]) array.getArray());
    }
}
