package io.veltrix.query.leaderboard;

import io.veltrix.api.scoring.ScoreFact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What one batch of events changes on one hunt's board, collected before anything is written. */
final class BoardChanges {

    /** Every hunt a batch touches, in hunt-id order. */
    record Batch(Map<String, BoardChanges> hunts) {
        BoardChanges hunt(String huntId) {
            return hunts.computeIfAbsent(huntId, BoardChanges::new);
        }
    }

    record Registration(String playerId, String handle, long index, Instant at) {
    }

    record Disqualification(String playerId, long index, boolean disqualified) {
    }

    record Fact(String playerId, ScoreFact fact) {
    }

    final String huntId;
    Integer bonus;
    long bonusIndex = -1;
    Instant frozenAt;
    long frozenIndex = -1;
    final List<Registration> registrations = new ArrayList<>();
    final List<Disqualification> disqualifications = new ArrayList<>();
    final List<Fact> facts = new ArrayList<>();

    BoardChanges(String huntId) {
        this.huntId = huntId;
    }

    void bonus(long index, int points) {
        if (index > bonusIndex) {
            bonusIndex = index;
            bonus = points;
        }
    }

    void freeze(long index, Instant at) {
        if (index > frozenIndex) {
            frozenIndex = index;
            frozenAt = at;
        }
    }

    void registered(String playerId, String handle, long index, Instant at) {
        registrations.add(new Registration(playerId, handle, index, at));
    }

    void disqualified(String playerId, long index, boolean disqualified) {
        disqualifications.add(new Disqualification(playerId, index, disqualified));
    }

    void fact(String playerId, ScoreFact fact) {
        facts.add(new Fact(playerId, fact));
    }
}
