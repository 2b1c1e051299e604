// The accounts screens under the list of hunts: for the admin, opening, disabling and enabling
// organizer accounts and setting their passwords; for an organizer account, changing its own.
import { $ } from '../shared/elements.js';
import { sleep } from '../shared/requests.js';
import { cell, smallButton } from './controls.js';
import { basic, whoIs } from './login.js';
import { command, describe, read, say, sayOutcome, session } from './requests.js';

/** Shows the screens the logged-in account may use, fresh. */
export function openAccounts() {
  $('accounts').hidden = !session.me.admin;
  $('own-password-form').hidden = !session.me.ownPassword;
  for (const id of ['account-message', 'own-password-message']) { say(id, ''); }
  $('reset-form').hidden = true;
  if (session.me.admin) { refreshAccounts(); }
}

async function refreshAccounts() {
  const result = await read('/api/admin/organizers');
  if (!result.ok) {
    say('account-message', describe(result.status, result.body), 'bad');
    return;
  }
  const rows = document.createDocumentFragment();
  result.body.forEach((account) => {
    const tr = document.createElement('tr');
    tr.dataset.username = account.username;
    if (account.disabled) { tr.classList.add('out'); }
    tr.appendChild(cell(account.username, 'account'));
    tr.appendChild(cell(account.disabled ? 'disabled' : 'active', 'status'));
    tr.appendChild(cell(new Date(account.createdAt).toLocaleDateString()));
    const actions = document.createElement('td');
    actions.appendChild(account.disabled
      ? smallButton('Enable', 'enable-account', () => setDisabled(account.username, false))
      : smallButton('Disable', 'disable-account', () => setDisabled(account.username, true)));
    actions.appendChild(smallButton('New password…', 'reset-account', () => startReset(account.username)));
    tr.appendChild(actions);
    rows.appendChild(tr);
  });
  document.querySelector('#account-list tbody').replaceChildren(rows);
  $('no-accounts').hidden = result.body.length > 0;
}

/** The list is read from the query service, which learns a change from the event store a moment later. */
async function refreshAccountsUntil(username, settled) {
  for (let attempt = 0; attempt < 20; attempt++) {
    await refreshAccounts();
    const row = document.querySelector('#account-list tr[data-username="' + CSS.escape(username) + '"]');
    if (settled(row)) { return; }
    await sleep(250);
  }
}

$('account-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = $('account-user').value.trim();
  $('account-button').disabled = true;
  const result = await command('/api/admin/organizers', { username: username, password: $('account-password').value });
  $('account-button').disabled = false;
  $('account-password').value = '';
  sayOutcome('account-message', result, 'Account ' + username + ' opened.');
  if (result.ok) {
    $('account-user').value = '';
    await refreshAccountsUntil(result.body.username, (row) => row !== null);
  }
});

async function setDisabled(username, disabled) {
  if (disabled && !confirm('Disable ' + username + '? The account logs in nowhere until enabled again.')) { return; }
  const result = await command('/api/admin/organizers/' + encodeURIComponent(username) + (disabled ? '/disable' : '/enable'));
  sayOutcome('account-message', result, username + (disabled ? ' is disabled.' : ' may log in again.'));
  await refreshAccountsUntil(username, (row) => row !== null && row.classList.contains('out') === disabled);
}

function startReset(username) {
  $('reset-user').textContent = username;
  $('reset-password').value = '';
  $('reset-form').hidden = false;
  say('account-message', '');
  $('reset-password').focus();
}
$('reset-cancel').addEventListener('click', () => { $('reset-form').hidden = true; });

$('reset-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = $('reset-user').textContent;
  $('reset-button').disabled = true;
  const result = await command('/api/admin/organizers/' + encodeURIComponent(username) + '/password',
    { password: $('reset-password').value });
  $('reset-button').disabled = false;
  $('reset-password').value = '';
  sayOutcome('account-message', result, 'New password set for ' + username + ': the old one logs in no more.');
  if (result.ok) { $('reset-form').hidden = true; }
});

// ---- one's own password -------------------------------------------------------------------
$('own-password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const newPassword = $('own-new').value;
  $('own-password-button').disabled = true;
  const result = await command('/api/organizers/me/password',
    { currentPassword: $('own-current').value, newPassword: newPassword });
  $('own-current').value = '';
  $('own-new').value = '';
  if (result.status === 403) {
    // the service's reason for a wrong current password; not "not allowed for this account"
    say('own-password-message', 'The current password is not right.', 'bad');
  } else {
    sayOutcome('own-password-message', result, 'Password changed: log in with the new one from now on.');
  }
  if (result.ok) {
    // the query service learns the new password from the event store a moment later
    const renewed = basic(session.me.username, newPassword);
    for (let attempt = 0; attempt < 40 && (await whoIs(renewed, session.me.username)).status !== 200; attempt++) {
      await sleep(250);
    }
    session.auth = renewed;
  }
  $('own-password-button').disabled = false;
});
