-- Set-based validation tables of the command side. Each is derived from events and updated in
-- the same transaction as the append (subscribing handlers, or the registration handler), so a
-- rule checked here holds exactly, without every registration passing through one aggregate.

-- What commands need to know about a hunt without loading its aggregate.
CREATE TABLE hunt_state (
    hunt_id                TEXT        PRIMARY KEY,
    status                 TEXT        NOT NULL,
    max_players            INTEGER,
    max_wrong_attempts     INTEGER     NOT NULL,
    lockout_window_seconds INTEGER     NOT NULL,
    starts_at              TIMESTAMPTZ,
    ends_at                TIMESTAMPTZ
);
CREATE INDEX hunt_state_timed ON hunt_state (status) WHERE starts_at IS NOT NULL OR ends_at IS NOT NULL;

-- Clues as the find and hint handlers need them: keyed answer hashes, never plain answers.
CREATE TABLE hunt_clue (
    hunt_id       TEXT    NOT NULL,
    clue_id       TEXT    NOT NULL,
    points        INTEGER NOT NULL,
    hint          TEXT,
    hint_penalty  INTEGER NOT NULL,
    salt          TEXT    NOT NULL,
    answer_hashes TEXT[]  NOT NULL,
    PRIMARY KEY (hunt_id, clue_id)
);

-- Capacity, striped: maxPlayers is split over several rows so concurrent registrations lock
-- different rows; the sum of remaining is exact.
CREATE TABLE registration_slot (
    hunt_id   TEXT    NOT NULL,
    slot      INTEGER NOT NULL,
    remaining INTEGER NOT NULL CHECK (remaining >= 0),
    PRIMARY KEY (hunt_id, slot)
);

-- Handles are unique per hunt, case-insensitively (handle_key is the case-folded handle).
CREATE TABLE player_handle (
    hunt_id    TEXT NOT NULL,
    handle_key TEXT NOT NULL,
    player_id  TEXT NOT NULL UNIQUE,
    PRIMARY KEY (hunt_id, handle_key)
);

-- Bearer tokens, as SHA-256 hashes only.
CREATE TABLE player_credential (
    token_hash TEXT PRIMARY KEY,
    player_id  TEXT NOT NULL UNIQUE,
    hunt_id    TEXT NOT NULL
);

-- Outcomes of requests sent with an Idempotency-Key, written in the transaction of the append.
CREATE TABLE idempotency_record (
    principal   TEXT        NOT NULL,
    idem_key    TEXT        NOT NULL,
    fingerprint TEXT        NOT NULL,
    status      INTEGER,
    body        TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, idem_key)
);
CREATE INDEX idempotency_record_created ON idempotency_record (created_at);
