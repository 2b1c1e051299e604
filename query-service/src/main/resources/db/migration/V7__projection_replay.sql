-- A projection replay in progress on one query-service instance. The other instances pause that
-- projection (releasing its segments, so the replaying one can reset them) and say meanwhile that
-- its read model is being rebuilt; they resume once the row says DONE, or once its instance has
-- stopped renewing it (it crashed: the replay's tokens are stored, whoever claims them goes on).
CREATE TABLE projection_replay (
    projection   TEXT PRIMARY KEY,
    node         TEXT        NOT NULL,  -- the replaying instance
    state        TEXT        NOT NULL,  -- RUNNING or DONE
    requested_at TIMESTAMPTZ NOT NULL,
    renewed_at   TIMESTAMPTZ NOT NULL
);
