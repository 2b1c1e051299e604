-- Team-mode hunts rank teams: a team is a row of lb_player like a solo player (its id, its name as
-- handle, its creation as registration) so the same tallies, first finds, freeze and ranking serve
-- both. team marks those rows; in a team-mode hunt (lb_hunt.team_mode) the board shows them only,
-- and the members' own rows (from their registrations, which never score) stay off it.
ALTER TABLE lb_hunt ADD COLUMN team_mode BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE lb_player ADD COLUMN team BOOLEAN NOT NULL DEFAULT false;

-- The member a team's find or hint is credited to (null for a solo player's facts and adjustments).
ALTER TABLE lb_fact ADD COLUMN by_player VARCHAR(64);

-- Team members as of the latest events: who joined (in order) and who was removed.
CREATE TABLE lb_team_member (
    player_id     VARCHAR(64) PRIMARY KEY,
    hunt_id       VARCHAR(64) NOT NULL,
    team_id       VARCHAR(64) NOT NULL,
    handle        VARCHAR(64) NOT NULL,
    joined_index  BIGINT      NOT NULL,
    removed_index BIGINT      NOT NULL DEFAULT -1
);
CREATE INDEX lb_team_member_team ON lb_team_member (team_id, joined_index);
