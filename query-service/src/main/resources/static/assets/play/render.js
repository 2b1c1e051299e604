// Draws the whole player page from what is known now: the hunt's name and state, its clues, who
// plays here, and whether there is a connection. Cheap enough to run every second for countdowns.
import { $ } from '../shared/elements.js';
import { renderClues } from './clues.js';
import { showConnection } from './connection.js';
import { deadlinePassed, huntStateText, isRunning } from './hunt-clock.js';
import { hunt, refreshHunt } from './hunt-reading.js';
import { renderMe } from './player-card.js';

export function render() {
  const now = Date.now();
  if (hunt && deadlinePassed(now)) {
    refreshHunt();
  }
  if (hunt) {
    $('hunt-name').textContent = hunt.name;
    $('hunt-state').textContent = huntStateText(now);
    const note = $('clues-note');
    note.hidden = isRunning();
    note.textContent = hunt.status === 'PUBLISHED' ? 'Answers open when the hunt starts.'
      : hunt.status === 'ENDED' ? 'The hunt is over: no more answers.' : '';
    renderClues(now);
  }
  renderMe();
  showConnection();
}
