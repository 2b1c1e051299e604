package io.veltrix.query.hunt;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** A hunt as anyone may see it; {@code clues} only in the detail view. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HuntSummary(String huntId, String name, String status, Instant startsAt, Instant endsAt,
                          Integer maxPlayers, int firstFinderBonus, int players, int clueCount,
                          Instant createdAt, Instant publishedAt, Instant startedAt, Instant endedAt,
                          Instant frozenAt, List<ClueSummary> clues) {

    HuntSummary withClues(List<ClueSummary> list) {
        return new HuntSummary(huntId, name, status, startsAt, endsAt, maxPlayers, firstFinderBonus, players,
                clueCount, createdAt, publishedAt, startedAt, endedAt, frozenAt, list);
    }

    /** A clue without its answers: title, riddle, points and whether a hint can be bought. */
    public record ClueSummary(String clueId, String title, String riddle, int points, boolean hasHint,
                              int hintPenalty) {
    }
}
