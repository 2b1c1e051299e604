-- Team-mode hunts: a hunt's team size (null: solo) and team cap (null: any number of teams).
ALTER TABLE hunt_state ADD COLUMN team_size INTEGER, ADD COLUMN max_teams INTEGER;

-- Capacity stripes now hold one pool per cap: 'players' (maxPlayers, as before) and 'teams' (maxTeams).
ALTER TABLE registration_slot ADD COLUMN pool TEXT NOT NULL DEFAULT 'players';
ALTER TABLE registration_slot DROP CONSTRAINT registration_slot_pkey, ADD PRIMARY KEY (hunt_id, pool, slot);

-- Team names are unique per hunt ignoring case and look-alikes, as handles are (up to two keys a team).
CREATE TABLE team_name (
    hunt_id  TEXT NOT NULL,
    name_key TEXT NOT NULL,
    team_id  TEXT NOT NULL,
    PRIMARY KEY (hunt_id, name_key)
);

-- Current team members: finds and hints of a member are the team's. A removed member's row is gone;
-- a disqualified member (an organizer's correction on the player's own stream) submits no finds.
CREATE TABLE team_member (
    player_id    TEXT    PRIMARY KEY,
    team_id      TEXT    NOT NULL,
    hunt_id      TEXT    NOT NULL,
    disqualified BOOLEAN NOT NULL DEFAULT false
);
