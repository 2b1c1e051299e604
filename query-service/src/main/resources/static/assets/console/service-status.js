// The service card: where the projections' replays stand and how many dead letters are parked,
// for the accounts that may see them.
import { $ } from '../shared/elements.js';
import { describe, read, session } from './requests.js';

const PROJECTIONS = ['leaderboard', 'player-view', 'hunt-summary'];

export async function refreshService() {
  const items = document.createDocumentFragment();
  if (!session.me.admin && !session.me.roles.includes('OPERATOR')) {
    // a projection rebuilds every hunt's read model: an organizer account does not watch them
    const li = document.createElement('li');
    li.textContent = 'Projections: visible to the configured organizer and admins.';
    $('projections').replaceChildren(li);
    $('dead-letters').textContent = 'visible to the admin account only';
    return;
  }
  for (const name of PROJECTIONS) {
    const result = await read('/api/admin/projections/' + name + '/status');
    const li = document.createElement('li');
    li.dataset.projection = name;
    li.textContent = name + ': ' + (result.ok
      ? result.body.state + ' (' + result.body.processed + ' / ' + result.body.total + ')'
      : describe(result.status, result.body));
    items.appendChild(li);
  }
  $('projections').replaceChildren(items);
  const letters = await read('/api/admin/dead-letters');
  $('dead-letters').textContent = letters.ok
    ? letters.body.reduce((sum, parked) => sum + parked.letters, 0) + ' parked'
    : (letters.status === 403 ? 'visible to the admin account only' : describe(letters.status, letters.body));
}
