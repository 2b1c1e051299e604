-- Indexes that a projection's writes never read, dropped by a replay's bulk part while it projects
-- the store and built again at its end (ReplayIndexes): one row per index dropped, with the
-- statement that builds it as it was. Rows left behind (the service stopped before the end) are
-- built at the next start.
CREATE TABLE replay_dropped_index (
    index_name       TEXT PRIMARY KEY,
    processing_group TEXT NOT NULL,
    definition       TEXT NOT NULL,
    dropped_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
