// A hunt's boards as its organizers see them: the live board, which a freeze never stops, and
// once frozen the public one beside it; and the board's CSV export.
import { $ } from '../shared/elements.js';
import { cell } from './controls.js';
import { hunt } from './hunt-view.js';
import { answer, describe, ownDevice, read, session } from './requests.js';

const BOARD_LINES = 20;

function fillBoard(table, lines) {
  const rows = document.createDocumentFragment();
  lines.forEach((line) => {
    const tr = document.createElement('tr');
    tr.dataset.playerId = line.playerId;
    tr.appendChild(cell(line.rank));
    tr.appendChild(cell(line.handle));
    tr.appendChild(cell(line.score, 'num score'));
    tr.appendChild(cell(line.cluesFound, 'num'));
    rows.appendChild(tr);
  });
  document.querySelector('#' + table + ' tbody').replaceChildren(rows);
}

export async function refreshBoards(h) {
  const board = '/api/hunts/' + encodeURIComponent(h.huntId) + '/leaderboard?limit=' + BOARD_LINES;
  const staff = await read(board);
  if (staff.ok) { fillBoard('staff-board', staff.body); }
  $('public-card').hidden = !h.frozenAt;
  if (h.frozenAt) {
    $('frozen-at').textContent = new Date(h.frozenAt).toLocaleTimeString();
    const everyone = await read(board, false);
    if (everyone.ok) { fillBoard('public-board', everyone.body); }
  }
}

// ---- CSV ----------------------------------------------------------------------------------
/** A newly shown hunt offers no download of another hunt's board. */
export function resetExport() {
  $('csv-status').textContent = '';
  $('csv-link').hidden = true;
}

$('csv').addEventListener('click', async () => {
  const response = await fetch('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/leaderboard.csv',
    { headers: Object.assign({ Authorization: session.auth }, ownDevice()), cache: 'no-store' });
  if (!response.ok) {
    const result = await answer(response);
    $('csv-status').textContent = describe(result.status, result.body);
    return;
  }
  const csv = await response.text();
  const name = 'leaderboard-' + hunt.huntId + '.csv';
  const link = $('csv-link');
  if (link.href.startsWith('blob:')) { URL.revokeObjectURL(link.href); }
  link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  link.download = name;
  link.textContent = name;
  link.hidden = false;
  link.click();
  $('csv-status').textContent = (csv.trim().split('\n').length - 1) + ' players';
});
