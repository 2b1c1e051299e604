// Answering clues. Phones lose their connection: every submission gets an Idempotency-Key once and
// is kept in localStorage until an answer arrives, and is sent again with the same key (after a
// dropped connection, a reload, a 503 or a rate limit), so it is never lost and never counts twice.
import { problemDetail, problemType } from '../shared/requests.js';
import { answeredFound, outcomes } from './clues.js';
import { connectionFailed, connectionWorks, post } from './connection.js';
import { forgetPlayer, refreshHunt, refreshViewSoon } from './hunt-reading.js';
import { huntId, lockedUntil, pending, player, save } from './player-store.js';
import { render } from './render.js';

const RETRY_MAX_SECONDS = 30;

export function submit(clueId, input) {
  const answer = input.value.trim();
  if (!answer) { return; }
  pending.push({ key: crypto.randomUUID(), clueId: clueId, answer: answer });
  save('pending', pending);
  input.value = '';
  delete outcomes[clueId];
  render();
  flush();
}

let sending = false;
let retryTimer = null;
let backoffSeconds = 1;

function retryIn(seconds) {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(flush, seconds * 1000);
}

/** Sends the oldest unanswered submission, then the next; one at a time, in the order they were made. */
export async function flush() {
  if (sending || pending.length === 0 || !player) { return; }
  sending = true;
  clearTimeout(retryTimer);
  const next = pending[0];
  let answer;
  try {
    answer = await post('/api/hunts/' + encodeURIComponent(huntId) + '/finds',
      { clueId: next.clueId, answer: next.answer }, next.key);
  } catch (dropped) {
    // the find may have been counted before the connection dropped: the same key gets its answer
    sending = false;
    connectionFailed();
    render();
    retryIn(backoffSeconds);
    backoffSeconds = Math.min(backoffSeconds * 2, RETRY_MAX_SECONDS);
    return;
  }
  sending = false;
  backoffSeconds = 1;
  connectionWorks();
  const type = problemType(answer.body);
  if (answer.status === 503 || (answer.status === 429 && type !== 'locked-out')) {
    // nothing was recorded: the same submission goes again when the service says so
    outcomes[next.clueId] = {
      text: 'Easy there: the hunt asks us to wait ' + answer.retryAfter + ' s, then your answer goes again.',
      tone: 'wait'
    };
    render();
    retryIn(answer.retryAfter);
    return;
  }
  const answered = pending.findIndex((p) => p.key === next.key);
  if (answered >= 0) { pending.splice(answered, 1); }
  save('pending', pending);
  settle(next.clueId, answer, type);
  render();
  flush();
}

function settle(clueId, answer, type) {
  if (answer.status === 200) {
    switch (answer.body.outcome) {
      case 'FOUND':
        outcomes[clueId] = { text: 'Found! +' + answer.body.points + ' points', tone: 'good' };
        answeredFound.add(clueId);
        refreshViewSoon();
        return;
      case 'ALREADY_FOUND':
        outcomes[clueId] = { text: 'You already found this one.', tone: 'good' };
        return;
      case 'WRONG':
        outcomes[clueId] = { text: 'Not quite. Try again.', tone: 'bad' };
        return;
      default:
        outcomes[clueId] = { text: String(answer.body.outcome), tone: '' };
        return;
    }
  }
  if (answer.status === 429 && type === 'locked-out') {
    lockedUntil[clueId] = Date.now() + answer.retryAfter * 1000;
    save('locked', lockedUntil);
    outcomes[clueId] = { text: 'You can try again.', tone: '' };
    return;
  }
  if (answer.status === 401) {
    forgetPlayer('This device\'s player link is no longer valid: join again.');
    return;
  }
  if (answer.status === 409) {
    refreshHunt();
  }
  outcomes[clueId] = { text: problemDetail(answer.body) || 'Not accepted (' + answer.status + ').', tone: 'bad' };
}
