-- Least privilege on the event store. Stored events are appended, never changed: whoever runs this
-- migration (the command service's role, the tables' owner, where each service has its own role)
-- gives up UPDATE, DELETE and TRUNCATE on the event table as well; the trigger of V2 refuses them
-- to everyone but a superuser or an owner who deliberately takes them back.
REVOKE UPDATE, DELETE, TRUNCATE ON domain_event_entry FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON domain_event_entry FROM CURRENT_USER;

-- Where the query service connects with a role of its own (veltrix_query), it reads the event
-- store and keeps its processors' tracking tokens here, and may do nothing else in this schema.
DO $$ BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'veltrix_query') THEN
        GRANT SELECT ON domain_event_entry, snapshot_event_entry, eventstore_schema_history TO veltrix_query;
        GRANT SELECT, INSERT, UPDATE, DELETE ON token_entry TO veltrix_query;
    END IF;
END $$;
