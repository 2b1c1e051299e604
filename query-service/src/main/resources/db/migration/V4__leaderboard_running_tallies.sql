-- leaderboard: the parts of each view's tally that a full fold would otherwise have to re-derive,
-- so a batch can add its new facts to the stored tally instead of re-reading every fact of every
-- player it touches. *_firsts counts the player's finds that hold the first-finder bonus in that
-- view; *_last_index is the global index of the latest (in global order) fact that changed the
-- score in that view, -1 if none did (io.veltrix.api.scoring.Tally#lastScoredIndex).
ALTER TABLE lb_player
    ADD COLUMN live_firsts     INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN live_last_index BIGINT  NOT NULL DEFAULT -1,
    ADD COLUMN pub_firsts      INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN pub_last_index  BIGINT  NOT NULL DEFAULT -1;

-- Boards projected before this migration: derive the new columns from the stored facts, with the
-- same rules the projection applies (a fact changes the score if it is a find or moves points;
-- the public view counts facts strictly before the freeze).
UPDATE lb_player p SET
    live_firsts = (SELECT count(*) FROM lb_fact f
                   JOIN lb_clue_first c ON c.hunt_id = f.hunt_id AND c.clue_id = f.clue_id
                                       AND c.live_index = f.global_index
                   WHERE f.player_id = p.player_id AND f.kind = 'FIND'),
    pub_firsts = (SELECT count(*) FROM lb_fact f
                  JOIN lb_clue_first c ON c.hunt_id = f.hunt_id AND c.clue_id = f.clue_id
                                      AND c.pub_index = f.global_index
                  WHERE f.player_id = p.player_id AND f.kind = 'FIND'),
    live_last_index = COALESCE((SELECT max(f.global_index) FROM lb_fact f
                                WHERE f.player_id = p.player_id AND (f.kind = 'FIND' OR f.points <> 0)), -1),
    pub_last_index = COALESCE((SELECT max(f.global_index) FROM lb_fact f
                               WHERE f.player_id = p.player_id AND (f.kind = 'FIND' OR f.points <> 0)
                                 AND NOT EXISTS (SELECT 1 FROM lb_hunt h
                                                 WHERE h.hunt_id = f.hunt_id AND f.at >= h.frozen_at)), -1);
