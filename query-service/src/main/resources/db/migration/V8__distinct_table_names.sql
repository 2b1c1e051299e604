-- The command side has tables of the same names in its own schema (the clues it checks answers
-- against, the tokens it authenticates players with): one name, one thing, so a reader searching
-- for a table lands in the right service.
ALTER TABLE hunt_clue RENAME TO clue_summary;
ALTER TABLE player_credential RENAME TO player_view_token;
