// The organizers' console: create a draft hunt, add, edit and remove its clues and correct its
// settings until it is published, move it through its lifecycle,
// watch the live (never frozen) board, correct players, export the CSV, see the projections;
// share a hunt with co-organizers; for the admin, open, disable, enable organizer accounts and
// set their passwords; for an organizer account, change its own password. What the logged-in
// account may do comes from /api/staff/me: screens and buttons it may not use are not shown.
// Reads go to this (query) service, commands to the command service, whose URL /api/web-config
// gives (allowed there by CORS for this origin). The staff password lives in this closure only,
// never in localStorage, sessionStorage or a cookie: a reload logs out. The services never answer
// 401 with a Basic challenge, so the browser never keeps the password on its own either. What this
// browser does keep (localStorage, per account) is the device credential a service hands out after a
// login succeeds: sent with every request, it spares this browser the lockout of an address that
// others (a venue's crowd behind one NAT) may have run into; without the password it is worth nothing.
// All text from the server goes in through textContent.
(function () {
  'use strict';

  const POLL_MS = 2000;
  const NETWORK_RETRIES = 3;
  const PROJECTIONS = ['leaderboard', 'player-view', 'hunt-summary'];
  const BOARD_LINES = 20;

  const $ = (id) => document.getElementById(id);

  let auth = null;          // 'Basic …', built from what the organizer typed
  let me = null;            // the logged-in account: {username, runsHunts, admin, ownPassword}
  let commandUrl = '';
  let publicUrl = '';
  let hunt = null;          // the shown hunt, staff view
  let selected = null;      // the player being corrected: a roster line
  let editedClue = null;    // the clue whose edit the clue form holds, or null: the form adds one
  let poll = null;

  // ---- the device credential ----------------------------------------------------------------
  const DEVICE_HEADER = 'Veltrix-Device';

  function deviceSlot(user) { return 'veltrix.console.device.' + user; }

  /** The credential kept for {@code user}, as typed or as the account is named (lower case). */
  function deviceOf(user) {
    try {
      return user ? localStorage.getItem(deviceSlot(user)) || localStorage.getItem(deviceSlot(user.toLowerCase())) : null;
    } catch (unavailable) { return null; }
  }

  /** Keeps a credential a service handed out for {@code user} (a new one, or the old one renewed). */
  function keepDevice(user, response) {
    const issued = response.headers.get(DEVICE_HEADER);
    if (!user || !issued) { return; }
    try { localStorage.setItem(deviceSlot(user), issued); } catch (unavailable) { /* private mode: none kept */ }
  }

  /** {@code headers} with the device credential kept for {@code user}, if there is one. */
  function withDevice(headers, user) {
    const device = deviceOf(user);
    if (device) { headers[DEVICE_HEADER] = device; }
    return headers;
  }

  // ---- talking to the services ------------------------------------------------------------
  function describe(status, body) {
    const detail = body && (body.detail || body.title);
    switch (status) {
      case 401: return 'Your login was refused: log in again.';
      case 403: return 'Not allowed for this account' + (detail ? ': ' + detail : '.');
      case 429: return 'Too many requests: wait a moment and try again' + (detail ? ' (' + detail + ')' : '.');
      case 503: return 'The service is busy or its database is away: try again in a moment.';
      default: return detail || ('The service answered ' + status + '.');
    }
  }

  async function parsed(response) {
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (notJson) { body = text; }
    return { status: response.status, ok: response.ok, body: body };
  }

  async function answer(response) {
    if (me && response.ok) { keepDevice(me.username, response); }
    const result = await parsed(response);
    if (result.status === 401 && auth) { logout('Your login was refused: log in again.'); }
    return result;
  }

  async function read(path, withAuth) {
    const headers = { Accept: 'application/json' };
    if (withAuth !== false && auth) { headers.Authorization = auth; withDevice(headers, me && me.username); }
    return answer(await fetch(path, { headers: headers, cache: 'no-store' }));
  }

  /** A command with its own Idempotency-Key, sent again with the same key after a dropped connection. */
  async function command(path, body) {
    const key = crypto.randomUUID();
    const headers = withDevice({ Authorization: auth, 'Idempotency-Key': key }, me && me.username);
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    for (let attempt = 1; ; attempt++) {
      try {
        return await answer(await fetch(commandUrl + path, {
          method: 'POST', headers: headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store'
        }));
      } catch (dropped) {
        if (attempt >= NETWORK_RETRIES) {
          return { status: 0, ok: false, body: null, offline: true };
        }
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }

  function say(id, text, tone) {
    const element = $(id);
    element.textContent = text;
    element.className = 'message' + (tone ? ' ' + tone : '');
  }

  function sayOutcome(id, result, success) {
    if (result.offline) {
      say(id, 'No answer from the command service: check the connection and try again.', 'bad');
    } else if (result.ok) {
      say(id, success, 'good');
    } else {
      say(id, describe(result.status, result.body), 'bad');
    }
  }

  // ---- login --------------------------------------------------------------------------------
  function basic(user, password) {
    return 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + password)));
  }

  /** The account these credentials (of {@code user}, as typed) log in as; unlike other reads, a 401 here logs nobody out. */
  async function whoIs(candidate, user) {
    const response = await fetch('/api/staff/me', {
      headers: withDevice({ Authorization: candidate, Accept: 'application/json' }, user), cache: 'no-store' });
    const result = await parsed(response);
    // kept under the account's own name, as the service bound it
    if (result.status === 200 && result.body && result.body.username) { keepDevice(result.body.username, response); }
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
        auth = candidate;
        me = result.body;
        $('password').value = '';
        $('who').textContent = 'Logged in as ' + me.username + (me.admin ? ' (admin)' : '');
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

  function logout(message) {
    auth = null;
    me = null;
    hunt = null;
    stopPolling();
    $('who').textContent = '';
    $('logout').hidden = true;
    show('login');
    say('login-message', message || '');
  }
  $('logout').addEventListener('click', () => logout('Logged out.'));

  // ---- navigation: #hunt=ID shows a hunt, anything else the list ------------------------------
  function show(section) {
    for (const id of ['login', 'hunts', 'hunt']) { $(id).hidden = id !== section; }
  }

  function shownHuntId() {
    return new URLSearchParams(location.hash.slice(1)).get('hunt');
  }

  function route() {
    if (!auth) { show('login'); return; }
    stopPolling();
    const huntId = shownHuntId();
    if (huntId) {
      hunt = null;
      selected = null;
      $('correction').hidden = true;
      $('csv-status').textContent = '';
      $('csv-link').hidden = true;
      for (const id of ['action-message', 'settings-message', 'clue-message', 'player-message', 'join-code-message',
        'organizer-message']) {
        say(id, '');
      }
      $('settings-form').hidden = true;
      stopEditingClue();
      show('hunt');
      refreshHunt(huntId);
      poll = setInterval(() => refreshHunt(huntId), POLL_MS);
    } else {
      show('hunts');
      refreshList();
      $('accounts').hidden = !me.admin;
      $('own-password-form').hidden = !me.ownPassword;
      for (const id of ['account-message', 'own-password-message']) { say(id, ''); }
      $('reset-form').hidden = true;
      if (me.admin) { refreshAccounts(); }
    }
  }
  window.addEventListener('hashchange', route);

  function stopPolling() {
    if (poll) { clearInterval(poll); poll = null; }
  }

  function cell(text, cls) {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '' : String(text);
    if (cls) { td.className = cls; }
    return td;
  }

  // ---- the hunt list and a new hunt ---------------------------------------------------------
  async function refreshList() {
    const result = await read('/api/hunts?limit=100');
    if (!result.ok) { return; }
    const rows = document.createDocumentFragment();
    result.body.forEach((h) => {
      const tr = document.createElement('tr');
      const name = document.createElement('td');
      const link = document.createElement('a');
      link.href = '#hunt=' + encodeURIComponent(h.huntId);
      link.textContent = h.name;
      name.appendChild(link);
      tr.appendChild(name);
      tr.appendChild(cell(h.status));
      tr.appendChild(cell(h.players, 'num'));
      tr.appendChild(cell(h.clueCount, 'num'));
      rows.appendChild(tr);
    });
    document.querySelector('#hunt-list tbody').replaceChildren(rows);
    $('no-hunts').hidden = result.body.length > 0;
  }

  function numberOrNull(id) {
    const value = $(id).value.trim();
    return value === '' ? null : Number(value);
  }

  function instantOrNull(id) {
    const value = $(id).value;
    return value ? new Date(value).toISOString() : null;
  }

  /** An instant as a datetime-local field shows it: in the browser's time zone, to the minute. */
  function localInput(instant) {
    if (!instant) { return ''; }
    const date = new Date(instant);
    return new Date(date.getTime() - date.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  }

  $('create-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { name: $('new-name').value.trim() };
    const optional = {
      startsAt: instantOrNull('new-starts'), endsAt: instantOrNull('new-ends'),
      maxPlayers: numberOrNull('new-max-players'), firstFinderBonus: numberOrNull('new-bonus'),
      maxWrongAttempts: numberOrNull('new-max-wrong'), lockoutWindowSeconds: numberOrNull('new-lockout'),
      joinCode: $('new-join-code').value.trim() || null
    };
    Object.keys(optional).forEach((field) => { if (optional[field] !== null) { body[field] = optional[field]; } });
    $('create-button').disabled = true;
    const result = await command('/api/hunts', body);
    $('create-button').disabled = false;
    sayOutcome('create-message', result, 'Draft created.');
    if (result.ok) {
      $('create-form').reset();
      location.hash = 'hunt=' + encodeURIComponent(result.body.huntId);
    }
  });

  // ---- one hunt -----------------------------------------------------------------------------
  /** What the hunt's state machine allows now: the buttons shown are exactly these. */
  function allowed(h) {
    const live = h.status === 'PUBLISHED' || h.status === 'RUNNING';
    return {
      addClue: h.status === 'DRAFT',
      edit: h.status === 'DRAFT',
      publish: h.status === 'DRAFT' && h.clueCount > 0,
      start: h.status === 'PUBLISHED',
      freeze: live && !h.frozenAt,
      end: live,
      joinCode: h.status !== 'ENDED'
    };
  }

  function playLink(huntId) {
    return (publicUrl || location.origin) + '/play/' + encodeURIComponent(huntId);
  }

  async function refreshHunt(huntId) {
    const result = await read('/api/hunts/' + encodeURIComponent(huntId));
    if (shownHuntId() !== huntId || !auth) { return; }
    if (result.status === 404) {
      $('hunt-name').textContent = 'Waiting for the hunt to appear…';
      return;
    }
    if (!result.ok) {
      say('action-message', describe(result.status, result.body), 'bad');
      return;
    }
    hunt = result.body;
    renderHunt(hunt);
    await Promise.all([refreshBoards(hunt), refreshPlayers(hunt), refreshOrganizers(hunt), refreshService()]);
  }

  function renderHunt(h) {
    $('hunt-name').textContent = h.name;
    document.title = h.name + ' · Console · Veltrix';
    $('hunt-state').textContent = h.status + (h.frozenAt ? ' · board frozen' : '');
    $('hunt-counts').textContent = h.players + ' players · ' + h.clueCount + ' clues';
    const can = allowed(h);
    for (const action of ['publish', 'start', 'freeze', 'end']) { $(action).hidden = !can[action]; }
    $('clue-form').hidden = !can.addClue;
    $('clues-closed').hidden = can.addClue;
    $('edit-settings').hidden = !can.edit || !$('settings-form').hidden;
    if (!can.edit) {
      $('settings-form').hidden = true;
      stopEditingClue();
    }
    $('join-code-form').hidden = !can.joinCode;
    const id = encodeURIComponent(h.huntId);
    $('big-screen-link').href = '/hunts/' + id;
    $('poster-link').href = '/hunts/' + id + '/poster';
    $('join-link').textContent = playLink(h.huntId);

    const clues = document.createDocumentFragment();
    (h.clues || []).forEach((clue) => {
      const li = document.createElement('li');
      li.dataset.clueId = clue.clueId;
      const title = document.createElement('strong');
      title.textContent = clue.title;
      li.appendChild(title);
      li.appendChild(document.createTextNode(' · ' + clue.points + ' points'
        + (clue.hasHint ? ' · hint costs ' + clue.hintPenalty : '')
        + (clue.wrongAnswerSurges ? ' · ⚠ wrong-answer surges: ' + clue.wrongAnswerSurges : '')));
      const riddle = document.createElement('div');
      riddle.className = 'riddle';
      riddle.textContent = clue.riddle;
      li.appendChild(riddle);
      if (can.edit) {
        li.appendChild(smallButton('Edit', 'edit-clue', () => startEditingClue(clue)));
        li.appendChild(smallButton('Remove', 'remove-clue', () => removeClue(clue)));
      }
      clues.appendChild(li);
    });
    $('clue-list').replaceChildren(clues);
  }

  function smallButton(label, cls, action) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'quiet small ' + cls;
    button.textContent = label;
    button.addEventListener('click', action);
    return button;
  }

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

  async function refreshBoards(h) {
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

  async function refreshPlayers(h) {
    const search = $('player-search').value.trim();
    const result = await read('/api/hunts/' + encodeURIComponent(h.huntId) + '/players?limit=100&search='
      + encodeURIComponent(search));
    if (!result.ok) {
      say('player-message', describe(result.status, result.body), 'bad');
      return;
    }
    const rows = document.createDocumentFragment();
    result.body.forEach((line) => {
      const tr = document.createElement('tr');
      tr.dataset.playerId = line.playerId;
      if (line.disqualified) { tr.classList.add('out'); }
      if (selected && selected.playerId === line.playerId) {
        tr.classList.add('selected');
        selected = line;
      }
      tr.appendChild(cell(line.rank));
      tr.appendChild(cell(line.team ? line.handle + ' (team)' : line.handle, 'handle'));
      tr.appendChild(cell(line.score, 'num score'));
      tr.appendChild(cell(line.cluesFound, 'num'));
      tr.appendChild(cell(line.disqualified ? 'disqualified' : '', 'note'));
      const actions = document.createElement('td');
      const correct = document.createElement('button');
      correct.type = 'button';
      correct.className = 'quiet small correct';
      correct.textContent = 'Correct…';
      correct.addEventListener('click', () => select(line));
      actions.appendChild(correct);
      tr.appendChild(actions);
      rows.appendChild(tr);
    });
    document.querySelector('#players tbody').replaceChildren(rows);
    if (selected) { renderCorrection(); }
  }
  $('player-search').addEventListener('input', () => { if (hunt) { refreshPlayers(hunt); } });

  async function refreshService() {
    const items = document.createDocumentFragment();
    if (!me.admin && !me.roles.includes('OPERATOR')) {
      // a projection rebuilds every hunt's read model: an organizer account does not watch them
      const li = document.createElement('li');
      li.textContent = 'Projections: visible to the configured organizer and admins.';
      $('projections').replaceChildren(li);
      $('dead-letters').textContent = 'visible to the admin account only';
      return;
    }
    for (const name of PROJECTIONS) {
      const result = await read('/api/admin/projections/' + name + '/status');
      const li = document.createElement('li');
      li.dataset.projection = name;
      li.textContent = name + ': ' + (result.ok
        ? result.body.state + ' (' + result.body.processed + ' / ' + result.body.total + ')'
        : describe(result.status, result.body));
      items.appendChild(li);
    }
    $('projections').replaceChildren(items);
    const letters = await read('/api/admin/dead-letters');
    $('dead-letters').textContent = letters.ok
      ? letters.body.reduce((sum, parked) => sum + parked.letters, 0) + ' parked'
      : (letters.status === 403 ? 'visible to the admin account only' : describe(letters.status, letters.body));
  }

  // ---- lifecycle ----------------------------------------------------------------------------
  const DONE = { publish: 'Published: registration is open.', start: 'Started: finds count now.',
    freeze: 'The public board is frozen; the live board below keeps counting.', end: 'Ended.' };
  document.querySelectorAll('#actions button').forEach((button) => {
    button.addEventListener('click', async () => {
      const action = button.dataset.action;
      if (action === 'end' && !confirm('End the hunt? No more finds or registrations will be accepted.')) { return; }
      button.disabled = true;
      const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/' + action);
      button.disabled = false;
      sayOutcome('action-message', result, DONE[action]);
      refreshHunt(hunt.huntId);
    });
  });

  $('clue-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answers = $('clue-answers').value.split('\n').map((a) => a.trim()).filter((a) => a !== '');
    const body = { title: $('clue-title').value.trim(), riddle: $('clue-riddle').value.trim(),
      points: numberOrNull('clue-points') };
    // an edit without answers keeps the accepted ones, which nobody can read back to send again
    if (!editedClue || answers.length > 0) { body.answers = answers; }
    if ($('clue-hint').value.trim()) {
      body.hint = $('clue-hint').value.trim();
      body.hintPenalty = numberOrNull('clue-penalty') || 0;
    }
    const huntPath = '/api/hunts/' + encodeURIComponent(hunt.huntId);
    const editing = editedClue;
    $('clue-button').disabled = true;
    const result = editing
      ? await command(huntPath + '/clues/' + encodeURIComponent(editing.clueId) + '/edit', body)
      : await command(huntPath + '/clues', body);
    $('clue-button').disabled = false;
    // the answers leave the page either way: typed once, never shown again
    $('clue-answers').value = '';
    sayOutcome('clue-message', result, editing
      ? 'Clue saved.' + (body.answers ? ' Its new answers are kept only as hashes: nobody can read them again.'
        : ' Its accepted answers are unchanged.')
      : 'Clue added. Its answers are kept only as hashes: nobody can read them again.');
    if (result.ok) {
      stopEditingClue();
      refreshHunt(hunt.huntId);
    }
  });

  /** Fills the clue form with a clue to correct; its answers are never shown, only replaced if typed. */
  function startEditingClue(clue) {
    editedClue = clue;
    $('clue-form-title').textContent = 'Edit clue: ' + clue.title;
    $('clue-title').value = clue.title;
    $('clue-points').value = clue.points;
    $('clue-riddle').value = clue.riddle || '';
    $('clue-hint').value = clue.hint || '';
    $('clue-penalty').value = clue.hasHint ? clue.hintPenalty : 0;
    $('clue-answers').value = '';
    $('clue-answers').required = false;
    $('clue-answers-label').textContent = 'New accepted answers, one per line (empty: keep the current ones, which are shown nowhere)';
    $('clue-button').textContent = 'Save clue';
    $('clue-cancel').hidden = false;
    say('clue-message', '');
    $('clue-title').focus();
  }

  function stopEditingClue() {
    editedClue = null;
    $('clue-form').reset();
    $('clue-form-title').textContent = 'Add a clue';
    $('clue-answers').required = true;
    $('clue-answers-label').textContent = 'Accepted answers, one per line (stored only as hashes: shown nowhere again)';
    $('clue-button').textContent = 'Add clue';
    $('clue-cancel').hidden = true;
  }
  $('clue-cancel').addEventListener('click', () => { stopEditingClue(); say('clue-message', ''); });

  async function removeClue(clue) {
    if (!confirm('Remove the clue "' + clue.title + '"?')) { return; }
    const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/clues/'
      + encodeURIComponent(clue.clueId) + '/remove');
    sayOutcome('clue-message', result, 'Clue removed.');
    if (result.ok && editedClue && editedClue.clueId === clue.clueId) { stopEditingClue(); }
    refreshHunt(hunt.huntId);
  }

  // ---- a draft's settings -------------------------------------------------------------------
  $('edit-settings').addEventListener('click', () => {
    $('edit-name').value = hunt.name;
    $('edit-starts').value = localInput(hunt.startsAt);
    $('edit-ends').value = localInput(hunt.endsAt);
    $('edit-max-players').value = hunt.maxPlayers === undefined || hunt.maxPlayers === null ? '' : hunt.maxPlayers;
    $('edit-bonus').value = hunt.firstFinderBonus;
    $('edit-max-wrong').value = hunt.maxWrongAttempts === undefined || hunt.maxWrongAttempts === null ? '' : hunt.maxWrongAttempts;
    $('edit-lockout').value = hunt.lockoutWindowSeconds === undefined || hunt.lockoutWindowSeconds === null
      ? '' : hunt.lockoutWindowSeconds;
    $('settings-form').hidden = false;
    $('edit-settings').hidden = true;
    say('settings-message', '');
    $('edit-name').focus();
  });
  $('settings-cancel').addEventListener('click', () => {
    $('settings-form').hidden = true;
    $('edit-settings').hidden = !hunt || !allowed(hunt).edit;
  });

  $('settings-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    // the whole settings are sent: a field left empty takes its default, as when the hunt was created
    const body = { name: $('edit-name').value.trim() };
    const optional = {
      startsAt: instantOrNull('edit-starts'), endsAt: instantOrNull('edit-ends'),
      maxPlayers: numberOrNull('edit-max-players'), firstFinderBonus: numberOrNull('edit-bonus'),
      maxWrongAttempts: numberOrNull('edit-max-wrong'), lockoutWindowSeconds: numberOrNull('edit-lockout')
    };
    Object.keys(optional).forEach((field) => { if (optional[field] !== null) { body[field] = optional[field]; } });
    $('settings-button').disabled = true;
    const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/edit', body);
    $('settings-button').disabled = false;
    sayOutcome('settings-message', result, 'Settings saved.');
    if (result.ok) {
      $('settings-form').hidden = true;
      refreshHunt(hunt.huntId);
    }
  });

  $('join-code-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    await changeJoinCode($('join-code').value.trim() || null);
  });
  $('join-code-remove').addEventListener('click', () => changeJoinCode(null));

  async function changeJoinCode(code) {
    const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/join-code', { joinCode: code });
    $('join-code').value = '';
    sayOutcome('join-code-message', result, code ? 'New join code set: keep it where you print your posters.'
      : 'Anyone may join now.');
    refreshHunt(hunt.huntId);
  }

  // ---- corrections --------------------------------------------------------------------------
  function select(line) {
    selected = line;
    $('correction-points').value = '';
    $('correction-reason').value = '';
    renderCorrection();
    $('correction-reason').focus();
  }

  function renderCorrection() {
    $('correction').hidden = false;
    $('correction-handle').textContent = selected.handle;
    $('disqualify').hidden = selected.disqualified;
    $('reinstate').hidden = !selected.disqualified;
    document.querySelectorAll('#players tbody tr').forEach((tr) => {
      tr.classList.toggle('selected', tr.dataset.playerId === selected.playerId);
    });
  }

  $('correction-cancel').addEventListener('click', () => {
    selected = null;
    $('correction').hidden = true;
    refreshPlayers(hunt);
  });

  async function correct(what, body, success) {
    const player = selected;
    // a team's line (team-mode hunts) is corrected as the team, a member's as that player
    const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + (player.team ? '/teams/' : '/players/')
      + encodeURIComponent(player.playerId) + '/' + what, body);
    sayOutcome('player-message', result, player.handle + ': ' + success);
    if (result.ok) {
      $('correction-points').value = '';
      $('correction-reason').value = '';
    }
    refreshHunt(hunt.huntId);
  }

  function reason() {
    const text = $('correction-reason').value.trim();
    if (!text) { say('player-message', 'Give a reason: it goes into the audit trail.', 'bad'); }
    return text;
  }

  $('disqualify').addEventListener('click', () => {
    const why = reason();
    if (why) { correct('disqualify', { reason: why }, 'disqualified.'); }
  });
  $('reinstate').addEventListener('click', () => correct('reinstate', undefined, 'reinstated.'));
  $('adjust').addEventListener('click', () => {
    const points = numberOrNull('correction-points');
    const why = reason();
    if (!why) { return; }
    if (!Number.isInteger(points) || points === 0) {
      say('player-message', 'Give the points to add (or, negative, to take away).', 'bad');
      return;
    }
    correct('adjustments', { points: points, reason: why }, (points > 0 ? '+' : '') + points + ' points.');
  });

  // ---- a hunt's organizers -----------------------------------------------------------------
  /**
   * Who may remove an organizer from the hunt: its owner (the first line) or an admin, and never
   * the last one, whom the hunt needs.
   */
  function mayRemoveOrganizers(lines) {
    return lines.length > 1 && (me.admin || lines[0].username === me.username);
  }

  async function refreshOrganizers(h) {
    const result = await read('/api/hunts/' + encodeURIComponent(h.huntId) + '/organizers');
    if (!hunt || hunt.huntId !== h.huntId) { return; }
    $('organizer-form').hidden = !result.ok;
    if (!result.ok) {
      $('organizer-list').replaceChildren();
      say('organizer-message', result.status === 403 ? 'Only the organizers of this hunt see and change who they are.'
        : describe(result.status, result.body), result.status === 403 ? '' : 'bad');
      return;
    }
    const removable = mayRemoveOrganizers(result.body);
    const items = document.createDocumentFragment();
    result.body.forEach((line) => {
      const li = document.createElement('li');
      li.dataset.username = line.username;
      const name = document.createElement('span');
      name.className = 'organizer';
      name.textContent = line.username;
      li.appendChild(name);
      li.appendChild(document.createTextNode((line.owner ? ' · owner' : '') + (line.username === me.username ? ' · you' : '')));
      if (removable) {
        li.appendChild(smallButton('Remove', 'remove-organizer', () => removeOrganizer(line.username)));
      }
      items.appendChild(li);
    });
    $('organizer-list').replaceChildren(items);
  }

  $('organizer-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = $('organizer-name').value.trim();
    $('organizer-add').disabled = true;
    const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/organizers', { username: username });
    $('organizer-add').disabled = false;
    sayOutcome('organizer-message', result, username + ' organizes this hunt too.');
    if (result.ok) { $('organizer-name').value = ''; }
    refreshOrganizers(hunt);
  });

  async function removeOrganizer(username) {
    const self = username === me.username;
    if (!confirm(self ? 'Leave this hunt? You will no longer see or run it.'
      : 'Remove ' + username + ' from the organizers of this hunt?')) { return; }
    const result = await command('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/organizers/'
      + encodeURIComponent(username) + '/remove');
    sayOutcome('organizer-message', result, username + ' no longer organizes this hunt.');
    refreshOrganizers(hunt);
  }

  // ---- organizer accounts (admin) and one's own password -----------------------------------------
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
      await new Promise((resolve) => setTimeout(resolve, 250));
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
      const renewed = basic(me.username, newPassword);
      for (let attempt = 0; attempt < 40 && (await whoIs(renewed, me.username)).status !== 200; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      auth = renewed;
    }
    $('own-password-button').disabled = false;
  });

  // ---- CSV ----------------------------------------------------------------------------------
  $('csv').addEventListener('click', async () => {
    const response = await fetch('/api/hunts/' + encodeURIComponent(hunt.huntId) + '/leaderboard.csv',
      { headers: withDevice({ Authorization: auth }, me.username), cache: 'no-store' });
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

  // ---- start --------------------------------------------------------------------------------
  $('home').addEventListener('click', (event) => {
    event.preventDefault();
    history.pushState(null, '', location.pathname);
    route();
  });

  fetch('/api/web-config', { headers: { Accept: 'application/json' } })
    .then((r) => r.json())
    .then((config) => {
      commandUrl = config.commandUrl || '';
      publicUrl = config.publicUrl || '';
    })
    .catch(() => say('login-message', 'The service cannot be reached.', 'bad'))
    .finally(route);
})();
