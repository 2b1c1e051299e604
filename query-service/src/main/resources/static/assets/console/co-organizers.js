// Who organizes a hunt with the account: adding a co-organizer, removing one or leaving the hunt.
import { $ } from '../shared/elements.js';
import { smallButton } from './controls.js';
import { hunt } from './hunt-view.js';
import { command, describe, read, say, sayOutcome, session } from './requests.js';

/**
 * Who may remove an organizer from the hunt: its owner (the first line) or an admin, and never
 * the last one, whom the hunt needs.
 */
function mayRemoveOrganizers(lines) {
  return lines.length > 1 && (session.me.admin || lines[0].username === session.me.username);
}

export async function refreshOrganizers(h) {
  const result = await read('/api/hunts/' + encodeURIComponent(h.huntId) + '/organizers');
  if (!hunt || hunt.huntId !== h.huntId) { return; }
  $('organizer-form').hidden = !result.ok;
  if (!result.ok) {
    $('organizer-list').replaceChildren();
    say('organizer-message', result.status === 403 ? 'Only the organizers of this hunt see and change who they are.'
      : describe(result.status, result.body), result.status === 403 ? '' : 'bad');
    return;
  }
  const removable = mayRemoveOrganizers(result.body);
  const items = document.createDocumentFragment();
  result.body.forEach((line) => {
    const li = document.createElement('li');
    li.dataset.username = line.username;
    const name = document.createElement('span');
    name.className = 'organizer';
    name.textContent = line.username;
    li.appendChild(name);
    li.appendChild(document.createTextNode((line.owner ? ' · owner' : '')
      + (line.username === session.me.username ? ' · you' : '')));
    if (removable) {
      li.appendChild(smallButton('Remove', 'remove-organizer', () => removeOrganizer(line.username)));
    }
    items.appendChild(li);
  });
  $('organizer-list').replaceChildren(items);
}

$('organizer-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = $('organizer-name').value.trim();
  $('organizer-add').disabled = true;
  const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/organizers', { username: username });
  $('organizer-add').disabled = false;
  sayOutcome('organizer-message', result, username + ' organizes this hunt too.');
  if (result.ok) { $('organizer-name').value = ''; }
  refreshOrganizers(hunt);
});

async function removeOrganizer(username) {
  const self = username === session.me.username;
  if (!confirm(self ? 'Leave this hunt? You will no longer see or run it.'
    : 'Remove ' + username + ' from the organizers of this hunt?')) { return; }
  const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/organizers/'
    + encodeURIComponent(username) + '/remove');
  sayOutcome('organizer-message', result, username + ' no longer organizes this hunt.');
  refreshOrganizers(hunt);
}
