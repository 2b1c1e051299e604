#!/usr/bin/env bash
# Measures what each HTTP client costs the load generator against a running ./run.sh: sets up a
# published, started hunt whose board has CLIENT_COST_PLAYERS entries, then runs the generator's
# client-cost mode for RawHttp and Jetty's HttpClient, alternating, per request kind and rate,
# CLIENT_COST_ROUNDS times, each in a JVM of its own. The request kind `stream` opens
# CLIENT_COST_STREAMS live-board streams instead (SseSubscribers or Jetty's HttpClient), each run on
# a new hunt of CLIENT_COST_CLUES clues, while finds at CLIENT_COST_FIND_RATE change its board.
# Prints one line per run and the file of their JSON. Extra arguments go to every run (e.g.
# --connections 32). Needs bash, curl and sed, and load-generator/target/load-generator.jar
# (./mvnw -q -B -pl load-generator -am package -DskipTests).
#
# The organizer's credentials and the ports come from the environment or the launcher's secrets
# file (scripts/running-system.sh). Run it on a quiet machine: it is a measurement.
set -euo pipefail
cd "$(dirname "$0")/.."

rates=${CLIENT_COST_RATES:-1000 2000}
rounds=${CLIENT_COST_ROUNDS:-2}
requests=${CLIENT_COST_REQUESTS:-board find stream}
clients=${CLIENT_COST_CLIENTS:-raw jetty}
duration=${CLIENT_COST_DURATION:-20s}
warmup=${CLIENT_COST_WARMUP:-5s}
players=${CLIENT_COST_PLAYERS:-50}
stream_counts=${CLIENT_COST_STREAMS:-1000}
find_rate=${CLIENT_COST_FIND_RATE:-20}
clue_count=${CLIENT_COST_CLUES:-20}
# the query service notices a closed stream of a quiet hunt only by writing its keep-alives (15 s
# apart; the first write after the close may still succeed): until then it counts against the
# streams allowed from one address (2,000), so each stream run after the first waits this long
stream_pause=${CLIENT_COST_STREAM_PAUSE:-31}
output=${CLIENT_COST_OUTPUT:-bench-results/client-cost-$(date -u +%Y%m%d-%H%M%S).jsonl}
jar=load-generator/target/load-generator.jar

script=client-cost
# shellcheck source=running-system.sh
source scripts/running-system.sh

[[ -r $jar ]] || die "no $jar: ./mvnw -q -B -pl load-generator -am package -DskipTests"
json=(-H 'Content-Type: application/json')

# new_hunt NAME CLUES: a published, started hunt of CLUES clues, all answered "piano"; sets hunt and clues (comma-separated)
new_hunt() {
  local created added i
  created=$(call POST "$command_url/api/hunts" "${organizer[@]}" "${json[@]}" -d "{\"name\": \"$1\"}")
  hunt=$(field huntId "$created")
  clues=
  for ((i = 1; i <= $2; i++)); do
    added=$(call POST "$command_url/api/hunts/$hunt/clues" "${organizer[@]}" "${json[@]}" \
      -d "{\"title\": \"Music room $i\", \"riddle\": \"What has keys but opens no locks?\", \"answers\": [\"piano\"], \"points\": 100}")
    clues=${clues:+$clues,}$(field clueId "$added")
  done
  call POST "$command_url/api/hunts/$hunt/publish" "${organizer[@]}" >/dev/null
  call POST "$command_url/api/hunts/$hunt/start" "${organizer[@]}" >/dev/null
}

token=
if [[ " $requests " == *" board "* || " $requests " == *" find "* ]]; then
  new_hunt "Client cost" 1
  clue=$clues
  for ((i = 1; i <= players; i++)); do
    registered=$(call POST "$command_url/api/hunts/$hunt/players" "${json[@]}" -d "{\"handle\": \"cost-$i\"}")
    token=$(field token "$registered")
    call POST "$command_url/api/hunts/$hunt/finds" -H "Authorization: Bearer $token" "${json[@]}" \
      -d "{\"clueId\": \"$clue\", \"answer\": \"piano\"}" >/dev/null
  done
  echo "hunt $hunt: $players players on its board"
fi
request_hunt=${hunt:-}

mkdir -p "$(dirname "$output")"
: >"$output"
# run ROUND ARGS...: one client-cost run, its line printed, its JSON appended
run() {
  local round=$1
  shift
  # a run with failures or unexpected answers still reports; its line says so
  java -jar "$jar" client-cost "$@" --duration "$duration" --warmup "$warmup" --query-url "$query_url" \
    --command-url "$command_url" "${extra[@]}" >"$output.run" || true
  sed -n '1p' "$output.run" | sed "s/^/round $round  /"
  sed -n '2p' "$output.run" >>"$output"
}

extra=("$@")
for ((round = 1; round <= rounds; round++)); do
  for request in $requests; do
    if [[ $request == stream ]]; then
      for streams in $stream_counts; do
        for client in $clients; do
          # a hunt per run, so that every run's board starts empty and changes alike
          [[ -z ${streamed:-} ]] || sleep "$stream_pause"
          streamed=1
          new_hunt "Client cost streams" "$clue_count"
          run "$round" --client "$client" --request stream --streams "$streams" --find-rate "$find_rate" \
            --hunt "$hunt" --clue "$clues"
        done
      done
      continue
    fi
    for rate in $rates; do
      for client in $clients; do
        run "$round" --client "$client" --request "$request" --rate "$rate" --hunt "$request_hunt" --player-token "$token"
      done
    done
  done
done
rm -f "$output.run"
echo "$output"
