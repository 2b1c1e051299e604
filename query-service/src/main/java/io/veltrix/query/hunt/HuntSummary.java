package io.veltrix.query.hunt;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A hunt as anyone may see it; {@code clues} only in the detail view. {@code joinCodeRequired}: a
 * registration must carry the hunt's join code. A team-mode hunt has {@code teamSize}, its
 * {@code maxTeams} cap if any and its number of {@code teams}; a solo hunt has none of the three.
 * {@code maxWrongAttempts} and {@code lockoutWindowSeconds} are its lockout rule (null: projected
 * before they were recorded here, until {@code HuntSettingsBackfill} fills them at the next start).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HuntSummary(String huntId, String name, String status, Instant startsAt, Instant endsAt,
                          Integer maxPlayers, int firstFinderBonus, Integer maxWrongAttempts,
                          Integer lockoutWindowSeconds, boolean joinCodeRequired, int players,
                          int clueCount, Instant createdAt, Instant publishedAt, Instant startedAt, Instant endedAt,
                          Instant frozenAt, Integer teamSize, Integer maxTeams, Integer teams,
                          List<ClueSummary> clues) {

    HuntSummary withClues(List<ClueSummary> list) {
        return new HuntSummary(huntId, name, status, startsAt, endsAt, maxPlayers, firstFinderBonus, maxWrongAttempts,
                lockoutWindowSeconds, joinCodeRequired,
                players, clueCount, createdAt, publishedAt, startedAt, endedAt, frozenAt, teamSize, maxTeams, teams,
                list);
    }

    /**
     * A clue without its answers: title, riddle, points and whether a hint can be bought. Staff also
     * see its wrong-answer alerts (null for anyone else): in how many minutes it drew wrong answers
     * at an abnormal rate, the highest rate, and when last; a count above zero while the hunt runs
     * is a brute force through many players, or a clue whose answers are wrong. Staff see the
     * {@code hint} text too, to correct a draft's clue.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ClueSummary(String clueId, String title, String riddle, int points, boolean hasHint,
                              int hintPenalty, Integer wrongAnswerSurges, Integer peakWrongPerMinute,
                              Instant lastWrongAnswerSurgeAt, String hint) {
    }
}
