-- Where each service has its own database role, the event store belongs to veltrix_eventstore,
-- a role that runs these migrations and nothing else (the command service connects as it only
-- for them). The command service's own role appends and reads events, and no longer owns the
-- event table: it cannot disable or drop the append-only trigger of V2, nor take back the
-- privileges V3 gave up. Tables created by the role setup's earlier versions were handed to
-- veltrix_eventstore by that setup (as a superuser) before this runs; as their owner it grants:
--   events: read and append (the global index's sequence too: an append allocates indexes);
--   snapshots: read, store, and delete the ones a newer snapshot replaces (as Axon does);
--   this history: read, so the command service can check the event store is up to date.
-- Axon's JDBC storage engine and token store issue no DDL at run time (no createSchema is
-- called): the tables are Flyway's alone.
DO $$ BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'veltrix_command') THEN
        GRANT SELECT, INSERT ON domain_event_entry TO veltrix_command;
        GRANT USAGE ON SEQUENCE domain_event_entry_global_index_seq TO veltrix_command;
        GRANT SELECT, INSERT, DELETE ON snapshot_event_entry TO veltrix_command;
        GRANT SELECT ON eventstore_schema_history TO veltrix_command;
    END IF;
END $$;
