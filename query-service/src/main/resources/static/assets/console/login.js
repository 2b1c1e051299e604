// Logging in and out of the console. What the logged-in account may do comes from /api/staff/me:
// screens and buttons it may not use are not shown.
import { $ } from '../shared/elements.js';
import { getJson } from '../shared/requests.js';
import { deviceHeaders, keepDevice } from './device.js';
import { closeHunt } from './hunt-view.js';
import { route, show } from './navigation.js';
import { describe, say, session } from './requests.js';

export function basic(user, password) {
  return 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + password)));
}

/**
 * The account these credentials (of {@code user}, as typed) log in as, sent with this browser's
 * device credential for it; unlike other reads, a 401 here logs nobody out.
 */
export async function whoIs(candidate, user) {
  const result = await getJson('/api/staff/me', candidate, deviceHeaders(user));
  // kept under the account's own name, as the service bound it
  if (result.status === 200 && result.body && result.body.username) { keepDevice(result.body.username, result.headers); }
  return result;
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const user = $('user').value.trim();
  const candidate = basic(user, $('password').value);
  $('login-button').disabled = true;
  say('login-message', 'Checking…');
  try {
    const result = await whoIs(candidate, user);
    if (result.status === 200 && result.body.runsHunts) {
      session.auth = candidate;
      session.me = result.body;
      $('password').value = '';
      $('who').textContent = 'Logged in as ' + session.me.username + (session.me.admin ? ' (admin)' : '');
      $('logout').hidden = false;
      say('login-message', '');
      route();
    } else if (result.status === 401) {
      say('login-message', 'Wrong user or password.', 'bad');
    } else if (result.status === 200 || result.status === 403) {
      say('login-message', 'This account may not run hunts: the console is for organizers.', 'bad');
    } else {
      say('login-message', describe(result.status, result.body), 'bad');
    }
  } catch (offline) {
    say('login-message', 'The service cannot be reached.', 'bad');
  } finally {
    $('login-button').disabled = false;
  }
});

export function logout(message) {
  session.auth = null;
  session.me = null;
  closeHunt();
  $('who').textContent = '';
  $('logout').hidden = true;
  show('login');
  say('login-message', message || '');
}
$('logout').addEventListener('click', () => logout('Logged out.'));
