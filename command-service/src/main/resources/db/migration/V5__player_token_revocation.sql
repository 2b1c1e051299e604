-- Revoked player tokens (SHA-256 hashes), in the transaction of the revocation event: every
-- command-service instance reads the recent ones at most every
-- veltrix.security.player-token-revocation-poll and forgets them from its token cache.
CREATE TABLE player_token_revocation (
    token_hash TEXT        NOT NULL,
    player_id  TEXT        NOT NULL,
    revoked_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX player_token_revocation_at ON player_token_revocation (revoked_at);
