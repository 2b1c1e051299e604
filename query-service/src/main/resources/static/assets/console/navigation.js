// Which screen the console shows: the login until someone is logged in, then #hunt=ID a hunt and
// anything else the list of hunts (with the accounts screens).
import { $ } from '../shared/elements.js';
import { refreshList } from './hunt-list.js';
import { openHunt, stopPolling } from './hunt-view.js';
import { openAccounts } from './organizer-accounts.js';
import { session } from './requests.js';

export function show(section) {
  for (const id of ['login', 'hunts', 'hunt']) { $(id).hidden = id !== section; }
}

export function shownHuntId() {
  return new URLSearchParams(location.hash.slice(1)).get('hunt');
}

export function route() {
  if (!session.auth) { show('login'); return; }
  stopPolling();
  const huntId = shownHuntId();
  if (huntId) {
    show('hunt');
    openHunt(huntId);
  } else {
    show('hunts');
    refreshList();
    openAccounts();
  }
}
window.addEventListener('hashchange', route);

$('home').addEventListener('click', (event) => {
  event.preventDefault();
  history.pushState(null, '', location.pathname);
  route();
});
