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

    /** A player's registration, or a team's creation ({@code team}: the row ranks a team). */
    record Registration(String playerId, String handle, long index, Instant at, boolean team) {
    }

    record Disqualification(String playerId, long index, boolean disqualified) {
    }

    /** A fact of a player's or team's score; {@code by} is the member a team's find or hint is credited to. */
    record Fact(String playerId, ScoreFact fact, String by) {
    }

    /** A member joined a team ({@code removed} false) or was removed from it. */
    record Membership(String playerId, String teamId, String handle, long index, boolean removed) {
    }

    final String huntId;
    Integer bonus;
    long bonusIndex = -1;
    Instant frozenAt;
    long frozenIndex = -1;
    final List<Registration> registrations = new ArrayList<>();
    final List<Disqualification> disqualifications = new ArrayList<>();
    final List<Fact> facts = new ArrayList<>();
    boolean teamMode;
    final List<Membership> memberships = new ArrayList<>();

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
        registrations.add(new Registration(playerId, handle, index, at, false));
    }

    void teamCreated(String teamId, String name, long index, Instant at) {
        registrations.add(new Registration(teamId, name, index, at, true));
    }

    void teamMode() {
        teamMode = true;
    }

    void membership(String playerId, String teamId, String handle, long index, boolean removed) {
        memberships.add(new Membership(playerId, teamId, handle, index, removed));
    }

    void disqualified(String playerId, long index, boolean disqualified) {
        disqualifications.add(new Disqualification(playerId, index, disqualified));
    }

    void fact(String playerId, ScoreFact fact) {
        facts.add(new Fact(playerId, fact, null));
    }

    void teamFact(String teamId, ScoreFact fact, String by) {
        facts.add(new Fact(teamId, fact, by));
    }
}
