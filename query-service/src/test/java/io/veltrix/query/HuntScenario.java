package io.veltrix.query;

import io.veltrix.api.find.ClueFindRejected;
import io.veltrix.api.find.ClueFound;
import io.veltrix.api.find.HintTaken;
import io.veltrix.api.hunt.ClueAdded;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.hunt.HuntPublished;
import io.veltrix.api.hunt.HuntStarted;
import io.veltrix.api.hunt.ScoreboardFrozen;
import io.veltrix.api.player.PlayerDisqualified;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;
import io.veltrix.api.player.PlayerReinstated;
import io.veltrix.api.player.ScoreAdjusted;
import io.veltrix.platform.security.PlayerTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A whole hunt as events, with everything the board rules care about: finds racing for the first
 * finder, hints with and without penalty, adjustments both ways, disqualifications and
 * reinstatements, a freeze in the middle. Timestamps jitter, so clock order and global order
 * disagree now and then. The same seed gives the same events.
 */
public final class HuntScenario {

    public final HuntId hunt = HuntId.random();
    public final List<PlayerId> players = new ArrayList<>();
    public final List<ClueId> clues = new ArrayList<>();
    public final List<EventLog.Timed> setup = new ArrayList<>();
    public final List<EventLog.Timed> play = new ArrayList<>();

    public static String token(PlayerId player) {
        return "token-" + player.value();
    }

    public static HuntScenario generate(long seed, int playerCount, int clueCount, int steps) {
        HuntScenario s = new HuntScenario();
        Random random = new Random(seed);
        Instant t0 = Instant.now().minusSeconds(3600);
        long clock = 0;
        s.setup.add(new EventLog.Timed(t0, new HuntCreated(s.hunt, "Scenario " + seed, null, null, null, 7, 5, 60, "organizer")));
        for (int c = 0; c < clueCount; c++) {
            ClueId clue = new ClueId("clue-" + c + "-" + s.hunt.value().substring(0, 8));
            s.clues.add(clue);
            s.setup.add(new EventLog.Timed(t0, new ClueAdded(s.hunt, clue, "Clue " + c, "riddle " + c, 10 + 5 * c,
                    "hint " + c, c % 2 == 0 ? 3 : 0, "salt", List.of("hash"), "org")));
        }
        s.setup.add(new EventLog.Timed(t0, new HuntPublished(s.hunt, clueCount, "org")));
        for (int p = 0; p < playerCount; p++) {
            PlayerId player = PlayerId.random();
            s.players.add(player);
            s.setup.add(new EventLog.Timed(t0.plusSeconds(clock++),
                    new PlayerRegistered(player, s.hunt, "player" + p, PlayerTokens.hash(token(player)))));
        }
        s.setup.add(new EventLog.Timed(t0.plusSeconds(clock), new HuntStarted(s.hunt, "org")));
        Set<String> found = new HashSet<>();
        Set<String> hinted = new HashSet<>();
        boolean frozen = false;
        for (int i = 0; i < steps; i++) {
            clock += random.nextInt(5) - 1;
            Instant at = t0.plusSeconds(clock);
            PlayerId player = s.players.get(random.nextInt(playerCount));
            ClueId clue = s.clues.get(random.nextInt(clueCount));
            String key = player.value() + clue.value();
            int roll = random.nextInt(20);
            Object event;
            if (roll < 9 && found.add(key)) {
                event = new ClueFound(player, s.hunt, clue, 10 + 5 * s.clues.indexOf(clue));
            } else if (roll < 12 && hinted.add(key)) {
                event = new HintTaken(player, s.hunt, clue, s.clues.indexOf(clue) % 2 == 0 ? 3 : 0);
            } else if (roll < 14) {
                event = new ClueFindRejected(player, s.hunt, clue, 1);
            } else if (roll < 16) {
                event = new ScoreAdjusted(player, s.hunt, random.nextInt(21) - 10, "correction", "org");
            } else if (roll == 16) {
                event = new PlayerDisqualified(player, s.hunt, "suspicious", "org");
            } else if (roll == 17) {
                event = new PlayerReinstated(player, s.hunt, "org");
            } else if (roll == 18 && !frozen && i > steps / 2) {
                frozen = true;
                event = new ScoreboardFrozen(s.hunt, t0.plusSeconds(clock - 2), "org");
            } else {
                event = new ClueFindRejected(player, s.hunt, clue, 2);
            }
            s.play.add(new EventLog.Timed(at, event));
        }
        return s;
    }

    /** Appends everything, in transactions of up to {@code perTransaction} events. */
    public void appendTo(EventLog log, int perTransaction) {
        log.append(setup);
        for (int i = 0; i < play.size(); i += perTransaction) {
            log.append(play.subList(i, Math.min(play.size(), i + perTransaction)));
        }
    }
}
