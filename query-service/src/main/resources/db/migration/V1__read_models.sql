-- Read models of the query service, all rebuilt from the event stream. Each processing group
-- owns its tables; a row change commits with the group's token advance in one transaction.

-- hunt-summary ---------------------------------------------------------------------------------
-- A PlayerRegistered may be handled before its HuntCreated (another segment), so a row can exist
-- with only player_count; readers show hunts whose name is known.
CREATE TABLE hunt_summary (
    hunt_id            VARCHAR(64) PRIMARY KEY,
    name               TEXT,
    status             VARCHAR(16),
    starts_at          TIMESTAMPTZ,
    ends_at            TIMESTAMPTZ,
    max_players        INTEGER,
    first_finder_bonus INTEGER,
    created_at         TIMESTAMPTZ,
    published_at       TIMESTAMPTZ,
    started_at         TIMESTAMPTZ,
    ended_at           TIMESTAMPTZ,
    frozen_at          TIMESTAMPTZ,
    player_count       INTEGER NOT NULL DEFAULT 0,
    clue_count         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX hunt_summary_created ON hunt_summary (created_at DESC);

-- Clues as the public may see them: never answers, salts or hashes.
CREATE TABLE hunt_clue (
    hunt_id      VARCHAR(64)  NOT NULL,
    clue_id      VARCHAR(64)  NOT NULL,
    position     INTEGER      NOT NULL,
    title        TEXT NOT NULL,
    riddle       TEXT,
    points       INTEGER      NOT NULL,
    has_hint     BOOLEAN      NOT NULL,
    hint_penalty INTEGER      NOT NULL,
    PRIMARY KEY (hunt_id, clue_id)
);

-- leaderboard ----------------------------------------------------------------------------------
CREATE TABLE lb_hunt (
    hunt_id            VARCHAR(64) PRIMARY KEY,
    first_finder_bonus INTEGER NOT NULL DEFAULT 0,
    frozen_at          TIMESTAMPTZ,
    -- bumped by every transaction that touched the hunt's board: live streams compare it per tick
    version            BIGINT  NOT NULL DEFAULT 0
);

-- Every event that may move a score, by global index (the primary key makes re-delivery harmless).
CREATE TABLE lb_fact (
    global_index BIGINT      PRIMARY KEY,
    hunt_id      VARCHAR(64) NOT NULL,
    player_id    VARCHAR(64) NOT NULL,
    kind         VARCHAR(12) NOT NULL CHECK (kind IN ('FIND', 'HINT', 'ADJUSTMENT')),
    clue_id      VARCHAR(64),
    points       INTEGER     NOT NULL,
    at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX lb_fact_player ON lb_fact (player_id, global_index);
-- first finders before a freeze instant; recent finds for the live ticker
CREATE INDEX lb_fact_clue_finds ON lb_fact (hunt_id, clue_id, global_index) WHERE kind = 'FIND';
CREATE INDEX lb_fact_recent_finds ON lb_fact (hunt_id, global_index DESC) WHERE kind = 'FIND';

-- The first finder of each clue: the lowest global index seen so far, live and before the freeze.
-- Kept apart so the write path finds it by primary key whatever the planner knows of lb_fact.
CREATE TABLE lb_clue_first (
    hunt_id     VARCHAR(64) NOT NULL,
    clue_id     VARCHAR(64) NOT NULL,
    live_index  BIGINT      NOT NULL,
    live_player VARCHAR(64) NOT NULL,
    pub_index   BIGINT,
    pub_player  VARCHAR(64),
    PRIMARY KEY (hunt_id, clue_id)
);

-- One row per player with both views precomputed: live (organizers) and public (freeze applied).
-- *_reached_at is when the player reached that score (registration if never changed).
CREATE TABLE lb_player (
    player_id          VARCHAR(64) PRIMARY KEY,
    hunt_id            VARCHAR(64) NOT NULL,
    handle             VARCHAR(64) NOT NULL,
    registered_index   BIGINT      NOT NULL,
    registered_at      TIMESTAMPTZ NOT NULL,
    disqualified_index BIGINT      NOT NULL DEFAULT -1,
    reinstated_index   BIGINT      NOT NULL DEFAULT -1,
    disqualified       BOOLEAN     NOT NULL DEFAULT FALSE,
    live_score         INTEGER     NOT NULL DEFAULT 0,
    live_clues         INTEGER     NOT NULL DEFAULT 0,
    live_last_scored   TIMESTAMPTZ,
    live_reached_at    TIMESTAMPTZ NOT NULL,
    pub_visible        BOOLEAN     NOT NULL DEFAULT TRUE,
    pub_score          INTEGER     NOT NULL DEFAULT 0,
    pub_clues          INTEGER     NOT NULL DEFAULT 0,
    pub_last_scored    TIMESTAMPTZ,
    pub_reached_at     TIMESTAMPTZ NOT NULL
);
-- Top-N and paging read these in order; ORDER BY mirrors io.veltrix.api.scoring.RankKey.ORDER.
CREATE INDEX lb_player_live_rank ON lb_player (hunt_id, live_score DESC, live_reached_at, registered_index)
    WHERE NOT disqualified;
CREATE INDEX lb_player_pub_rank ON lb_player (hunt_id, pub_score DESC, pub_reached_at, registered_index)
    WHERE NOT disqualified AND pub_visible;
CREATE INDEX lb_player_hunt ON lb_player (hunt_id, registered_index);

-- player-view ----------------------------------------------------------------------------------
-- Bearer authentication on the query side: SHA-256 of the token, never the token.
CREATE TABLE player_credential (
    token_hash VARCHAR(64) PRIMARY KEY,
    player_id  VARCHAR(64) NOT NULL,
    hunt_id    VARCHAR(64) NOT NULL
);

CREATE TABLE player_activity (
    player_id        VARCHAR(64) PRIMARY KEY,
    hunt_id          VARCHAR(64) NOT NULL,
    wrong_attempts   INTEGER     NOT NULL DEFAULT 0,
    refused_attempts INTEGER     NOT NULL DEFAULT 0,
    repeated_finds   INTEGER     NOT NULL DEFAULT 0
);
