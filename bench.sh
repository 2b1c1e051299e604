#!/usr/bin/env bash
# The launch-day benchmark (README, "Benchmark") in one command: builds what is missing or stale, starts
# Veltrix (embedded PostgreSQL, fsync on) for the tuned profile, runs the scenario, restarts it
# under SPRING_PROFILES_ACTIVE=axon-defaults and runs it again, then measures the raw PostgreSQL
# `limit` (JDBC insert + commit) and prints the paths of the JSON summaries.
#
#   ./bench.sh                       # the scenario's defaults (about 5 minutes of load)
#   ./bench.sh --rate 2000           # any load-generator flag is passed on to every run
#   BENCH_MODE=ladder ./bench.sh     # capacity at SLO: stampede, ladder, overload, check per profile
#   java -jar load-generator/target/load-generator.jar --help    # all flags
#
# Knobs (environment): BENCH_PROFILES (default "tuned axon-defaults"), BENCH_LIMIT (1: run the
# limit baseline, default 1), BENCH_DATA_DIR (default bench-data; each profile starts on a fresh
# <dir>/<profile> database unless BENCH_KEEP_DATA=1), BENCH_REUSE=1 (run the tuned profile
# against services already listening, started by someone else), BENCH_OUTPUT_DIR (bench-results),
# BENCH_BASELINE_REPLAY_TIMEOUT (60s: how long the axon-defaults replay waits for its live projections, and then runs, before its rate is taken),
# BENCH_WARMUP (1: a short unmeasured stampede + finds before each profile's run; 0: cold start),
# BENCH_MODE (scenario: the launch-day phases; ladder: stampede,ladder,overload,check per profile,
# the capacity at SLO side by side and a chart of the ladders, BENCH_LADDER_CLUES clues per hunt),
# BENCH_BASELINE_FLAGS (generator flags for the profiles other than tuned, after all others: e.g.
# "--ladder-start 50 --slo-lag-p99 2000ms" gives axon-defaults, whose 1 s polling breaks the lag
# clause at any rate, a finite capacity at a looser SLO; the comparison then calls the ratio a lower bound),
# and the launcher's own VELTRIX_* knobs (ports, VELTRIX_JAVA_OPTS, ...).
set -euo pipefail
cd "$(dirname "$0")"

profiles=${BENCH_PROFILES:-tuned axon-defaults}
data_root=${BENCH_DATA_DIR:-bench-data}
out=${BENCH_OUTPUT_DIR:-bench-results}
startup_timeout=${BENCH_STARTUP_TIMEOUT_SECONDS:-300}
mode=${BENCH_MODE:-scenario}
case $mode in
  scenario) mode_flags=() ;;
  # the lag probe watches FOUND finds: a ladder's hundreds of thousands of finds need more
  # player-clue pairs than 20 clues give, or the upper steps run out of samples
  ladder) mode_flags=(--phases stampede,ladder,overload,check --clues "${BENCH_LADDER_CLUES:-200}") ;;
  *) echo "bench: BENCH_MODE must be scenario or ladder, got '$mode'" >&2; exit 2 ;;
esac
tool=bench
source scripts/system.sh
build_system

mkdir -p "$out/logs"
trap stop_system EXIT
trap 'exit 130' INT TERM

# A measured run: its summary (the path is the generator's last line) joins the comparison. A run
# the generator aborted (a profile's service gone for good, say) still wrote its summary with the
# reason among its errors: the other profiles and the limit still run, and the bench exits 1.
aborted=()
generator() {
  local status=0
  run_generator "$@" || status=$?
  tail -n 1 "$out/logs/last-run.txt" >>"$out/logs/paths.txt"
  if (( status != 0 )); then
    aborted+=("$(tail -n 1 "$out/logs/last-run.txt")")
  fi
}

# Each profile starts on a fresh database unless BENCH_KEEP_DATA=1. The running system's secrets
# (staff and database passwords, generated per data directory) are in $secrets.
secrets=${VELTRIX_DATA_DIR:-data}/veltrix-secrets.properties
start_profile() {
  if [[ ${BENCH_KEEP_DATA:-0} != 1 ]]; then rm -rf "${data_root:?}/$1"; fi
  start_system "$1" "$data_root/$1" "$out/logs/$1-launcher.log"
  secrets=$data_root/$1/veltrix-secrets.properties
}

: >"$out/logs/paths.txt"
for profile in $profiles; do
  if [[ $profile == tuned && ${BENCH_REUSE:-0} == 1 ]]; then
    echo "Reusing the services on ports $command_port/$query_port for the tuned profile"
    generator --secrets-file "$secrets" "${mode_flags[@]}" "$@" --profile tuned
    continue
  fi
  stop_system
  start_profile "$profile"
  extra=()
  if [[ $profile != tuned && $mode == scenario ]]; then
    # out of the box the replay runs at a few thousand events/s: its rate is taken over this long
    extra=(--replay-timeout "${BENCH_BASELINE_REPLAY_TIMEOUT:-60s}")
  fi
  baseline=()
  if [[ $profile != tuned ]]; then
    read -ra baseline <<<"${BENCH_BASELINE_FLAGS:-}"
  fi
  if [[ ${BENCH_WARMUP:-1} == 1 ]]; then
    # the same short warm-up for every profile (its own hunt, its own JSON, left out of the
    # comparison), so the measured run meets compiled code rather than a cold JVM
    echo "Warm-up, profile $profile"
    run_generator --secrets-file "$secrets" --profile "$profile-warmup" \
      --phases stampede,finds --players 1000 --max-players 1000 --rate 200 --duration 20s >/dev/null
  fi
  generator --secrets-file "$secrets" "${extra[@]}" "${mode_flags[@]}" "$@" "${baseline[@]}" --profile "$profile"
done

if [[ ${BENCH_LIMIT:-1} == 1 ]]; then
  if [[ -z $launcher_pid ]]; then
    start_profile limit
  fi
  # the services are up but idle: the limit is measured on the same PostgreSQL (as its superuser,
  # whose generated password is in the secrets file)
  generator --secrets-file "$secrets" "$@" --profile limit --phases limit
fi
stop_system

echo
mapfile -t summaries <"$out/logs/paths.txt"
"$java" -jar load-generator/target/load-generator.jar compare "${summaries[@]}" \
  | tee "$out/logs/last-comparison.txt" || true
echo
echo "JSON summaries:"
cat "$out/logs/paths.txt"
if (( ${#aborted[@]} > 0 )); then
  echo "bench: aborted runs (their summaries' errors say why): ${aborted[*]}" >&2
  exit 1
fi
