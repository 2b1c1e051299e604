// Taking a clue's hint: paid for once in points, shown again for free.
import { problemDetail } from '../shared/requests.js';
import { clueParts } from './clues.js';
import { connectionFailed, connectionWorks, post } from './connection.js';
import { refreshViewSoon } from './hunt-reading.js';
import { hints, huntId, save } from './player-store.js';
import { render } from './render.js';

export async function takeHint(clueId) {
  const parts = clueParts[clueId];
  let answer;
  try {
    answer = await post('/api/hunts/' + encodeURIComponent(huntId) + '/hints/' + encodeURIComponent(clueId),
      null, crypto.randomUUID());
  } catch (dropped) {
    connectionFailed();
    parts.hintText.textContent = 'No connection: ask for the hint again when you are back online.';
    return;
  }
  connectionWorks();
  if (answer.status === 200) {
    hints[clueId] = answer.body.hint;
    save('hints', hints);
    parts.hintText.textContent = 'Hint: ' + answer.body.hint;
    refreshViewSoon();
  } else if (answer.status === 429 || answer.status === 503) {
    parts.hintText.textContent = 'The hunt is busy: ask again in ' + answer.retryAfter + ' s.';
  } else {
    parts.hintText.textContent = problemDetail(answer.body) || 'No hint (' + answer.status + ').';
  }
  render();
}
