// The player page: join a hunt (alone, or in a team-mode hunt by creating a team or joining one
// from its captain's link), read its clues, answer them, take hints, watch one's own (or the
// team's) score and who found what. Each of these lives in the module named for it; this one
// loads them all and starts the page once it knows where the command service is.
import { $ } from '../shared/elements.js';
import { webConfig } from '../shared/requests.js';
import { flush } from './answers.js';
import { connectionBack, setCommandUrl } from './connection.js';
import { refreshHunt, refreshView, watchBoard } from './hunt-reading.js';
import { joinCode, load, player } from './player-store.js';
import { render } from './render.js';
import './joining.js';
import './teams.js';
import './player-card.js';

// a device link pasted into an already open page changes only the fragment: read it as a new visit
window.addEventListener('hashchange', () => location.reload());
window.addEventListener('online', () => { connectionBack(); render(); flush(); });
window.addEventListener('offline', render);
setInterval(render, 1000); // countdowns

if (joinCode) {
  $('join-code').value = joinCode;
  $('code-field').hidden = false;
}

webConfig()
  .then((config) => setCommandUrl(config.commandUrl))
  .catch(() => setCommandUrl(''))
  .then(() => refreshHunt())
  .then(() => {
    const unfinished = load('join', null);
    if (!player && unfinished) { $('handle').value = unfinished.handle; }
    refreshView();
    watchBoard();
    flush(); // submissions left unanswered by a previous visit
  });
