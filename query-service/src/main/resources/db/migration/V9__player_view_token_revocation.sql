-- Revoked player tokens (SHA-256 hashes), written when the player view projects a revocation:
-- every query-service instance reads the recent ones at most every
-- veltrix.security.player-token-revocation-poll and forgets them from its token cache.
CREATE TABLE player_view_token_revocation (
    token_hash TEXT        NOT NULL,
    player_id  TEXT        NOT NULL,
    revoked_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX player_view_token_revocation_at ON player_view_token_revocation (revoked_at);
