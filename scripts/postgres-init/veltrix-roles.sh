#!/usr/bin/env bash
# docker-compose's PostgreSQL runs this once, at its data directory's first start, as its superuser
# (the image's /docker-entrypoint-initdb.d): each service gets its own least-privilege role, made
# by the same script the launcher applies to the embedded PostgreSQL at every start.
set -euo pipefail
: "${VELTRIX_DB_COMMAND_PASSWORD:?set VELTRIX_DB_COMMAND_PASSWORD in .env}"
: "${VELTRIX_DB_QUERY_PASSWORD:?set VELTRIX_DB_QUERY_PASSWORD in .env}"
: "${VELTRIX_DB_EVENTSTORE_PASSWORD:?set VELTRIX_DB_EVENTSTORE_PASSWORD in .env}"
psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v command_password="$VELTRIX_DB_COMMAND_PASSWORD" \
    -v query_password="$VELTRIX_DB_QUERY_PASSWORD" \
    -v eventstore_password="$VELTRIX_DB_EVENTSTORE_PASSWORD" \
    -f /veltrix/service-roles.sql
