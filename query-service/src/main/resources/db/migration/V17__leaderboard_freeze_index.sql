-- leaderboard: the global index of the freeze the board applies, so that a freeze delivered again
-- after a later one (a redelivered event) cannot move the board back to the older instant; -1 when
-- no freeze has been applied through this column yet (any freeze event is then newer).
ALTER TABLE lb_hunt ADD COLUMN frozen_index BIGINT NOT NULL DEFAULT -1;
