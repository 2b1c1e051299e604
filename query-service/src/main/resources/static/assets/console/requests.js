// The console's requests and the messages that tell their outcome. Reads go to this (query)
// service, commands to the command service, whose URL /api/web-config gives (allowed there by CORS
// for this origin). The staff password lives in `session.auth` only, never in localStorage,
// sessionStorage or a cookie: a reload logs out. The services never answer 401 with a Basic
// challenge, so the browser never keeps the password on its own either; what it keeps is the
// account's device credential (device.js), sent with every request of the logged-in account.
import { $ } from '../shared/elements.js';
import { answerOf, getJson, postCommand, problemDetail, sleep } from '../shared/requests.js';
import { deviceHeaders, keepDevice } from './device.js';
import { logout } from './login.js';

const NETWORK_RETRIES = 3;

export const session = {
  auth: null,             // 'Basic …', built from what the organizer typed
  me: null,               // the logged-in account: {username, runsHunts, admin, ownPassword, roles}
  commandUrl: '',
  publicUrl: ''
};

export function describe(status, body) {
  const detail = problemDetail(body) || (body && body.title);
  switch (status) {
    case 401: return 'Your login was refused: log in again.';
    case 403: return 'Not allowed for this account' + (detail ? ': ' + detail : '.');
    case 429: return 'Too many requests: wait a moment and try again' + (detail ? ' (' + detail + ')' : '.');
    case 503: return 'The service is busy or its database is away: try again in a moment.';
    default: return detail || ('The service answered ' + status + '.');
  }
}

/** An answer to the logged-in account; a refused login logs it out. */
export async function answer(response) {
  return settled(await answerOf(response));
}

/** The logged-in account's device credential, renewed when an answer hands one out; a refusal logs out. */
function settled(result) {
  if (session.me && result.ok) { keepDevice(session.me.username, result.headers); }
  if (result.status === 401 && session.auth) { logout('Your login was refused: log in again.'); }
  return result;
}

/** The device credential of the logged-in account, as headers. */
export function ownDevice() {
  return deviceHeaders(session.me && session.me.username);
}

export async function read(path, withAuth) {
  const authorized = withAuth !== false && session.auth;
  return settled(await getJson(path, authorized ? session.auth : null, authorized ? ownDevice() : undefined));
}

/** A command with its own Idempotency-Key, sent again with the same key after a dropped connection. */
export async function command(path, body) {
  const key = crypto.randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      return settled(await postCommand(session.commandUrl + path, body, key, session.auth, ownDevice()));
    } catch (dropped) {
      if (attempt >= NETWORK_RETRIES) {
        return { status: 0, ok: false, body: null, offline: true };
      }
      await sleep(500 * attempt);
    }
  }
}

export function say(id, text, tone) {
  const element = $(id);
  element.textContent = text;
  element.className = 'message' + (tone ? ' ' + tone : '');
}

export function sayOutcome(id, result, success) {
  if (result.offline) {
    say(id, 'No answer from the command service: check the connection and try again.', 'bad');
  } else if (result.ok) {
    say(id, success, 'good');
  } else {
    say(id, describe(result.status, result.body), 'bad');
  }
}
