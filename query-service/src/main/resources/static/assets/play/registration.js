// What joining alone and joining a team share: one Idempotency-Key per attempt, kept across reloads
// so that a retry after a dropped connection gets the same player and token; retries while there
// is no connection or the hunt is busy; and, once registered, playing as that player.
import { $ } from '../shared/elements.js';
import { connectionFailed, connectionWorks, post } from './connection.js';
import { refreshView } from './hunt-reading.js';
import { load, save, setPlayer } from './player-store.js';
import { render } from './render.js';

const RETRY_OFFLINE_MS = 3000;

/**
 * Sends a registration under the key of its attempt, kept under `name` until the service settles
 * it: resolves with the service's answer then, or with null when it is tried `again` later.
 */
export async function register(name, asked, request) {
  let attempt = load(name, null);
  if (!attempt || Object.keys(asked).some((field) => attempt[field] !== asked[field])) {
    attempt = Object.assign({ key: crypto.randomUUID() }, asked);
    save(name, attempt);
  }
  const message = $(request.message);
  message.textContent = request.sending;
  setDisabled(request.buttons, true);
  let answer;
  try {
    answer = await post(request.path, request.body, attempt.key);
  } catch (dropped) {
    connectionFailed();
    message.textContent = 'No connection: trying again…';
    setTimeout(request.again, RETRY_OFFLINE_MS);
    return null;
  }
  connectionWorks();
  setDisabled(request.buttons, false);
  if (answer.status === 503 || answer.status === 429) {
    message.textContent = 'The hunt is busy: trying again in ' + answer.retryAfter + ' s…';
    setDisabled(request.buttons, true);
    setTimeout(request.again, answer.retryAfter * 1000);
    return null;
  }
  save(name, null);
  return answer;
}

function setDisabled(buttons, disabled) {
  buttons.forEach((id) => { $(id).disabled = disabled; });
}

// Registered (alone or in a team): keep the player, take the link's codes out of the address bar
// and show the hunt as theirs.
export function becomePlayer(registered, message) {
  setPlayer(registered);
  history.replaceState(null, '', location.pathname);
  $(message).textContent = '';
  render();
  refreshView();
}
