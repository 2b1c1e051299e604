// Playing a team-mode hunt: creating a team (its captain then shares its link) or joining one from
// that link, whose fragment carries the team's code.
import { $ } from '../shared/elements.js';
import { problemDetail, problemType } from '../shared/requests.js';
import { hunt } from './hunt-reading.js';
import { forgetTeamLink, huntId, joinCode, teamLink } from './player-store.js';
import { becomePlayer, register } from './registration.js';

export function teamMode() {
  return !!hunt && hunt.teamSize !== undefined && hunt.teamSize !== null;
}

export function renderTeamForms() {
  $('team-size-note').textContent = 'This hunt is played in teams of up to ' + hunt.teamSize + ' players.';
  $('team-join-form').hidden = !teamLink;
  $('team-link-note').textContent = teamLink ? 'Or start a team of your own:'
    : 'To join a team, open the link its captain shares. Or start one:';
  if (teamLink && !$('team-code').value) { $('team-code').value = teamLink.code; }
  if (hunt.joinCodeRequired) { $('team-hunt-code-field').hidden = false; }
}

/** Creates a team or joins one; `kind` is 'create' or 'join'. */
async function registerInTeam(kind, path, body) {
  const answer = await register('team-attempt', { path: path, asked: JSON.stringify(body) }, {
    path: path, body: body, message: 'team-message',
    sending: kind === 'create' ? 'Creating the team…' : 'Joining the team…',
    buttons: ['team-create-button', 'team-join-button'], again: () => registerInTeam(kind, path, body)
  });
  if (!answer) { return; }
  if (answer.status === 201) {
    forgetTeamLink();
    becomePlayer({ playerId: answer.body.playerId, token: answer.body.token, handle: answer.body.handle || body.handle,
      teamId: answer.body.teamId, teamName: answer.body.name || null,
      teamCode: kind === 'create' ? answer.body.joinCode : body.joinCode }, 'team-message');
    return;
  }
  const message = $('team-message');
  const type = problemType(answer.body);
  if (type === 'wrong-join-code' && kind === 'create') {
    $('team-hunt-code-field').hidden = false;
    message.textContent = 'This hunt needs its join code: it comes with the link the organizers share.';
  } else if (answer.status === 403 && kind === 'join') {
    message.textContent = 'That team code is not right: ask your captain for the team link.';
  } else if (answer.status === 409 && type.indexOf('handle') >= 0) {
    message.textContent = 'That handle is taken: pick another.';
  } else {
    message.textContent = problemDetail(answer.body) || 'Could not ' + kind + ' the team (' + answer.status + ').';
  }
}

$('team-create-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const body = { name: $('team-name').value.trim(), handle: $('captain-handle').value.trim() };
  const code = $('team-hunt-code').value.trim() || joinCode;
  if (code) { body.joinCode = code; }
  registerInTeam('create', '/api/hunts/' + encodeURIComponent(huntId) + '/teams', body);
});

$('team-join-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const body = { handle: $('member-handle').value.trim(), joinCode: $('team-code').value.trim() };
  registerInTeam('join', '/api/hunts/' + encodeURIComponent(huntId) + '/teams/' + encodeURIComponent(teamLink.teamId)
    + '/members', body);
});
