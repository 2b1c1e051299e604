// The hunt's clues on the player page: each with its riddle, an answer form, the outcome of the
// last answer, a lockout countdown, and where the clue has one a hint to pay for.
import { $, button, el } from '../shared/elements.js';
import { submit } from './answers.js';
import { connected } from './connection.js';
import { takeHint } from './hints.js';
import { duration, isRunning } from './hunt-clock.js';
import { hunt, view } from './hunt-reading.js';
import { hints, lockedUntil, pending, player, save } from './player-store.js';

export const clueParts = {};                  // clueId -> elements of its list item
export const outcomes = {};                   // clueId -> {text, tone} shown under the clue
export const answeredFound = new Set();       // clues answered FOUND here, which the player view may not show yet

function isFound(clueId) {
  return answeredFound.has(clueId) || (!!view && view.found.some((f) => f.clueId === clueId));
}

/** In a team, the member who found the clue. */
function foundBy(clueId) {
  const find = view && view.found.find((f) => f.clueId === clueId);
  return find && find.foundBy ? find.foundBy.handle : null;
}

function hintTaken(clueId) {
  return hints[clueId] !== undefined || (view && view.hints.some((h) => h.clueId === clueId));
}

export function buildClues() {
  const list = $('clues');
  list.replaceChildren();
  hunt.clues.forEach((clue) => {
    const item = el('li', 'clue');
    item.dataset.clueId = clue.clueId;
    const head = el('div', 'clue-head');
    head.appendChild(el('h3', 'title', clue.title));
    head.appendChild(el('span', 'points', clue.points + ' points'));
    const status = el('span', 'status', 'not found');
    head.appendChild(status);
    item.appendChild(head);
    item.appendChild(el('p', 'riddle', clue.riddle));

    const form = el('form', 'answer');
    const input = el('input', 'answer-input');
    input.setAttribute('aria-label', 'Your answer to ' + clue.title);
    input.maxLength = 500;
    input.autocomplete = 'off';
    input.setAttribute('autocapitalize', 'off');
    const send = el('button', 'answer-button', 'Answer');
    send.type = 'submit';
    form.appendChild(input);
    form.appendChild(send);
    form.addEventListener('submit', (e) => { e.preventDefault(); submit(clue.clueId, input); });
    item.appendChild(form);
    const feedback = el('p', 'feedback message');
    feedback.setAttribute('role', 'status');
    item.appendChild(feedback);

    const parts = { item: item, status: status, input: input, send: send, feedback: feedback };
    if (clue.hasHint) {
      Object.assign(parts, hintBox(clue, item));
    }
    clueParts[clue.clueId] = parts;
    list.appendChild(item);
  });
}

/** The hint's button, which asks before spending points the first time, and where the hint shows. */
function hintBox(clue, item) {
  const box = el('div', 'hint');
  const confirm = el('span', 'hint-confirm');
  const ask = button(undefined, 'hint-button quiet', () => {
    if (hintTaken(clue.clueId)) {
      takeHint(clue.clueId); // already paid: a second request costs nothing
    } else {
      ask.hidden = true;
      confirm.hidden = false;
    }
  });
  confirm.hidden = true;
  confirm.appendChild(document.createTextNode('Spend ' + clue.hintPenalty + ' points on this hint? '));
  const yes = button('Yes, show the hint', 'hint-yes', () => {
    confirm.hidden = true;
    ask.hidden = false;
    takeHint(clue.clueId);
  });
  const no = button('Cancel', 'hint-no quiet', () => { confirm.hidden = true; ask.hidden = false; });
  confirm.appendChild(yes);
  confirm.appendChild(document.createTextNode(' '));
  confirm.appendChild(no);
  const text = el('p', 'hint-text');
  box.appendChild(ask);
  box.appendChild(confirm);
  box.appendChild(text);
  item.appendChild(box);
  return { ask: ask, confirm: confirm, hintText: text, penalty: clue.hintPenalty };
}

export function renderClues(now) {
  Object.keys(clueParts).forEach((clueId) => {
    const parts = clueParts[clueId];
    const found = isFound(clueId);
    parts.item.classList.toggle('found', found);
    const finder = foundBy(clueId);
    parts.status.textContent = found ? 'found ✓' + (finder ? ' by ' + finder : '') : 'not found';
    const lock = lockedUntil[clueId] || 0;
    const locked = lock > now;
    const waiting = pending.some((p) => p.clueId === clueId);
    parts.send.disabled = !player || !isRunning() || locked;
    parts.input.disabled = !player || !isRunning() || locked;
    if (locked) {
      setFeedback(parts, 'Too many wrong answers: try again in ' + duration(lock - now), 'wait');
    } else if (lock) {
      delete lockedUntil[clueId];
      save('locked', lockedUntil);
      setFeedback(parts, 'You can try again.', '');
    } else if (waiting && outcomes[clueId] && outcomes[clueId].tone === 'wait') {
      setFeedback(parts, outcomes[clueId].text, 'wait');
    } else if (waiting) {
      setFeedback(parts, connected() ? 'Sending…' : 'Kept: sent when you are back online.', 'wait');
    } else if (outcomes[clueId]) {
      setFeedback(parts, outcomes[clueId].text, outcomes[clueId].tone);
    }
    if (parts.ask) {
      parts.ask.textContent = hintTaken(clueId) ? 'Show the hint again' : 'Hint (−' + parts.penalty + ' points)';
      parts.ask.disabled = !player || (!isRunning() && !hintTaken(clueId));
      if (hints[clueId] !== undefined) { parts.hintText.textContent = 'Hint: ' + hints[clueId]; }
    }
  });
}

function setFeedback(parts, text, tone) {
  if (parts.feedback.textContent !== text) { parts.feedback.textContent = text; }
  parts.feedback.className = 'feedback message' + (tone ? ' ' + tone : '');
}
