-- What the console needs to correct a draft without losing what it does not show: the hunt's lockout
-- rule (public, like the rest of its rules) and each clue's hint text (staff only: players buy it).
-- Rows projected before this migration hold nulls until the hunt-summary projection is replayed.
ALTER TABLE hunt_summary ADD COLUMN max_wrong_attempts INTEGER, ADD COLUMN lockout_window_seconds INTEGER;
ALTER TABLE clue_summary ADD COLUMN hint TEXT;
