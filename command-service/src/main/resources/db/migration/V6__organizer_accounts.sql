-- Organizer accounts opened by an admin: the user name is claimed here in the transaction that
-- appends OrganizerAccountCreated, so two accounts never share one; the password only as its
-- BCrypt hash. The accounts of the configuration (VELTRIX_*_USER) are not in this table.
CREATE TABLE organizer_account (
    username      TEXT        PRIMARY KEY,
    account_id    TEXT        NOT NULL UNIQUE,
    password_hash TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Who organizes which hunt: its creator (HuntCreated.organizer) and its co-organizers
-- (HuntOrganizerAdded), kept by the subscribing handlers in the append's transaction.
CREATE TABLE hunt_organizer (
    hunt_id  TEXT NOT NULL,
    username TEXT NOT NULL,
    PRIMARY KEY (hunt_id, username)
);

-- Hunts created before accounts owned hunts belong to the account that created them. Their
-- events are in this database unless they live in Axon Server; there, an admin adds organizers.
DO $$
BEGIN
    IF to_regclass('public.domain_event_entry') IS NOT NULL THEN
        INSERT INTO hunt_organizer (hunt_id, username)
        SELECT convert_from(payload, 'UTF8')::jsonb ->> 'huntId', convert_from(payload, 'UTF8')::jsonb ->> 'organizer'
        FROM public.domain_event_entry
        WHERE payload_type = 'io.veltrix.api.hunt.HuntCreated'
        ON CONFLICT DO NOTHING;
    END IF;
END $$;
