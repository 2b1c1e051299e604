// What the player page keeps in this browser, per hunt, so that a reload loses nothing: the player,
// the submissions not answered yet, the hints paid for and the clues locked out; and what the
// link's fragment brings, which must stay out of server logs: the join code, a team's code, or a
// device link's token.
export const huntId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
const STORE = 'veltrix.play.' + huntId + '.';

export function load(name, fallback) {
  try {
    const value = localStorage.getItem(STORE + name);
    return value === null ? fallback : JSON.parse(value);
  } catch (unreadable) {
    return fallback;
  }
}

export function save(name, value) {
  if (value === null || value === undefined) {
    localStorage.removeItem(STORE + name);
  } else {
    localStorage.setItem(STORE + name, JSON.stringify(value));
  }
}

export let player = load('player', null);      // {playerId, token, handle}, and in a team {teamId, teamCode?}
export const pending = load('pending', []);    // submissions not yet answered: [{key, clueId, answer}]
export const hints = load('hints', {});        // clueId -> hint text already paid for
export const lockedUntil = load('locked', {}); // clueId -> epoch ms until which the clue is locked
export let joinCode = '';
export let teamLink = null;                    // {teamId, code} from a captain's link

export function setPlayer(registered) {
  player = registered;
  save('player', player);
}

/** This device plays no more as that player: its link is no longer valid. */
export function forgetStoredPlayer() {
  setPlayer(null);
  save('pending', null);
  pending.length = 0;
}

export function forgetTeamLink() {
  teamLink = null;
}

export function teamFragment(teamId, code) {
  return '#team=' + encodeURIComponent(teamId) + '&teamCode=' + encodeURIComponent(code);
}

(function readFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  joinCode = params.get('code') || '';
  if (params.get('team')) { teamLink = { teamId: params.get('team'), code: params.get('teamCode') || '' }; }
  if (params.get('token') && params.get('player')) {
    setPlayer({ playerId: params.get('player'), token: params.get('token'), handle: params.get('handle') || '' });
  }
  // the token must not stay in the address bar or the history
  const kept = player ? '' : teamLink ? teamFragment(teamLink.teamId, teamLink.code)
    : joinCode ? '#code=' + encodeURIComponent(joinCode) : '';
  history.replaceState(null, '', location.pathname + kept);
})();
