-- The player view now runs in the leaderboard's processing group: one read of the store and one
-- transaction (both read models and one token) per batch. The two had tokens of their own, at
-- different positions, and the player view's counters are plain increments: continuing from
-- either token would miss or count events twice. So both read models are emptied and their tokens
-- removed; the merged processor starts from the first event and rebuilds both (the tables of the
-- projections' reset handlers). Their parked letters go too: a letter that still fails is parked
-- again. Stop every query-service instance of the older version before starting this one.
DELETE FROM public.token_entry WHERE processor_name IN ('leaderboard', 'player-view');
DELETE FROM dead_letter_entry WHERE processing_group IN ('leaderboard', 'player-view');
DELETE FROM projection_replay WHERE projection IN ('leaderboard', 'player-view');

DELETE FROM lb_fact;
DELETE FROM lb_team_member;
DELETE FROM lb_clue_first;
DELETE FROM lb_player;
DELETE FROM lb_hunt;
DELETE FROM player_activity;
DELETE FROM player_view_token;
