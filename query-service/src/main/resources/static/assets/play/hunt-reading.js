// Reading the hunt and the player's own view, polled and read again soon whenever the board's
// stream says standings moved. The view and the board are separate projections, each a moment
// behind the command side.
import { $ } from '../shared/elements.js';
import { answeredFound, buildClues } from './clues.js';
import { connectionFailed, getJson } from './connection.js';
import { forgetStoredPlayer, huntId, player } from './player-store.js';
import { render } from './render.js';

const VIEW_POLL_MS = 30000;
const VIEW_SOON_MS = 500;
const VIEW_MISSES_RETRIED_SOON = 60;
const HUNT_POLL_MS = 15000;

export let hunt = null;
export let view = null;
export let huntReadAt = 0;

export function forgetPlayer(why) {
  view = null;
  forgetStoredPlayer();
  $('join-message').textContent = why;
  render();
}

let viewTimer = null;
let viewReads = 0;
let viewMisses = 0;

export async function refreshView() {
  clearTimeout(viewTimer);
  viewTimer = setTimeout(refreshView, VIEW_POLL_MS);
  if (!player) { return; }
  const read = ++viewReads;
  let answer;
  try {
    answer = await getJson('/api/hunts/' + encodeURIComponent(huntId) + '/players/' + encodeURIComponent(player.playerId), true);
  } catch (dropped) {
    connectionFailed();
    return;
  }
  if (read !== viewReads) { return; } // a later read was started: its answer is the newer one
  if (answer.status === 200) {
    viewMisses = 0;
    view = answer.body;
    // A find answered here that the view does not show yet, or a rank the board has not given yet,
    // follows within moments, possibly before the board's stream says anything about this player.
    const behind = [...answeredFound].some((clueId) => !view.found.some((f) => f.clueId === clueId));
    if (behind || (view.rank === null && !view.disqualified)) {
      refreshViewSoon();
    }
    render();
  } else if ((answer.status === 401 || answer.status === 404) && ++viewMisses <= VIEW_MISSES_RETRIED_SOON) {
    // just registered: this service learns the player (and its token) moments after the command side
    refreshViewSoon();
  }
}

let soonTimer = null;
export function refreshViewSoon() {
  if (soonTimer) { return; }
  soonTimer = setTimeout(() => { soonTimer = null; refreshView(); }, VIEW_SOON_MS);
}

let huntTimer = null;
export async function refreshHunt() {
  clearTimeout(huntTimer);
  huntTimer = setTimeout(refreshHunt, HUNT_POLL_MS);
  huntReadAt = Date.now();
  let answer;
  try {
    answer = await getJson('/api/hunts/' + encodeURIComponent(huntId), false);
  } catch (dropped) {
    return;
  }
  if (answer.status !== 200) {
    $('hunt-state').textContent = answer.status === 404 ? 'There is no such hunt: check the link.' : 'The hunt cannot be read right now.';
    return;
  }
  const first = !hunt;
  hunt = answer.body;
  if (first) {
    document.title = hunt.name + ' · Veltrix';
    buildClues();
  }
  if (hunt.joinCodeRequired) { $('code-field').hidden = false; }
  render();
}

/**
 * The board's stream says when standings move; the player's own view is read again when a change
 * touches the player's line: new content, or a new place on the board (a rival climbing past moves
 * it down without changing it). The page holds the board's player ids to see the places.
 */
export function watchBoard() {
  const source = new EventSource('/api/hunts/' + encodeURIComponent(huntId) + '/leaderboard/stream?changes=true&moves=true');
  let places = [];
  source.addEventListener('board', (e) => {
    const live = JSON.parse(e.data);
    places = live.board.map((line) => line.playerId);
    if (hunt) { hunt.frozenAt = live.frozenAt; }
    refreshViewSoon();
  });
  source.addEventListener('change', (e) => {
    const change = JSON.parse(e.data);
    if (hunt && hunt.frozenAt !== change.frozenAt) {
      hunt.frozenAt = change.frozenAt;
      refreshViewSoon();
    }
    const held = places;
    places = held.slice(0, change.size);
    (change.moved || []).forEach((run) => { // none from a server that does not know moved runs
      for (let i = 0; i < run.count; i++) { places[run.at + i] = held[run.from + i]; }
    });
    change.lines.forEach((changed) => { places[changed.at] = changed.line.playerId; });
    if (!player) { return; }
    const mine = player.playerId;
    if (change.lines.some((changed) => changed.line.playerId === mine) || held.indexOf(mine) !== places.indexOf(mine)) {
      refreshViewSoon();
    }
  });
}
