package io.veltrix.query.leaderboard;

import static io.veltrix.query.Projections.indexOf;

import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntEdited;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.ScoreAdjusted;
import io.veltrix.api.hunt.TeamModeSet;
import io.veltrix.api.scoring.ScoreFact;
import io.veltrix.api.team.TeamClueFound;
import io.veltrix.api.team.TeamCreated;
import io.veltrix.api.team.TeamDisqualified;
import io.veltrix.api.team.TeamHintTaken;
import io.veltrix.api.team.TeamId;
import io.veltrix.api.team.TeamMemberJoined;
import io.veltrix.api.team.TeamMemberRemoved;
import io.veltrix.api.team.TeamReinstated;
import io.veltrix.api.team.TeamScoreAdjusted;
import io.veltrix.query.Projections;
import java.time.Instant;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The leaderboard projection, of solo players and, in team-mode hunts, of teams (a team is a row
 * like a player's, fed by its own stream's events). Handlers only validate and collect what a batch of events changes;
 * when the processor's batch transaction prepares to commit, {@link BoardWriter} writes it all
 * set-wise, so a batch of hundreds of finds costs a dozen statements, not thousands. An event
 * that cannot be projected fails in its handler, before anything is written, and goes to the
 * dead-letter queue; the rest of the batch commits with the token. The player view's handlers run
 * in the same processing group, so its rows commit in that transaction too.
 */
@Component
@ProcessingGroup(Projections.LEADERBOARD)
class LeaderboardProjection {

    private static final String PENDING = LeaderboardProjection.class.getName() + ".pending";

    private final BoardWriter writer;
    private final JdbcClient jdbc;

    LeaderboardProjection(BoardWriter writer, JdbcClient jdbc) {
        this.writer = writer;
        this.jdbc = jdbc;
    }

    private BoardChanges hunt(HuntId hunt) {
        // hunts in id order: transactions lock hunts in one order, so they never deadlock
        BoardChanges.Batch batch = Projections.batchBuffer(PENDING, () -> new BoardChanges.Batch(new TreeMap<>()),
                writer::write);
        return batch.hunt(Projections.checkId(hunt.value()));
    }

    @EventHandler
    void on(HuntCreated e, EventMessage<?> event) {
        hunt(e.huntId()).bonus(indexOf(event), e.firstFinderBonus());
    }

    /** A draft's edit may change the bonus; the latest by global index holds, as in the shared scoreboard fold. */
    @EventHandler
    void on(HuntEdited e, EventMessage<?> event) {
        hunt(e.huntId()).bonus(indexOf(event), e.firstFinderBonus());
    }

    @EventHandler
    void on(ScoreboardFrozen e, EventMessage<?> event) {
        hunt(e.huntId()).freeze(indexOf(event), e.at());
    }

    @EventHandler
    void on(PlayerRegistered e, @Timestamp Instant at, EventMessage<?> event) {
        hunt(e.huntId()).registered(id(e.playerId()), Projections.checkId(e.handle()), indexOf(event), at);
    }

    @EventHandler
    void on(PlayerDisqualified e, EventMessage<?> event) {
        hunt(e.huntId()).disqualified(id(e.playerId()), indexOf(event), true);
    }

    @EventHandler
    void on(PlayerReinstated e, EventMessage<?> event) {
        hunt(e.huntId()).disqualified(id(e.playerId()), indexOf(event), false);
    }

    @EventHandler
    void on(ClueFound e, @Timestamp Instant at, EventMessage<?> event) {
        Projections.checkId(e.clueId().value());
        hunt(e.huntId()).fact(id(e.playerId()), new ScoreFact(indexOf(event), at, ScoreFact.Kind.FIND,
                e.clueId(), e.points()));
    }

    @EventHandler
    void on(HintTaken e, @Timestamp Instant at, EventMessage<?> event) {
        Projections.checkId(e.clueId().value());
        hunt(e.huntId()).fact(id(e.playerId()), new ScoreFact(indexOf(event), at, ScoreFact.Kind.HINT,
                e.clueId(), e.penalty()));
    }

    @EventHandler
    void on(ScoreAdjusted e, @Timestamp Instant at, EventMessage<?> event) {
        hunt(e.huntId()).fact(id(e.playerId()), new ScoreFact(indexOf(event), at, ScoreFact.Kind.ADJUSTMENT,
                null, e.points()));
    }

    @EventHandler
    void on(TeamModeSet e) {
        hunt(e.huntId()).teamMode();
    }

    @EventHandler
    void on(TeamCreated e, @Timestamp Instant at, EventMessage<?> event) {
        hunt(e.huntId()).teamCreated(id(e.teamId()), Projections.checkId(e.name()), indexOf(event), at);
    }

    @EventHandler
    void on(TeamMemberJoined e, EventMessage<?> event) {
        hunt(e.huntId()).membership(id(e.playerId()), id(e.teamId()), Projections.checkId(e.handle()), indexOf(event),
                false);
    }

    @EventHandler
    void on(TeamMemberRemoved e, EventMessage<?> event) {
        hunt(e.huntId()).membership(id(e.playerId()), id(e.teamId()), "", indexOf(event), true);
    }

    @EventHandler
    void on(TeamDisqualified e, EventMessage<?> event) {
        hunt(e.huntId()).disqualified(id(e.teamId()), indexOf(event), true);
    }

    @EventHandler
    void on(TeamReinstated e, EventMessage<?> event) {
        hunt(e.huntId()).disqualified(id(e.teamId()), indexOf(event), false);
    }

    @EventHandler
    void on(TeamClueFound e, @Timestamp Instant at, EventMessage<?> event) {
        Projections.checkId(e.clueId().value());
        hunt(e.huntId()).teamFact(id(e.teamId()), new ScoreFact(indexOf(event), at, ScoreFact.Kind.FIND,
                e.clueId(), e.points()), id(e.playerId()));
    }

    @EventHandler
    void on(TeamHintTaken e, @Timestamp Instant at, EventMessage<?> event) {
        Projections.checkId(e.clueId().value());
        hunt(e.huntId()).teamFact(id(e.teamId()), new ScoreFact(indexOf(event), at, ScoreFact.Kind.HINT,
                e.clueId(), e.penalty()), id(e.playerId()));
    }

    @EventHandler
    void on(TeamScoreAdjusted e, @Timestamp Instant at, EventMessage<?> event) {
        hunt(e.huntId()).teamFact(id(e.teamId()), new ScoreFact(indexOf(event), at, ScoreFact.Kind.ADJUSTMENT,
                null, e.points()), null);
    }

    private static String id(TeamId team) {
        return Projections.checkId(team.value());
    }

    private static String id(PlayerId player) {
        return Projections.checkId(player.value());
    }

    @ResetHandler
    void reset() {
        Projections.empty(jdbc, "lb_fact", "lb_team_member", "lb_clue_first", "lb_player", "lb_hunt");
    }
}
