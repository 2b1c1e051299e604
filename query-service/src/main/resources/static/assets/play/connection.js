// The player page's requests, with the player's token, and the banner that says when there is no
// connection. Reads come from this (query) service; registrations, teams, finds and hints are
// posted to the command service, whose URL /api/web-config gives (allowed there by CORS for this
// origin).
import { $ } from '../shared/elements.js';
import { getJson as read, postCommand } from '../shared/requests.js';
import { pending, player } from './player-store.js';

let commandUrl = '';
let lastRequestFailed = false;

export function setCommandUrl(url) {
  commandUrl = url;
}

function bearer() {
  return player ? 'Bearer ' + player.token : null;
}

/** Resolves with {status, body, retryAfter}; rejects only when no answer came (offline, dropped). */
export function post(path, body, key) {
  return postCommand(commandUrl + path, body, key, bearer());
}

export function getJson(path, withToken) {
  return read(path, withToken ? bearer() : null);
}

export function connected() {
  return navigator.onLine && !lastRequestFailed;
}

export function showConnection() {
  const offline = !connected();
  const banner = $('offline');
  banner.hidden = !offline;
  if (offline) {
    const waiting = pending.length;
    banner.textContent = (navigator.onLine ? 'No connection to the hunt.' : 'You are offline.')
      + (waiting ? ' ' + waiting + (waiting === 1 ? ' answer is' : ' answers are')
        + ' kept and sent as soon as the connection is back.' : '');
  }
}

export function connectionFailed() {
  lastRequestFailed = true;
  showConnection();
}

export function connectionWorks() {
  if (lastRequestFailed) {
    lastRequestFailed = false;
    showConnection();
  }
}

/** The browser says it is online again: the next request tells whether the hunt answers. */
export function connectionBack() {
  lastRequestFailed = false;
}
