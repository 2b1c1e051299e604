-- Stored events are never changed or removed: new schema versions are upcast on read, corrections
-- are new events. Refusing UPDATE, DELETE and TRUNCATE here stops every role that is not the
-- table's owner or a superuser (they can disable the trigger; the hash chains and the signed
-- checkpoints are what shows their changes). Statement-level: no cost on the insert path.
CREATE FUNCTION domain_event_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'domain_event_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER domain_event_entry_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON domain_event_entry
    FOR EACH STATEMENT EXECUTE FUNCTION domain_event_entry_append_only();
