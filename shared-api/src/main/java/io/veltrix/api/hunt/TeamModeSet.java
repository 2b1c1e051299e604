package io.veltrix.api.hunt;

import org.axonframework.serialization.Revision;

/**
 * The hunt is played in teams of at most {@code teamSize} players, and by at most {@code maxTeams}
 * teams (null: any number). Recorded once, right after {@link HuntCreated}, for team-mode hunts
 * only: a hunt without it is played solo.
 */
@Revision("1")
public record TeamModeSet(HuntId huntId, int teamSize, Integer maxTeams) {
}
