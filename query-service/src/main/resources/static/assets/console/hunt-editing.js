// Editing a draft hunt: adding, correcting and removing its clues and changing its settings; and,
// until it ends, setting or removing the join code players need.
import { $ } from '../shared/elements.js';
import { fieldValue, instantOrNull, localInput, numberOrNull, withGiven } from './form-fields.js';
import { allowed, hunt, refreshHunt } from './hunt-view.js';
import { command, say, sayOutcome } from './requests.js';

let editedClue = null;    // the clue whose edit the clue form holds, or null: the form adds one

/** A newly shown hunt starts with its settings closed and the clue form adding a clue. */
export function resetHuntForms() {
  $('settings-form').hidden = true;
  stopEditingClue();
}

// ---- clues --------------------------------------------------------------------------------
$('clue-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const answers = $('clue-answers').value.split('\n').map((a) => a.trim()).filter((a) => a !== '');
  const body = { title: $('clue-title').value.trim(), riddle: $('clue-riddle').value.trim(),
    points: numberOrNull('clue-points') };
  // an edit without answers keeps the accepted ones, which nobody can read back to send again
  if (!editedClue || answers.length > 0) { body.answers = answers; }
  if ($('clue-hint').value.trim()) {
    body.hint = $('clue-hint').value.trim();
    body.hintPenalty = numberOrNull('clue-penalty') || 0;
  }
  const huntPath = '/api/hunts/' + encodeURIComponent(hunt.huntId);
  const editing = editedClue;
  $('clue-button').disabled = true;
  const result = editing
    ? await command(huntPath + '/clues/' + encodeURIComponent(editing.clueId) + '/edit', body)
    : await command(huntPath + '/clues', body);
  $('clue-button').disabled = false;
  // the answers leave the page either way: typed once, never shown again
  $('clue-answers').value = '';
  sayOutcome('clue-message', result, editing
    ? 'Clue saved.' + (body.answers ? ' Its new answers are kept only as hashes: nobody can read them again.'
      : ' Its accepted answers are unchanged.')
    : 'Clue added. Its answers are kept only as hashes: nobody can read them again.');
  if (result.ok) {
    stopEditingClue();
    refreshHunt(hunt.huntId);
  }
});

/** Fills the clue form with a clue to correct; its answers are never shown, only replaced if typed. */
export function startEditingClue(clue) {
  editedClue = clue;
  $('clue-form-title').textContent = 'Edit clue: ' + clue.title;
  $('clue-title').value = clue.title;
  $('clue-points').value = clue.points;
  $('clue-riddle').value = clue.riddle || '';
  $('clue-hint').value = clue.hint || '';
  $('clue-penalty').value = clue.hasHint ? clue.hintPenalty : 0;
  $('clue-answers').value = '';
  $('clue-answers').required = false;
  $('clue-answers-label').textContent = 'New accepted answers, one per line (empty: keep the current ones, which are shown nowhere)';
  $('clue-button').textContent = 'Save clue';
  $('clue-cancel').hidden = false;
  say('clue-message', '');
  $('clue-title').focus();
}

export function stopEditingClue() {
  editedClue = null;
  $('clue-form').reset();
  $('clue-form-title').textContent = 'Add a clue';
  $('clue-answers').required = true;
  $('clue-answers-label').textContent = 'Accepted answers, one per line (stored only as hashes: shown nowhere again)';
  $('clue-button').textContent = 'Add clue';
  $('clue-cancel').hidden = true;
}
$('clue-cancel').addEventListener('click', () => { stopEditingClue(); say('clue-message', ''); });

export async function removeClue(clue) {
  if (!confirm('Remove the clue "' + clue.title + '"?')) { return; }
  const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/clues/'
    + encodeURIComponent(clue.clueId) + '/remove');
  sayOutcome('clue-message', result, 'Clue removed.');
  if (result.ok && editedClue && editedClue.clueId === clue.clueId) { stopEditingClue(); }
  refreshHunt(hunt.huntId);
}

// ---- a draft's settings -------------------------------------------------------------------
$('edit-settings').addEventListener('click', () => {
  $('edit-name').value = hunt.name;
  $('edit-starts').value = localInput(hunt.startsAt);
  $('edit-ends').value = localInput(hunt.endsAt);
  $('edit-max-players').value = fieldValue(hunt.maxPlayers);
  $('edit-bonus').value = hunt.firstFinderBonus;
  $('edit-max-wrong').value = fieldValue(hunt.maxWrongAttempts);
  $('edit-lockout').value = fieldValue(hunt.lockoutWindowSeconds);
  $('settings-form').hidden = false;
  $('edit-settings').hidden = true;
  say('settings-message', '');
  $('edit-name').focus();
});
$('settings-cancel').addEventListener('click', () => {
  $('settings-form').hidden = true;
  $('edit-settings').hidden = !hunt || !allowed(hunt).edit;
});

$('settings-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  // the whole settings are sent: a field left empty takes its default, as when the hunt was created
  const body = withGiven({ name: $('edit-name').value.trim() }, {
    startsAt: instantOrNull('edit-starts'), endsAt: instantOrNull('edit-ends'),
    maxPlayers: numberOrNull('edit-max-players'), firstFinderBonus: numberOrNull('edit-bonus'),
    maxWrongAttempts: numberOrNull('edit-max-wrong'), lockoutWindowSeconds: numberOrNull('edit-lockout')
  });
  $('settings-button').disabled = true;
  const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/edit', body);
  $('settings-button').disabled = false;
  sayOutcome('settings-message', result, 'Settings saved.');
  if (result.ok) {
    $('settings-form').hidden = true;
    refreshHunt(hunt.huntId);
  }
});

// ---- the join code ------------------------------------------------------------------------
$('join-code-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  await changeJoinCode($('join-code').value.trim() || null);
});
$('join-code-remove').addEventListener('click', () => changeJoinCode(null));

async function changeJoinCode(code) {
  const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/join-code', { joinCode: code });
  $('join-code').value = '';
  sayOutcome('join-code-message', result, code ? 'New join code set: keep it where you print your posters.'
    : 'Anyone may join now.');
  refreshHunt(hunt.huntId);
}
