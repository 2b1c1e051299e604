#!/usr/bin/env bash
# Builds what is missing or stale, then starts the embedded default: a durable embedded
# PostgreSQL plus both services. Ctrl-C stops everything. Knobs: see README "Configuration".
set -euo pipefail
cd "$(dirname "$0")"

jars=(command-service/target/command-service.jar query-service/target/query-service.jar launcher/target/launcher.jar)

needs_build() {
  local jar
  for jar in "${jars[@]}"; do
    [[ -f $jar ]] || return 0
    # any main source or pom newer than a jar means that jar may be stale
    if [[ -n $(find pom.xml ./*/pom.xml ./*/src/main -type f -newer "$jar" -print -quit 2>/dev/null) ]]; then
      return 0
    fi
  done
  return 1
}

if needs_build; then
  echo "Building Veltrix: ./mvnw -q -B -DskipTests package"
  ./mvnw -q -B -DskipTests package
  # Maven leaves a jar untouched when its content did not change; mark all as checked now
  touch "${jars[@]}"
fi

if [[ -n ${JAVA_HOME:-} ]]; then java="$JAVA_HOME/bin/java"; else java=java; fi
# the launcher only supervises; the services get their own heap settings (VELTRIX_JAVA_OPTS)
exec "$java" -Xmx64m -XX:+UseSerialGC -jar launcher/target/launcher.jar "$@"
