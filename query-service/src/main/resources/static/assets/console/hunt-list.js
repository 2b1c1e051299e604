// The list of the hunts the account organizes, and the form that creates a new draft.
import { $ } from '../shared/elements.js';
import { cell } from './controls.js';
import { instantOrNull, numberOrNull, withGiven } from './form-fields.js';
import { command, read, sayOutcome } from './requests.js';

export async function refreshList() {
  const result = await read('/api/hunts?limit=100');
  if (!result.ok) { return; }
  const rows = document.createDocumentFragment();
  result.body.forEach((h) => {
    const tr = document.createElement('tr');
    const name = document.createElement('td');
    const link = document.createElement('a');
    link.href = '#hunt=' + encodeURIComponent(h.huntId);
    link.textContent = h.name;
    name.appendChild(link);
    tr.appendChild(name);
    tr.appendChild(cell(h.status));
    tr.appendChild(cell(h.players, 'num'));
    tr.appendChild(cell(h.clueCount, 'num'));
    rows.appendChild(tr);
  });
  document.querySelector('#hunt-list tbody').replaceChildren(rows);
  $('no-hunts').hidden = result.body.length > 0;
}

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = withGiven({ name: $('new-name').value.trim() }, {
    startsAt: instantOrNull('new-starts'), endsAt: instantOrNull('new-ends'),
    maxPlayers: numberOrNull('new-max-players'), firstFinderBonus: numberOrNull('new-bonus'),
    maxWrongAttempts: numberOrNull('new-max-wrong'), lockoutWindowSeconds: numberOrNull('new-lockout'),
    joinCode: $('new-join-code').value.trim() || null
  });
  $('create-button').disabled = true;
  const result = await command('/api/hunts', body);
  $('create-button').disabled = false;
  sayOutcome('create-message', result, 'Draft created.');
  if (result.ok) {
    $('create-form').reset();
    location.hash = 'hunt=' + encodeURIComponent(result.body.huntId);
  }
});
