-- A team-mode hunt's summary says so: its team size and cap, and how many teams it has.
ALTER TABLE hunt_summary ADD COLUMN team_size INTEGER, ADD COLUMN max_teams INTEGER,
                         ADD COLUMN team_count INTEGER NOT NULL DEFAULT 0;
