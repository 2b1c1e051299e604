-- A player's rank is read from an order of the board held in memory (BoardRanks) instead of a count
-- of the rows ahead of it. Every row the board writer changes carries the version its transaction
-- gave the hunt's board, so a reader holding the order as of one version reads only the rows
-- changed since.
ALTER TABLE lb_player ADD COLUMN changed_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX lb_player_changed ON lb_player (hunt_id, changed_version);

-- A board emptied and projected again (a replay) counts its versions from 1 again: each lb_hunt row
-- gets a number of its own when it is created, and a reader that finds another one reads the
-- board whole.
CREATE SEQUENCE lb_hunt_epoch;
ALTER TABLE lb_hunt ADD COLUMN epoch BIGINT NOT NULL DEFAULT nextval('lb_hunt_epoch');
