#!/usr/bin/env bash
# Builds what is missing or stale, then starts the embedded default: a durable embedded
# PostgreSQL plus both services. Ctrl-C stops everything. Knobs: see README "Configuration".
set -euo pipefail
cd "$(dirname "$0")"

jars=(command-service/target/command-service.jar query-service/target/query-service.jar launcher/target/launcher.jar)

source scripts/build-if-stale.sh
build_if_stale "${jars[@]}"

source scripts/java.sh
# the launcher only supervises; the services get their own heap settings (VELTRIX_JAVA_OPTS).
# Its own flags live in launcher/jvm-options, which the launcher's first-start test runs with too.
read -ra launcher_opts < launcher/jvm-options
exec "$java" "${launcher_opts[@]}" -jar launcher/target/launcher.jar "$@"
