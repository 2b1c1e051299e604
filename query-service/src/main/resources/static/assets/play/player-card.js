// Who plays on this page: before joining, the forms to join (alone or in a team); after, the
// player's handle, score and rank, the team with its share link and QR code, and the link that
// logs the player in on another device.
import { $ } from '../shared/elements.js';
import { hunt, view } from './hunt-reading.js';
import { huntId, player, teamFragment } from './player-store.js';
import { renderTeamForms, teamMode } from './teams.js';

const TEAM_QR_RETRY_MS = 5000;

export function renderMe() {
  const joining = !player && !!hunt && hunt.status !== 'ENDED';
  $('join').hidden = !joining || teamMode();
  $('teams').hidden = !joining || !teamMode();
  if (joining && teamMode()) { renderTeamForms(); }
  $('me').hidden = !player;
  if (!player) { return; }
  renderMyTeam();
  $('my-handle').textContent = (view && view.handle) || player.handle;
  $('my-score').textContent = view ? String(view.score) : '0';
  $('my-rank').textContent = view && view.rank !== null ? String(view.rank) : '–';
  $('frozen-note').hidden = !(view && view.boardFrozen);
  const link = location.origin + '/play/' + encodeURIComponent(huntId) + '#player=' + encodeURIComponent(player.playerId)
    + '&token=' + encodeURIComponent(player.token) + '&handle=' + encodeURIComponent(player.handle || '');
  if ($('device-url').value !== link) { $('device-url').value = link; }
}

/** The team's name and members, and for whoever knows the team code the link to share it. */
function renderMyTeam() {
  const team = view && view.team;
  $('my-team').hidden = !team && !player.teamId;
  if ($('my-team').hidden) { return; }
  $('my-team-name').textContent = team ? team.name : (player.teamName || '');
  $('my-team-members').textContent = team ? team.members.map((m) => m.handle).join(', ') : player.handle;
  $('team-share').hidden = !player.teamCode;
  if (player.teamCode) {
    $('my-team-code').textContent = player.teamCode;
    const link = location.origin + '/play/' + encodeURIComponent(huntId) + teamFragment(player.teamId, player.teamCode);
    if ($('team-share-url').value !== link) { $('team-share-url').value = link; }
    showTeamQr();
  }
}

// The QR code of the team's link, drawn by this service for a member's own token: the code goes
// in the body (never a URL a log keeps), and the image comes back as a data: URL.
let teamQrShown = null;                     // the team link whose QR code is shown, or being fetched
async function showTeamQr() {
  const shown = player.teamId + '\n' + player.teamCode;
  if (teamQrShown === shown) { return; }
  teamQrShown = shown;
  try {
    const response = await fetch('/api/hunts/' + encodeURIComponent(huntId) + '/teams/' + encodeURIComponent(player.teamId)
      + '/join-qr.svg', { method: 'POST', cache: 'no-store', body: JSON.stringify({ joinCode: player.teamCode }),
      headers: { Authorization: 'Bearer ' + player.token, 'Content-Type': 'application/json', Accept: 'image/svg+xml' } });
    if (!response.ok) { throw new Error('no QR code: ' + response.status); }
    $('team-qr').src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(await response.text());
    $('team-qr').hidden = false;
  } catch (notYet) {
    // offline, or the team not projected yet right after it was created or joined: the next render tries again
    setTimeout(() => { if (teamQrShown === shown) { teamQrShown = null; } }, TEAM_QR_RETRY_MS);
  }
}

/** A button that copies the link in its field, or says how to when the browser refuses. */
function copiesLink(buttonId, inputId, messageId, copied) {
  $(buttonId).addEventListener('click', async () => {
    const input = $(inputId);
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      $(messageId).textContent = copied;
    } catch (refused) {
      $(messageId).textContent = 'Select the link above and copy it.';
    }
  });
}
copiesLink('team-share-copy', 'team-share-url', 'team-share-message', 'Copied: send it to your teammates.');
copiesLink('device-copy', 'device-url', 'device-message', 'Copied. Open it on your other device.');
