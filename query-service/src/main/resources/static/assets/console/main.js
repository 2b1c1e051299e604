// The organizers' console: create a draft hunt, add, edit and remove its clues and correct its
// settings until it is published, move it through its lifecycle, watch the live (never frozen)
// board, correct players, export the CSV, see the projections; share a hunt with co-organizers;
// for the admin, open, disable, enable organizer accounts and set their passwords; for an
// organizer account, change its own password. Each of these lives in the module named for it;
// this one loads them all and starts the console once it knows where the command service is.
import { say, session } from './requests.js';
import { route } from './navigation.js';
import { webConfig } from '../shared/requests.js';
import './login.js';
import './hunt-list.js';
import './hunt-view.js';
import './hunt-editing.js';
import './live-board.js';
import './player-corrections.js';
import './co-organizers.js';
import './organizer-accounts.js';

webConfig()
  .then((config) => {
    session.commandUrl = config.commandUrl;
    session.publicUrl = config.publicUrl;
  })
  .catch(() => say('login-message', 'The service cannot be reached.', 'bad'))
  .finally(route);
