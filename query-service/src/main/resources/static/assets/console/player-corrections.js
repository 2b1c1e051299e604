// A hunt's players (searchable, disqualified ones marked) and the corrections an organizer makes
// to one of them, each with a reason for the audit trail: disqualify, reinstate, adjust points.
import { $ } from '../shared/elements.js';
import { cell, smallButton } from './controls.js';
import { numberOrNull } from './form-fields.js';
import { hunt, refreshHunt } from './hunt-view.js';
import { command, describe, read, say, sayOutcome } from './requests.js';

let selected = null;      // the player being corrected: a roster line

export function forgetSelection() {
  selected = null;
  $('correction').hidden = true;
}

export async function refreshPlayers(h) {
  const search = $('player-search').value.trim();
  const result = await read('/api/hunts/' + encodeURIComponent(h.huntId) + '/players?limit=100&search='
    + encodeURIComponent(search));
  if (!result.ok) {
    say('player-message', describe(result.status, result.body), 'bad');
    return;
  }
  const rows = document.createDocumentFragment();
  result.body.forEach((line) => {
    const tr = document.createElement('tr');
    tr.dataset.playerId = line.playerId;
    if (line.disqualified) { tr.classList.add('out'); }
    if (selected && selected.playerId === line.playerId) {
      tr.classList.add('selected');
      selected = line;
    }
    tr.appendChild(cell(line.rank));
    tr.appendChild(cell(line.team ? line.handle + ' (team)' : line.handle, 'handle'));
    tr.appendChild(cell(line.score, 'num score'));
    tr.appendChild(cell(line.cluesFound, 'num'));
    tr.appendChild(cell(line.disqualified ? 'disqualified' : '', 'note'));
    const actions = document.createElement('td');
    actions.appendChild(smallButton('Correct…', 'correct', () => select(line)));
    tr.appendChild(actions);
    rows.appendChild(tr);
  });
  document.querySelector('#players tbody').replaceChildren(rows);
  if (selected) { renderCorrection(); }
}
$('player-search').addEventListener('input', () => { if (hunt) { refreshPlayers(hunt); } });

function select(line) {
  selected = line;
  $('correction-points').value = '';
  $('correction-reason').value = '';
  renderCorrection();
  $('correction-reason').focus();
}

function renderCorrection() {
  $('correction').hidden = false;
  $('correction-handle').textContent = selected.handle;
  $('disqualify').hidden = selected.disqualified;
  $('reinstate').hidden = !selected.disqualified;
  document.querySelectorAll('#players tbody tr').forEach((tr) => {
    tr.classList.toggle('selected', tr.dataset.playerId === selected.playerId);
  });
}

$('correction-cancel').addEventListener('click', () => {
  forgetSelection();
  refreshPlayers(hunt);
});

async function correct(what, body, success) {
  const player = selected;
  // a team's line (team-mode hunts) is corrected as the team, a member's as that player
  const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + (player.team ? '/teams/' : '/players/')
    + encodeURIComponent(player.playerId) + '/' + what, body);
  sayOutcome('player-message', result, player.handle + ': ' + success);
  if (result.ok) {
    $('correction-points').value = '';
    $('correction-reason').value = '';
  }
  refreshHunt(hunt.huntId);
}

function reason() {
  const text = $('correction-reason').value.trim();
  if (!text) { say('player-message', 'Give a reason: it goes into the audit trail.', 'bad'); }
  return text;
}

$('disqualify').addEventListener('click', () => {
  const why = reason();
  if (why) { correct('disqualify', { reason: why }, 'disqualified.'); }
});
$('reinstate').addEventListener('click', () => correct('reinstate', undefined, 'reinstated.'));
$('adjust').addEventListener('click', () => {
  const points = numberOrNull('correction-points');
  const why = reason();
  if (!why) { return; }
  if (!Number.isInteger(points) || points === 0) {
    say('player-message', 'Give the points to add (or, negative, to take away).', 'bad');
    return;
  }
  correct('adjustments', { points: points, reason: why }, (points > 0 ? '+' : '') + points + ' points.');
});
