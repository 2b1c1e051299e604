-- A hunt's join code, as the keyed hash registrations are compared with; null: anyone may register.
ALTER TABLE hunt_state ADD COLUMN join_code_hash TEXT;
