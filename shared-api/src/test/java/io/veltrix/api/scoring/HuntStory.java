package io.veltrix.api.scoring;

import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.ScoreAdjusted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds a hunt's event stream with consecutive global indexes, for tests. */
final class HuntStory {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    final HuntId hunt = new HuntId("hunt-1");
    final List<IndexedEvent> events = new ArrayList<>();
    private long nextIndex = 1;

    static PlayerId player(int n) {
        return new PlayerId("player-" + n);
    }

    static ClueId clue(int n) {
        return new ClueId("clue-" + n);
    }

    HuntStory at(long seconds, Object payload) {
        events.add(new IndexedEvent(nextIndex++, T0.plusSeconds(seconds), payload));
        return this;
    }

    HuntStory created(long s, int bonus) {
        return at(s, new HuntCreated(hunt, "Hunt", null, null, null, bonus, 5, 60, "org"));
    }

    HuntStory registered(long s, int p) {
        return at(s, new PlayerRegistered(player(p), hunt, "handle" + p, "hash" + p));
    }

    HuntStory found(long s, int p, int clue, int points) {
        return at(s, new ClueFound(player(p), hunt, clue(clue), points));
    }

    HuntStory rejected(long s, int p, int clue) {
        return at(s, new ClueFindRejected(player(p), hunt, clue(clue), 1));
    }

    HuntStory hint(long s, int p, int clue, int penalty) {
        return at(s, new HintTaken(player(p), hunt, clue(clue), penalty));
    }

    HuntStory adjusted(long s, int p, int points) {
        return at(s, new ScoreAdjusted(player(p), hunt, points, "why", "org"));
    }

    HuntStory disqualified(long s, int p) {
        return at(s, new PlayerDisqualified(player(p), hunt, "cheating", "org"));
    }

    HuntStory reinstated(long s, int p) {
        return at(s, new PlayerReinstated(player(p), hunt, "org"));
    }

    HuntStory frozen(long s, long atSeconds) {
        return at(s, new ScoreboardFrozen(hunt, T0.plusSeconds(atSeconds), "org"));
    }

    Scoreboard fold() {
        Scoreboard board = new Scoreboard(hunt);
        board.applyAll(events);
        return board;
    }
}
