-- Who asked: the staff account that requested a projection's replay, and the one that took an
-- on-demand checkpoint. Neither is an event, so their own rows keep it. Null where no one asked
-- (a checkpoint taken at the freeze or the end) and on rows from before this column.
ALTER TABLE projection_replay ADD COLUMN requested_by TEXT;
ALTER TABLE hunt_checkpoint ADD COLUMN taken_by TEXT;
