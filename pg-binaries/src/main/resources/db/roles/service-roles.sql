-- The database accounts of Veltrix's two services, least privilege. Run as a superuser in the
-- services' database: by the launcher at every start (io.veltrix.pgbinaries.ServiceRoles) and by
-- docker-compose's PostgreSQL at its first start (scripts/postgres-init/veltrix-roles.sh), so it
-- is idempotent. The passwords are psql variables: command_password, query_password and
-- eventstore_password.
--
-- veltrix_eventstore owns the event store in "public" and runs its migrations, nothing else (the
-- launcher's migration step connects as it, before the services; no service does).
-- veltrix_command owns schema "command"; in "public" it reads and appends events as the event
-- store's migrations grant it, and can neither create tables there nor alter the event store's;
-- it cannot reach schema "query".
-- veltrix_query owns schema "query"; in "public" it reads every table of the event store (default
-- privileges, so tables of later migrations too) and writes only the processors' tracking tokens
-- (token_entry, granted by the event store's migration); it cannot reach schema "command". Each
-- schema's tables belong to the role that created them.

DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'veltrix_command') THEN
        CREATE ROLE veltrix_command;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'veltrix_query') THEN
        CREATE ROLE veltrix_query;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'veltrix_eventstore') THEN
        CREATE ROLE veltrix_eventstore;
    END IF;
END $$;
ALTER ROLE veltrix_command WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    PASSWORD :'command_password';
ALTER ROLE veltrix_query WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    PASSWORD :'query_password';
ALTER ROLE veltrix_eventstore WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
    PASSWORD :'eventstore_password';

DO $$ BEGIN
    EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO veltrix_command, veltrix_query, veltrix_eventstore', current_database());
END $$;

CREATE SCHEMA IF NOT EXISTS command AUTHORIZATION veltrix_command;
ALTER SCHEMA command OWNER TO veltrix_command;
CREATE SCHEMA IF NOT EXISTS query AUTHORIZATION veltrix_query;
ALTER SCHEMA query OWNER TO veltrix_query;
REVOKE ALL ON SCHEMA command FROM PUBLIC;
REVOKE ALL ON SCHEMA query FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
-- an earlier version let the command role create the event store
REVOKE CREATE ON SCHEMA public FROM veltrix_command;
GRANT USAGE, CREATE ON SCHEMA public TO veltrix_eventstore;
GRANT USAGE ON SCHEMA public TO veltrix_command, veltrix_query;

-- Tables, views and free-standing sequences that an earlier version created as another account
-- (one account for both services, or the command role for the event store) become the role's
-- whose schema they are in; the event store's migrations then grant the command role its part.
DO $$ DECLARE r record; BEGIN
    FOR r IN SELECT t.schema, t.name, t.owner FROM (
                 SELECT n.nspname AS schema, c.relname AS name, pg_get_userbyid(c.relowner) AS current_owner,
                        CASE n.nspname WHEN 'query' THEN 'veltrix_query' WHEN 'command' THEN 'veltrix_command'
                                       ELSE 'veltrix_eventstore' END AS owner
                 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname IN ('command', 'query', 'public') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                   AND d.objid = c.oid AND d.deptype IN ('a', 'i'))) t
             WHERE t.current_owner <> t.owner
    LOOP
        EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', r.schema, r.name, r.owner);
    END LOOP;
END $$;

ALTER DEFAULT PRIVILEGES FOR ROLE veltrix_eventstore IN SCHEMA public GRANT SELECT ON TABLES TO veltrix_query;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO veltrix_query;
DO $$ BEGIN
    IF to_regclass('public.token_entry') IS NOT NULL THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON public.token_entry TO veltrix_query;
    END IF;
END $$;
