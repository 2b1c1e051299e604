-- Every batch rewrites the tally of each player it touches and, in the player view, the counters
-- of each player with a wrong, refused or repeated attempt. Rows written back to back fill their pages,
-- so an update finds no room beside its row, writes the new version on another page and a new
-- entry in every index. Pages filled to 70 % leave room for the new version beside the old one.
-- It applies to pages written from now on: a reset truncates, so a replay writes every page anew.
ALTER TABLE lb_player SET (fillfactor = 70);
ALTER TABLE player_activity SET (fillfactor = 70);
