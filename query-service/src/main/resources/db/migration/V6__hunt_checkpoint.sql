-- Signed checkpoints of hunts' chain heads. Each row holds the signed document as written, so its
-- signature can be checked again byte for byte; the columns beside it are for finding it.
CREATE TABLE hunt_checkpoint (
    hunt_id  VARCHAR(64) NOT NULL,
    number   BIGINT      NOT NULL,
    trigger  VARCHAR(16) NOT NULL,
    document BYTEA       NOT NULL,
    CONSTRAINT hunt_checkpoint_pkey PRIMARY KEY (hunt_id, number)
);
