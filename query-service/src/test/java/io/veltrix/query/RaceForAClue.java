package io.veltrix.query;

import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntCreated;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import io.veltrix.api.player.PlayerRegistered;

/**
 * A hunt (first-finder bonus 7) with two registered players about to find the same clue: the
 * slow one's find will take the lower global index but commit after the fast one's.
 */
public record RaceForAClue(HuntId hunt, PlayerId slow, PlayerId fast, ClueId clue) {

    public static RaceForAClue setUp(EventLog events, String name) {
        RaceForAClue race = new RaceForAClue(HuntId.random(), PlayerId.random(), PlayerId.random(),
                new ClueId(name + "-clue"));
        events.append(new HuntCreated(race.hunt, name, null, null, null, 7, 5, 60, "organizer"),
                new PlayerRegistered(race.slow, race.hunt, "slow", "h1"),
                new PlayerRegistered(race.fast, race.hunt, "fast", "h2"));
        return race;
    }
}
