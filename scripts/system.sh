# Sourced by bench.sh and drill.sh: building what is stale, starting and stopping the whole system
# (the launcher, with its embedded PostgreSQL) in the background, and running the load generator
# against it. The caller sets: out (output folder), data_root, startup_timeout and tool (its name,
# for messages).

command_port=${VELTRIX_COMMAND_PORT:-8081}
query_port=${VELTRIX_QUERY_PORT:-8082}
pg_port=${VELTRIX_PG_PORT:-54329}
source scripts/java.sh

# Builds the services, the launcher and the load generator when any of them is stale.
build_system() {
  source scripts/build-if-stale.sh
  build_if_stale command-service/target/command-service.jar query-service/target/query-service.jar \
    launcher/target/launcher.jar load-generator/target/load-generator.jar
}

# The load generator is one client address playing a whole crowd: its stampede registers
# thousands of players in seconds and its finds send thousands of wrong answers a minute per
# clue, far beyond the per-address limits and the wrong-answer alert sized for real players.
export_generator_limits() {
  export VELTRIX_REGISTRATION_BURST=${VELTRIX_REGISTRATION_BURST:-1000000}
  export VELTRIX_WRONG_ANSWER_BURST=${VELTRIX_WRONG_ANSWER_BURST:-1000000}
  export VELTRIX_WRONG_ANSWERS_PER_MINUTE=${VELTRIX_WRONG_ANSWERS_PER_MINUTE:-1000000}
  export VELTRIX_WRONG_ANSWER_ALERT_PER_MINUTE=${VELTRIX_WRONG_ANSWER_ALERT_PER_MINUTE:-1000000000}
}

launcher_pid=
stop_system() {
  if [[ -n $launcher_pid ]] && kill -0 "$launcher_pid" 2>/dev/null; then
    echo "Stopping Veltrix (launcher pid $launcher_pid)"
    kill -TERM "$launcher_pid" 2>/dev/null || true
    wait "$launcher_pid" 2>/dev/null || true
  fi
  launcher_pid=
}

# start_system PROFILE DATA LOG: starts the launcher on DATA with SPRING_PROFILES_ACTIVE=PROFILE
# (none for "tuned"), its output in LOG, and waits until both services are healthy.
start_system() {
  local profile=$1 data=$2 log=$3
  mkdir -p "$data"
  echo "Starting Veltrix, profile $profile (data $data, log $log)"
  (
    export VELTRIX_DATA_DIR=$data
    # every service line in the run's log too: the data directory, which holds the service logs, is wiped next run
    export VELTRIX_VERBOSE=1
    if [[ $profile == tuned ]]; then unset SPRING_PROFILES_ACTIVE; else export SPRING_PROFILES_ACTIVE=$profile; fi
    # every run unpacks PostgreSQL into the same folder once, not into each fresh data directory
    export VELTRIX_PG_BINARIES_DIR=${VELTRIX_PG_BINARIES_DIR:-$data_root/pg-binaries}
    export_generator_limits
    read -ra launcher_opts < launcher/jvm-options
    exec "$java" "${launcher_opts[@]}" -jar launcher/target/launcher.jar
  ) >"$log" 2>&1 &
  launcher_pid=$!
  local waited=0
  until grep -q "Veltrix is up" "$log" 2>/dev/null; do
    if ! kill -0 "$launcher_pid" 2>/dev/null; then
      echo "$tool: Veltrix did not start under profile $profile; last lines of $log:" >&2
      tail -n 30 "$log" >&2
      launcher_pid=
      return 1
    fi
    if (( waited >= startup_timeout )); then
      echo "$tool: Veltrix not up after ${startup_timeout}s (profile $profile), see $log" >&2
      return 1
    fi
    sleep 1; waited=$((waited + 1))
  done
}

# Runs the load generator against the system on the configured ports; its output also goes to
# $out/logs/last-run.txt (the summary's path is its last line).
run_generator() {
  "$java" -Xms256m -Xmx1g -XX:+UseParallelGC -jar load-generator/target/load-generator.jar \
    --command-url "http://localhost:$command_port" --query-url "http://localhost:$query_port" \
    --jdbc-url "jdbc:postgresql://localhost:$pg_port/veltrix" --output-dir "$out" "$@" | tee "$out/logs/last-run.txt"
}
