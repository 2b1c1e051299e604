#!/usr/bin/env bash
# The launch-day benchmark of BENCH.md in one command: builds what is missing or stale, starts
# Veltrix (embedded PostgreSQL, fsync on) for the tuned profile, runs the scenario, restarts it
# under SPRING_PROFILES_ACTIVE=axon-defaults and runs it again, then measures the raw PostgreSQL
# `limit` (JDBC insert + commit) and prints the paths of the JSON summaries.
#
#   ./bench.sh                       # BENCH.md defaults (about 5 minutes of load)
#   ./bench.sh --rate 2000           # any load-generator flag is passed on to every run
#   BENCH_MODE=ladder ./bench.sh     # capacity at SLO: stampede, ladder, overload, check per profile
#   java -jar load-generator/target/load-generator.jar --help    # all flags
#
# Knobs (environment): BENCH_PROFILES (default "tuned axon-defaults"), BENCH_LIMIT (1: run the
# limit baseline, default 1), BENCH_DATA_DIR (default bench-data; each profile starts on a fresh
# <dir>/<profile> database unless BENCH_KEEP_DATA=1), BENCH_REUSE=1 (run the tuned profile
# against services already listening, started by someone else), BENCH_OUTPUT_DIR (bench-results),
# BENCH_BASELINE_REPLAY_TIMEOUT (120s: how long the axon-defaults replay runs before its rate is taken),
# BENCH_WARMUP (1: a short unmeasured stampede + finds before each profile's run; 0: cold start),
# BENCH_MODE (scenario: the launch-day phases; ladder: stampede,ladder,overload,check per profile,
# the capacity at SLO side by side and a chart of the ladders, BENCH_LADDER_CLUES clues per hunt),
# and the launcher's own VELTRIX_* knobs (ports, VELTRIX_JAVA_OPTS, ...).
set -euo pipefail
cd "$(dirname "$0")"

profiles=${BENCH_PROFILES:-tuned axon-defaults}
data_root=${BENCH_DATA_DIR:-bench-data}
out=${BENCH_OUTPUT_DIR:-bench-results}
command_port=${VELTRIX_COMMAND_PORT:-8081}
query_port=${VELTRIX_QUERY_PORT:-8082}
pg_port=${VELTRIX_PG_PORT:-54329}
startup_timeout=${BENCH_STARTUP_TIMEOUT_SECONDS:-300}
mode=${BENCH_MODE:-scenario}
case $mode in
  scenario) mode_flags=() ;;
  # the lag probe watches FOUND finds: a ladder's hundreds of thousands of finds need more
  # player-clue pairs than 20 clues give, or the upper steps run out of samples
  ladder) mode_flags=(--phases stampede,ladder,overload,check --clues "${BENCH_LADDER_CLUES:-200}") ;;
  *) echo "bench: BENCH_MODE must be scenario or ladder, got '$mode'" >&2; exit 2 ;;
esac
if [[ -n ${JAVA_HOME:-} ]]; then java="$JAVA_HOME/bin/java"; else java=java; fi

jars=(command-service/target/command-service.jar query-service/target/query-service.jar
      launcher/target/launcher.jar load-generator/target/load-generator.jar)
source scripts/build-if-stale.sh
build_if_stale "${jars[@]}"

mkdir -p "$out/logs"
launcher_pid=
stop_system() {
  if [[ -n $launcher_pid ]] && kill -0 "$launcher_pid" 2>/dev/null; then
    echo "Stopping Veltrix (launcher pid $launcher_pid)"
    kill -TERM "$launcher_pid" 2>/dev/null || true
    wait "$launcher_pid" 2>/dev/null || true
  fi
  launcher_pid=
}
trap stop_system EXIT
trap 'exit 130' INT TERM

# Starts the launcher for one profile on its own data directory and waits until both services are healthy.
start_system() {
  local profile=$1 data=$data_root/$1 log=$out/logs/$1-launcher.log
  if [[ ${BENCH_KEEP_DATA:-0} != 1 ]]; then rm -rf "$data"; fi
  mkdir -p "$data"
  echo "Starting Veltrix, profile $profile (data $data, log $log)"
  (
    export VELTRIX_DATA_DIR=$data
    # every service line in the run's log too: the data directory, which holds the service logs, is wiped next run
    export VELTRIX_VERBOSE=1
    if [[ $profile == tuned ]]; then unset SPRING_PROFILES_ACTIVE; else export SPRING_PROFILES_ACTIVE=$profile; fi
    # every profile unpacks PostgreSQL into the same folder once, not into each fresh data directory
    export VELTRIX_PG_BINARIES_DIR=${VELTRIX_PG_BINARIES_DIR:-$data_root/pg-binaries}
    read -ra launcher_opts < launcher/jvm-options
    exec "$java" "${launcher_opts[@]}" -jar launcher/target/launcher.jar
  ) >"$log" 2>&1 &
  launcher_pid=$!
  local waited=0
  until grep -q "Veltrix is up" "$log" 2>/dev/null; do
    if ! kill -0 "$launcher_pid" 2>/dev/null; then
      echo "bench: Veltrix did not start under profile $profile; last lines of $log:" >&2
      tail -n 30 "$log" >&2
      launcher_pid=
      return 1
    fi
    if (( waited >= startup_timeout )); then
      echo "bench: Veltrix not up after ${startup_timeout}s (profile $profile), see $log" >&2
      return 1
    fi
    sleep 1; waited=$((waited + 1))
  done
}

# Runs the load generator against the system on the configured ports.
run_generator() {
  "$java" -Xms256m -Xmx1g -XX:+UseParallelGC -jar load-generator/target/load-generator.jar \
    --command-url "http://localhost:$command_port" --query-url "http://localhost:$query_port" \
    --jdbc-url "jdbc:postgresql://localhost:$pg_port/veltrix" --output-dir "$out" "$@" | tee "$out/logs/last-run.txt"
}

# A measured run: its summary (the path is the generator's last line) joins the comparison.
generator() {
  run_generator "$@"
  tail -n 1 "$out/logs/last-run.txt" >>"$out/logs/paths.txt"
}

: >"$out/logs/paths.txt"
for profile in $profiles; do
  if [[ $profile == tuned && ${BENCH_REUSE:-0} == 1 ]]; then
    echo "Reusing the services on ports $command_port/$query_port for the tuned profile"
    generator --secrets-file "${VELTRIX_DATA_DIR:-data}/veltrix-secrets.properties" "${mode_flags[@]}" "$@" --profile tuned
    continue
  fi
  stop_system
  start_system "$profile"
  extra=()
  if [[ $profile != tuned && $mode == scenario ]]; then
    # out of the box the replay runs at a few thousand events/s: its rate is taken over this long
    extra=(--replay-timeout "${BENCH_BASELINE_REPLAY_TIMEOUT:-120s}")
  fi
  if [[ ${BENCH_WARMUP:-1} == 1 ]]; then
    # the same short warm-up for every profile (its own hunt, its own JSON, left out of the
    # comparison), so the measured run meets compiled code rather than a cold JVM
    echo "Warm-up, profile $profile"
    run_generator --secrets-file "$data_root/$profile/veltrix-secrets.properties" --profile "$profile-warmup" \
      --phases stampede,finds --players 1000 --max-players 1000 --rate 200 --duration 20s >/dev/null
  fi
  generator --secrets-file "$data_root/$profile/veltrix-secrets.properties" "${extra[@]}" "${mode_flags[@]}" "$@" --profile "$profile"
done

if [[ ${BENCH_LIMIT:-1} == 1 ]]; then
  if [[ -z $launcher_pid ]]; then
    start_system limit
  fi
  # the services are up but idle: the limit is measured on the same PostgreSQL
  generator "$@" --profile limit --phases limit
fi
stop_system

echo
mapfile -t summaries <"$out/logs/paths.txt"
"$java" -jar load-generator/target/load-generator.jar compare "${summaries[@]}" \
  | tee "$out/logs/last-comparison.txt" || true
echo
echo "JSON summaries:"
cat "$out/logs/paths.txt"
