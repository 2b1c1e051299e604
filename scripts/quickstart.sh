#!/usr/bin/env bash
# Plays a one-clue hunt against a running ./run.sh: as the organizer it creates a hunt, adds a
# clue, publishes and starts it; as a player it registers and finds the clue; then it prints
# where to watch the board and how to read the player's own view. Needs bash, curl and sed only.
#
# The organizer's credentials and the ports: see scripts/running-system.sh.
set -euo pipefail
# VELTRIX_DATA_DIR is relative to the repository root, where run.sh starts the launcher
cd "$(dirname "$0")/.."

script=quickstart
# shellcheck source=running-system.sh
source scripts/running-system.sh
json=(-H 'Content-Type: application/json')

echo "1. The organizer creates a hunt"
# one assignment per call: set -e stops at a failed call only when it is assigned on its own
created=$(call POST "$command_url/api/hunts" "${organizer[@]}" "${json[@]}" -d '{"name": "Quick start hunt"}')
hunt=$(field huntId "$created")
echo "   hunt $hunt"

echo "2. ... adds a clue (answer: piano)"
added=$(call POST "$command_url/api/hunts/$hunt/clues" "${organizer[@]}" "${json[@]}" \
  -d '{"title": "Music room", "riddle": "What has keys but opens no locks?", "answers": ["piano", "a piano"], "points": 100}')
clue=$(field clueId "$added")
echo "   clue $clue"

echo "3. ... publishes the hunt (registration opens) and starts it (finds count)"
call POST "$command_url/api/hunts/$hunt/publish" "${organizer[@]}" >/dev/null
call POST "$command_url/api/hunts/$hunt/start" "${organizer[@]}" >/dev/null

echo "4. A player registers (anyone may) and gets a token, shown only this once"
registered=$(call POST "$command_url/api/hunts/$hunt/players" "${json[@]}" -d '{"handle": "first-finder"}')
player=$(field playerId "$registered")
token=$(field token "$registered")
echo "   player $player"

echo "5. The player submits the right answer"
found=$(call POST "$command_url/api/hunts/$hunt/finds" -H "Authorization: Bearer $token" "${json[@]}" \
  -d "{\"clueId\": \"$clue\", \"answer\": \"Piano\"}")
echo "   $found"

# the query side follows the event store a moment later; the registration may show before the
# find does, so wait for the clue to count
scored='"cluesFound":1'
board=
for _ in $(seq 1 50); do
  board=$(call GET "$query_url/api/hunts/$hunt/leaderboard")
  [[ $board == *"$scored"* ]] && break
  sleep 0.2
done
[[ $board == *"$scored"* ]] || die "the board did not count the find within 10 s: $board"

cat <<EOF

The board now:
  $board

Live board (open it in a browser):  $query_url/hunts/$hunt
Play it from a phone (share this):  $query_url/play/$hunt
Leaderboard as JSON:                $query_url/api/hunts/$hunt/leaderboard
The player's own view:
  curl -H 'Authorization: Bearer $token' \\
    $query_url/api/hunts/$hunt/players/$player
EOF
