-- The query side's copy of the organizer accounts (from OrganizerAccountCreated) and of who
-- organizes which hunt (HuntCreated's creator, HuntOrganizerAdded): the query service may read the
-- event store but no command-side table, and it authenticates organizers and decides per hunt
-- which staff views they may read. Named apart from the command side's organizer_account and
-- hunt_organizer. A new processor ("organizers") fills both from the first event on.
CREATE TABLE organizer_login (
    username      TEXT        PRIMARY KEY,
    password_hash TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE hunt_staff (
    hunt_id  VARCHAR(64) NOT NULL,
    username TEXT        NOT NULL,
    PRIMARY KEY (hunt_id, username)
);
CREATE INDEX hunt_staff_username ON hunt_staff (username);
