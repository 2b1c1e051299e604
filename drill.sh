#!/usr/bin/env bash
# Fault drills (docs/reliability.md): a steady load of finds while a service is killed, then the
# proof that nothing acknowledged was lost or counted twice: the board against every acknowledged
# find, and the audit trail's verify (board = replay, hash chains intact).
#
#   ./drill.sh                    # every drill below, each on a fresh database
#   ./drill.sh command-kill       # kill -9 the command service during the finds; players' apps resend
#                                 # with the same Idempotency-Key until answered; the launcher starts it again
#   ./drill.sh query-kill         # kill -9 the query service; projections resume from their tokens
#   ./drill.sh pg-kill            # kill -9 PostgreSQL's postmaster; the launcher starts it again (crash
#                                 # recovery), the services answer 503 meanwhile and reconnect by themselves
#   ./drill.sh pg-stop            # the same after a fast shutdown (SIGINT) of PostgreSQL
#   ./drill.sh soak               # 20 minutes at 300 finds/s, 500 SSE streams, 200 board reads/s:
#                                 # memory, threads, file descriptors, database connections, lag per minute
#
# Knobs (environment): DRILL_RATE (finds/s, 300), DRILL_DURATION (60s), DRILL_FAULT_AT (20s into the
# finds), DRILL_SOAK_DURATION (20m), DRILL_DATA_DIR (drill-data), DRILL_OUTPUT_DIR (drill-results),
# and the launcher's VELTRIX_* knobs (ports, restarts). Extra arguments go to the load generator.
# Exit status 1 when a drill reported an error; each drill's JSON summary is named on the last line
# of its output. Without a drill named, the service kills and the PostgreSQL drills run (the soak only
# when named).
set -euo pipefail
cd "$(dirname "$0")"

tool=drill
data_root=${DRILL_DATA_DIR:-drill-data}
out=${DRILL_OUTPUT_DIR:-drill-results}
startup_timeout=${DRILL_STARTUP_TIMEOUT_SECONDS:-300}

drills=()
extra=()
for arg in "$@"; do
  case $arg in
    command-kill|query-kill|pg-kill|pg-stop|soak) drills+=("$arg") ;;
    -*) extra+=("$arg") ;;
    *) if (( ${#extra[@]} > 0 )); then extra+=("$arg"); else echo "drill: unknown drill '$arg' (command-kill, query-kill, pg-kill, pg-stop, soak)" >&2; exit 2; fi ;;
  esac
done
(( ${#drills[@]} > 0 )) || drills=(command-kill query-kill pg-kill pg-stop)

source scripts/system.sh
build_system

mkdir -p "$out/logs"
trap stop_system EXIT
trap 'exit 130' INT TERM

failed=()
for drill in "${drills[@]}"; do
  data=$data_root/$drill
  rm -rf "$data"
  start_system tuned "$data" "$out/logs/$drill-launcher.log"
  case $drill in
    command-kill|query-kill)
      if [[ $drill == command-kill ]]; then jar=command-service.jar port=$command_port; else jar=query-service.jar port=$query_port; fi
      echo "== drill $drill: kill -9 the service running $jar ${DRILL_FAULT_AT:-20s} into the finds"
      # the launcher's child JVM running that jar, whatever its pid is by then
      load=(--phases stampede,finds,check --players 1000 --max-players 1000
            --rate "${DRILL_RATE:-300}" --duration "${DRILL_DURATION:-60s}" --retry-until-answered 120s
            --fault "pkill -9 -P $launcher_pid -f -- '-jar .*$jar'" --fault-at "${DRILL_FAULT_AT:-20s}"
            --fault-health-url "http://localhost:$port/actuator/health/readiness") ;;
    pg-kill|pg-stop)
      if [[ $drill == pg-kill ]]; then signal=KILL; else signal=INT; fi # SIGINT: PostgreSQL's fast shutdown
      echo "== drill $drill: kill -$signal PostgreSQL's postmaster ${DRILL_FAULT_AT:-20s} into the finds"
      # the postmaster's pid is the first line of its pid file, whichever process it is by then
      load=(--phases stampede,finds,check --players 1000 --max-players 1000
            --rate "${DRILL_RATE:-300}" --duration "${DRILL_DURATION:-60s}" --retry-until-answered 120s
            --fault "kill -$signal \$(head -n 1 '$data/postgres/postmaster.pid')" --fault-at "${DRILL_FAULT_AT:-20s}"
            --fault-health-url "http://localhost:$command_port/actuator/health") ;;
    soak)
      echo "== drill soak: ${DRILL_SOAK_DURATION:-20m} of finds, spectators and board reads, watched minute by minute"
      # 200 clues: the lag probe samples FOUND answers, and 20 minutes at 300/s would find all of 20
      load=(--phases stampede,finds,spectators,lag,check --players 1000 --max-players 1000 --clues 200
            --rate "${DRILL_RATE:-300}" --duration "${DRILL_SOAK_DURATION:-20m}" --sse-subscribers 500
            --board-read-rate 200 --soak-window 60s) ;;
  esac
  if ! run_generator --secrets-file "$data/veltrix-secrets.properties" --profile "drill-$drill" "${load[@]}" "${extra[@]}"; then
    failed+=("$drill")
  elif ! grep -Eq '^errors +0 ' "$out/logs/last-run.txt"; then
    failed+=("$drill")
  fi
  grep -E "starting it again|service is healthy|PostgreSQL is up again" "$out/logs/$drill-launcher.log" | sed 's/^/  launcher: /' || true
  stop_system
done

if (( ${#failed[@]} > 0 )); then
  echo "drill: errors in ${failed[*]} (see the summaries above)" >&2
  exit 1
fi
echo "drill: ${drills[*]}: no errors"
