// Joining a hunt alone, with a handle and, where the hunt needs one, its join code.
import { $ } from '../shared/elements.js';
import { problemDetail, problemType } from '../shared/requests.js';
import { huntId } from './player-store.js';
import { becomePlayer, register } from './registration.js';

async function join(handle, code) {
  const body = { handle: handle };
  if (code) { body.joinCode = code; }
  const answer = await register('join', { handle: handle, joinCode: code }, {
    path: '/api/hunts/' + encodeURIComponent(huntId) + '/players', body: body,
    message: 'join-message', sending: 'Joining…', buttons: ['join-button'], again: () => join(handle, code)
  });
  if (!answer) { return; }
  if (answer.status === 201) {
    becomePlayer({ playerId: answer.body.playerId, token: answer.body.token, handle: answer.body.handle || handle },
      'join-message');
    return;
  }
  const message = $('join-message');
  const type = problemType(answer.body);
  if (type === 'wrong-join-code') {
    $('code-field').hidden = false;
    message.textContent = code ? 'That join code is not right: check the link or ask the organizers.'
      : 'This hunt needs a join code: it comes with the link the organizers share.';
  } else if (answer.status === 409 && type.indexOf('handle') >= 0) {
    message.textContent = 'That handle is taken: pick another.';
  } else {
    message.textContent = problemDetail(answer.body) || 'Could not join (' + answer.status + ').';
  }
}

$('join-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const code = $('join-code').value.trim();
  join($('handle').value.trim(), code);
});
