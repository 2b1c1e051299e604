-- A disabled organizer account keeps its row (its name stays claimed: hunts' events name it) but
-- no longer logs in. Set and cleared, like the password hash after a reset or change, by the
-- handlers of the account's events in the append's transaction.
ALTER TABLE organizer_account ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT false;
