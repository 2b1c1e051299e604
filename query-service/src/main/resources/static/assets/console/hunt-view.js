// One hunt as its organizers see it: its state, clues and links, read again every few seconds,
// with the lifecycle buttons its state machine allows now, and the cards below it refreshed too.
import { $ } from '../shared/elements.js';
import { refreshOrganizers } from './co-organizers.js';
import { smallButton } from './controls.js';
import { removeClue, resetHuntForms, startEditingClue, stopEditingClue } from './hunt-editing.js';
import { refreshBoards, resetExport } from './live-board.js';
import { shownHuntId } from './navigation.js';
import { forgetSelection, refreshPlayers } from './player-corrections.js';
import { command, describe, read, say, sayOutcome, session } from './requests.js';
import { refreshService } from './service-status.js';

const POLL_MS = 2000;

export let hunt = null;   // the shown hunt, staff view
let poll = null;

export function openHunt(huntId) {
  hunt = null;
  forgetSelection();
  resetExport();
  for (const id of ['action-message', 'settings-message', 'clue-message', 'player-message', 'join-code-message',
    'organizer-message']) {
    say(id, '');
  }
  resetHuntForms();
  refreshHunt(huntId);
  poll = setInterval(() => refreshHunt(huntId), POLL_MS);
}

export function stopPolling() {
  if (poll) { clearInterval(poll); poll = null; }
}

export function closeHunt() {
  hunt = null;
  stopPolling();
}

/** What the hunt's state machine allows now: the buttons shown are exactly these. */
export function allowed(h) {
  const live = h.status === 'PUBLISHED' || h.status === 'RUNNING';
  return {
    addClue: h.status === 'DRAFT',
    edit: h.status === 'DRAFT',
    publish: h.status === 'DRAFT' && h.clueCount > 0,
    start: h.status === 'PUBLISHED',
    freeze: live && !h.frozenAt,
    end: live,
    joinCode: h.status !== 'ENDED'
  };
}

function playLink(huntId) {
  return (session.publicUrl || location.origin) + '/play/' + encodeURIComponent(huntId);
}

export async function refreshHunt(huntId) {
  const result = await read('/api/hunts/' + encodeURIComponent(huntId));
  if (shownHuntId() !== huntId || !session.auth) { return; }
  if (result.status === 404) {
    $('hunt-name').textContent = 'Waiting for the hunt to appear…';
    return;
  }
  if (!result.ok) {
    say('action-message', describe(result.status, result.body), 'bad');
    return;
  }
  hunt = result.body;
  renderHunt(hunt);
  await Promise.all([refreshBoards(hunt), refreshPlayers(hunt), refreshOrganizers(hunt), refreshService()]);
}

function renderHunt(h) {
  $('hunt-name').textContent = h.name;
  document.title = h.name + ' · Console · Veltrix';
  $('hunt-state').textContent = h.status + (h.frozenAt ? ' · board frozen' : '');
  $('hunt-counts').textContent = h.players + ' players · ' + h.clueCount + ' clues';
  const can = allowed(h);
  for (const action of ['publish', 'start', 'freeze', 'end']) { $(action).hidden = !can[action]; }
  $('clue-form').hidden = !can.addClue;
  $('clues-closed').hidden = can.addClue;
  $('edit-settings').hidden = !can.edit || !$('settings-form').hidden;
  if (!can.edit) {
    $('settings-form').hidden = true;
    stopEditingClue();
  }
  $('join-code-form').hidden = !can.joinCode;
  const id = encodeURIComponent(h.huntId);
  $('big-screen-link').href = '/hunts/' + id;
  $('poster-link').href = '/hunts/' + id + '/poster';
  $('join-link').textContent = playLink(h.huntId);

  const clues = document.createDocumentFragment();
  (h.clues || []).forEach((clue) => {
    const li = document.createElement('li');
    li.dataset.clueId = clue.clueId;
    const title = document.createElement('strong');
    title.textContent = clue.title;
    li.appendChild(title);
    li.appendChild(document.createTextNode(' · ' + clue.points + ' points'
      + (clue.hasHint ? ' · hint costs ' + clue.hintPenalty : '')
      + (clue.wrongAnswerSurges ? ' · ⚠ wrong-answer surges: ' + clue.wrongAnswerSurges : '')));
    const riddle = document.createElement('div');
    riddle.className = 'riddle';
    riddle.textContent = clue.riddle;
    li.appendChild(riddle);
    if (can.edit) {
      li.appendChild(smallButton('Edit', 'edit-clue', () => startEditingClue(clue)));
      li.appendChild(smallButton('Remove', 'remove-clue', () => removeClue(clue)));
    }
    clues.appendChild(li);
  });
  $('clue-list').replaceChildren(clues);
}

// ---- lifecycle ----------------------------------------------------------------------------
const DONE = { publish: 'Published: registration is open.', start: 'Started: finds count now.',
  freeze: 'The public board is frozen; the live board below keeps counting.', end: 'Ended.' };
document.querySelectorAll('#actions button').forEach((button) => {
  button.addEventListener('click', async () => {
    const action = button.dataset.action;
    if (action === 'end' && !confirm('End the hunt? No more finds or registrations will be accepted.')) { return; }
    button.disabled = true;
    const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/' + action);
    button.disabled = false;
    sayOutcome('action-message', result, DONE[action]);
    refreshHunt(hunt.huntId);
  });
});
