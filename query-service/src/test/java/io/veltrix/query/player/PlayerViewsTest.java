package io.veltrix.query.player;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.player.PlayerId;
import io.veltrix.query.EventLog;
import io.veltrix.query.HuntScenario;
import io.veltrix.query.QueryTestBase;
import io.veltrix.query.leaderboard.BoardLine;
import io.veltrix.query.leaderboard.BoardView;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A solo player's view, read in two statements, against the board and the events it comes from:
 * over a hunt with racing finds, hints, adjustments, disqualifications and a freeze, every player's
 * rank is their line's on the board of that view (none when not on it), the freeze and the attempts
 * are the projection's, and the finds and hints are the player's events in their order.
 */
class PlayerViewsTest extends QueryTestBase {

    @Autowired
    private PlayerViews views;
    @Autowired
    private MeterRegistry meters;

    @Test
    void everyPlayersViewAgreesWithTheBoardAndTheirEvents() {
        HuntScenario scenario = HuntScenario.generate(11L, 12, 5, 400);
        scenario.appendTo(events, 50);
        awaitBoardsMatchReplay(scenario.hunt);
        String hunt = scenario.hunt.value();
        boolean frozen = leaderboards.frozenAt(hunt).isPresent();
        assertThat(frozen).as("the scenario froze its board (a view must say so)").isTrue();

        int ranked = 0;
        int unranked = 0;
        for (BoardView view : BoardView.values()) {
            Map<String, BoardLine> board = leaderboards.page(hunt, view, 500, 0).stream()
                    .collect(Collectors.toMap(BoardLine::playerId, Function.identity()));
            for (PlayerId player : scenario.players) {
                String id = player.value();
                PlayerView seen = views.view(hunt, id, view).orElseThrow();
                BoardLine line = board.get(id);
                assertThat(seen.rank()).as(view + " rank of " + id).isEqualTo(line == null ? null : line.rank());
                assertThat(seen.rank()).isEqualTo(storedRank(hunt, id, view).orElse(null));
                if (line != null && view == BoardView.LIVE) {
                    assertThat(seen.score()).isEqualTo(line.score());
                }
                if (line == null) {
                    unranked++;
                } else {
                    ranked++;
                }
                assertThat(seen.handle()).isEqualTo("player" + scenario.players.indexOf(player));
                assertThat(seen.boardFrozen()).isEqualTo(frozen);
                assertThat(seen.team()).isNull();
                int[] attempts = jdbc.sql("SELECT wrong_attempts, refused_attempts FROM player_activity WHERE player_id = ?")
                        .param(id).query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).optional()
                        .orElse(new int[] {0, 0});
                assertThat(seen.wrongAttempts()).isEqualTo(attempts[0]);
                assertThat(seen.refusedAttempts()).isEqualTo(attempts[1]);

                List<Object> own = scenario.play.stream().map(EventLog.Timed::payload)
                        .filter(e -> e instanceof ClueFound f && f.playerId().equals(player)
                                || e instanceof HintTaken h && h.playerId().equals(player))
                        .toList();
                assertThat(seen.found()).extracting(PlayerView.Found::clueId).containsExactlyElementsOf(own.stream()
                        .filter(ClueFound.class::isInstance).map(e -> ((ClueFound) e).clueId().value()).toList());
                assertThat(seen.hints()).extracting(PlayerView.Hint::clueId, PlayerView.Hint::penalty)
                        .containsExactlyElementsOf(own.stream().filter(HintTaken.class::isInstance).map(e -> {
                            HintTaken h = (HintTaken) e;
                            return org.assertj.core.groups.Tuple.tuple(h.clueId().value(), h.penalty());
                        }).toList());
                for (PlayerView.Found find : seen.found()) {
                    int points = own.stream().filter(ClueFound.class::isInstance).map(ClueFound.class::cast)
                            .filter(f -> f.clueId().value().equals(find.clueId())).findFirst().orElseThrow().points();
                    assertThat(find.points() > points).as("bonus on " + find.clueId()).isEqualTo(find.firstFinder());
                }
            }
        }
        assertThat(ranked).as("views with a rank").isPositive();
        assertThat(unranked).as("views without one (disqualified, or hidden by the freeze)").isPositive();
        assertThat(views.view(hunt, PlayerId.random().value(), BoardView.LIVE)).isEmpty();
        assertThat(views.view("another-hunt", scenario.players.get(0).value(), BoardView.LIVE)).isEmpty();
    }

    /**
     * Ranks come from an order of the board held between reads and the rows changed since: read
     * after every part of a hunt as it is projected (racing finds, hints, adjustments,
     * disqualifications, a freeze), every player's is still their line's on the board. The sixty
     * players' reads after a part share one read of the changed rows per view: the first brings the
     * held order up to the board's version, and the others find it there.
     */
    @Test
    void ranksFollowTheBoardAsItMovesBetweenReads() {
        HuntScenario scenario = HuntScenario.generate(23L, 60, 6, 900);
        events.append(scenario.setup);
        String hunt = scenario.hunt.value();
        int part = 75;
        for (int from = 0; from < scenario.play.size(); from += part) {
            int to = Math.min(scenario.play.size(), from + part);
            events.append(scenario.play.subList(from, to));
            awaitBoardsMatchReplay(scenario.hunt);
            for (BoardView view : BoardView.values()) {
                Map<String, Integer> board = leaderboards.page(hunt, view, 500, 0).stream()
                        .collect(Collectors.toMap(BoardLine::playerId, BoardLine::rank));
                double statementsBefore = rankStatements();
                for (PlayerId player : scenario.players) {
                    assertThat(views.view(hunt, player.value(), view).orElseThrow().rank())
                            .as(view + " rank of " + player.value() + " after " + to + " events")
                            .isEqualTo(board.get(player.value()));
                }
                assertThat(rankStatements() - statementsBefore)
                        .as("statements for the ranks of %d players' %s views after %d events", scenario.players.size(), view, to)
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    private double rankStatements() {
        return meters.find("veltrix.board.ranks.reads").functionCounters().stream()
                .mapToDouble(FunctionCounter::count).sum();
    }
}
