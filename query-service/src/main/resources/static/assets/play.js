// The player page: join a hunt (alone, or in a team-mode hunt by creating a team or joining one
// from its captain's link), read its clues, answer them, take hints, watch one's own (or the
// team's) score and who found what.
// Reads come from this (query) service; registrations, teams, finds and hints are posted to the command
// service, whose URL /api/web-config gives (allowed there by CORS for this origin).
// Phones lose their connection: every submission gets an Idempotency-Key once and is kept in
// localStorage until an answer arrives, and is sent again with the same key (after a dropped
// connection, a reload, a 503 or a rate limit), so it is never lost and never counts twice.
// All text from the server or from players goes in through textContent.
(function () {
  'use strict';

  const huntId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
  const STORE = 'veltrix.play.' + huntId + '.';
  const RETRY_MAX_SECONDS = 30;
  const VIEW_POLL_MS = 30000;
  const VIEW_SOON_MS = 500;
  const VIEW_MISSES_RETRIED_SOON = 60;
  const HUNT_POLL_MS = 15000;
  const DEADLINE_POLL_MS = 2000;

  const $ = (id) => document.getElementById(id);

  // ---- storage: what survives a reload ----------------------------------------------------
  function load(name, fallback) {
    try {
      const value = localStorage.getItem(STORE + name);
      return value === null ? fallback : JSON.parse(value);
    } catch (unreadable) {
      return fallback;
    }
  }
  function save(name, value) {
    if (value === null || value === undefined) {
      localStorage.removeItem(STORE + name);
    } else {
      localStorage.setItem(STORE + name, JSON.stringify(value));
    }
  }

  let player = load('player', null);          // {playerId, token, handle}, and in a team {teamId, teamCode?}
  let pending = load('pending', []);          // submissions not yet answered: [{key, clueId, answer}]
  const hints = load('hints', {});            // clueId -> hint text already paid for
  const lockedUntil = load('locked', {});     // clueId -> epoch ms until which the clue is locked
  let joinCode = '';
  let teamLink = null;                        // {teamId, code} from a captain's link

  // The fragment carries what must stay out of server logs: the join code, a team's code, or a device link's token.
  (function readFragment() {
    const params = new URLSearchParams(location.hash.slice(1));
    joinCode = params.get('code') || '';
    if (params.get('team')) { teamLink = { teamId: params.get('team'), code: params.get('teamCode') || '' }; }
    if (params.get('token') && params.get('player')) {
      player = { playerId: params.get('player'), token: params.get('token'), handle: params.get('handle') || '' };
      save('player', player);
    }
    // the token must not stay in the address bar or the history
    const kept = player ? '' : teamLink ? teamFragment(teamLink.teamId, teamLink.code)
        : joinCode ? '#code=' + encodeURIComponent(joinCode) : '';
    history.replaceState(null, '', location.pathname + kept);
  })();

  function teamFragment(teamId, code) {
    return '#team=' + encodeURIComponent(teamId) + '&teamCode=' + encodeURIComponent(code);
  }

  let commandUrl = '';
  let hunt = null;
  let view = null;
  const clueParts = {};                       // clueId -> elements of its list item
  const outcomes = {};                        // clueId -> {text, tone} shown under the clue
  const answeredFound = new Set();            // clues answered FOUND here, which the player view may not show yet

  // ---- talking to the services ------------------------------------------------------------
  function problemType(body) {
    return body && typeof body.type === 'string' ? body.type.split('/').pop() : '';
  }

  function retryAfterOf(response, body) {
    const header = Number(response.headers.get('Retry-After'));
    if (header > 0) { return header; }
    return body && body.retryAfterSeconds > 0 ? body.retryAfterSeconds : 1;
  }

  /** Resolves with {status, body, retryAfter}; rejects only when no answer came (offline, dropped). */
  async function post(path, body, key) {
    const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': key };
    if (player) { headers.Authorization = 'Bearer ' + player.token; }
    const response = await fetch(commandUrl + path, {
      method: 'POST', headers: headers, body: body === null ? undefined : JSON.stringify(body), cache: 'no-store'
    });
    const json = await response.json().catch(() => null);
    return { status: response.status, body: json, retryAfter: retryAfterOf(response, json) };
  }

  async function getJson(path, withToken) {
    const headers = { Accept: 'application/json' };
    if (withToken && player) { headers.Authorization = 'Bearer ' + player.token; }
    const response = await fetch(path, { headers: headers, cache: 'no-store' });
    return { status: response.status, body: await response.json().catch(() => null) };
  }

  // ---- offline ---------------------------------------------------------------------------
  let lastRequestFailed = false;

  function showConnection() {
    const offline = !navigator.onLine || lastRequestFailed;
    const banner = $('offline');
    banner.hidden = !offline;
    if (offline) {
      const waiting = pending.length;
      banner.textContent = (navigator.onLine ? 'No connection to the hunt.' : 'You are offline.')
          + (waiting ? ' ' + waiting + (waiting === 1 ? ' answer is' : ' answers are')
              + ' kept and sent as soon as the connection is back.' : '');
    }
  }

  function connectionFailed() {
    lastRequestFailed = true;
    showConnection();
  }

  function connectionWorks() {
    if (lastRequestFailed) {
      lastRequestFailed = false;
      showConnection();
    }
  }

  // ---- time ------------------------------------------------------------------------------
  function duration(ms) {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
    return (h > 0 ? h + ':' : '') + mm + ':' + String(s).padStart(2, '0');
  }

  function isRunning() {
    return hunt && hunt.status === 'RUNNING';
  }

  function huntStateText(now) {
    if (!hunt) { return ''; }
    switch (hunt.status) {
      case 'PUBLISHED':
        return hunt.startsAt ? 'Not started yet · starts in ' + duration(Date.parse(hunt.startsAt) - now)
            : 'Not started yet · the organizers start it soon';
      case 'RUNNING': {
        let text = 'Running';
        if (hunt.endsAt) { text += ' · ' + duration(Date.parse(hunt.endsAt) - now) + ' left'; }
        if (hunt.frozenAt && Date.parse(hunt.frozenAt) <= now) { text += ' · board frozen'; }
        return text;
      }
      case 'ENDED':
        return 'Ended · thanks for playing';
      default:
        return hunt.status;
    }
  }

  // ---- rendering -------------------------------------------------------------------------
  function isFound(clueId) {
    return answeredFound.has(clueId) || (!!view && view.found.some((f) => f.clueId === clueId));
  }

  /** In a team, the member who found the clue. */
  function foundBy(clueId) {
    const find = view && view.found.find((f) => f.clueId === clueId);
    return find && find.foundBy ? find.foundBy.handle : null;
  }

  function teamMode() {
    return !!hunt && hunt.teamSize !== undefined && hunt.teamSize !== null;
  }

  function hintTaken(clueId) {
    return hints[clueId] !== undefined || (view && view.hints.some((h) => h.clueId === clueId));
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function buildClues() {
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
        const box = el('div', 'hint');
        const ask = el('button', 'hint-button quiet');
        ask.type = 'button';
        const confirm = el('span', 'hint-confirm');
        confirm.hidden = true;
        confirm.appendChild(document.createTextNode('Spend ' + clue.hintPenalty + ' points on this hint? '));
        const yes = el('button', 'hint-yes', 'Yes, show the hint');
        yes.type = 'button';
        const no = el('button', 'hint-no quiet', 'Cancel');
        no.type = 'button';
        confirm.appendChild(yes);
        confirm.appendChild(document.createTextNode(' '));
        confirm.appendChild(no);
        const text = el('p', 'hint-text');
        box.appendChild(ask);
        box.appendChild(confirm);
        box.appendChild(text);
        item.appendChild(box);
        ask.addEventListener('click', () => {
          if (hintTaken(clue.clueId)) {
            takeHint(clue.clueId); // already paid: a second request costs nothing
          } else {
            ask.hidden = true;
            confirm.hidden = false;
          }
        });
        no.addEventListener('click', () => { confirm.hidden = true; ask.hidden = false; });
        yes.addEventListener('click', () => { confirm.hidden = true; ask.hidden = false; takeHint(clue.clueId); });
        Object.assign(parts, { ask: ask, confirm: confirm, hintText: text, penalty: clue.hintPenalty });
      }
      clueParts[clue.clueId] = parts;
      list.appendChild(item);
    });
  }

  function renderClues(now) {
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
        setFeedback(parts, navigator.onLine && !lastRequestFailed ? 'Sending…' : 'Kept: sent when you are back online.', 'wait');
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

  function renderMe() {
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

  function renderTeamForms() {
    $('team-size-note').textContent = 'This hunt is played in teams of up to ' + hunt.teamSize + ' players.';
    $('team-join-form').hidden = !teamLink;
    $('team-link-note').textContent = teamLink ? 'Or start a team of your own:'
        : 'To join a team, open the link its captain shares. Or start one:';
    if (teamLink && !$('team-code').value) { $('team-code').value = teamLink.code; }
    if (hunt.joinCodeRequired) { $('team-hunt-code-field').hidden = false; }
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
  const TEAM_QR_RETRY_MS = 5000;
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

  /** A timed start or end has passed but the hunt still says otherwise: read it again, every few seconds. */
  function deadlinePassed(now) {
    const due = hunt.status === 'PUBLISHED' ? hunt.startsAt : hunt.status === 'RUNNING' ? hunt.endsAt : null;
    return due && Date.parse(due) <= now && now - huntReadAt >= DEADLINE_POLL_MS;
  }

  function render() {
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

  // ---- joining ---------------------------------------------------------------------------
  // Registered (alone or in a team): keep the player, take the link's codes out of the address bar
  // and show the hunt as theirs.
  function becomePlayer(registered, message) {
    player = registered;
    save('player', player);
    history.replaceState(null, '', location.pathname);
    message.textContent = '';
    render();
    refreshView();
  }

  async function join(handle, code) {
    let attempt = load('join', null);
    if (!attempt || attempt.handle !== handle || attempt.joinCode !== code) {
      attempt = { key: crypto.randomUUID(), handle: handle, joinCode: code };
      save('join', attempt);
    }
    const message = $('join-message');
    message.textContent = 'Joining…';
    $('join-button').disabled = true;
    const body = { handle: handle };
    if (code) { body.joinCode = code; }
    let answer;
    try {
      answer = await post('/api/hunts/' + encodeURIComponent(huntId) + '/players', body, attempt.key);
    } catch (dropped) {
      connectionFailed();
      message.textContent = 'No connection: trying again…';
      setTimeout(() => join(handle, code), 3000);
      return;
    }
    connectionWorks();
    $('join-button').disabled = false;
    if (answer.status === 201) {
      save('join', null);
      becomePlayer({ playerId: answer.body.playerId, token: answer.body.token, handle: answer.body.handle || handle },
        message);
      return;
    }
    if (answer.status === 503 || answer.status === 429) {
      message.textContent = 'The hunt is busy: trying again in ' + answer.retryAfter + ' s…';
      $('join-button').disabled = true;
      setTimeout(() => join(handle, code), answer.retryAfter * 1000);
      return;
    }
    save('join', null);
    const type = problemType(answer.body);
    if (type === 'wrong-join-code') {
      $('code-field').hidden = false;
      message.textContent = code ? 'That join code is not right: check the link or ask the organizers.'
          : 'This hunt needs a join code: it comes with the link the organizers share.';
    } else if (answer.status === 409 && type.indexOf('handle') >= 0) {
      message.textContent = 'That handle is taken: pick another.';
    } else {
      message.textContent = (answer.body && answer.body.detail) || 'Could not join (' + answer.status + ').';
    }
  }

  $('join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const code = $('join-code').value.trim();
    join($('handle').value.trim(), code);
  });

  // ---- teams -----------------------------------------------------------------------------
  /**
   * Creates a team or joins one, with one Idempotency-Key per attempt kept across reloads (as a
   * solo registration): a retry after a dropped connection gets the same team and token.
   */
  async function registerInTeam(kind, path, body) {
    let attempt = load('team-attempt', null);
    const asked = JSON.stringify(body);
    if (!attempt || attempt.path !== path || attempt.asked !== asked) {
      attempt = { key: crypto.randomUUID(), path: path, asked: asked };
      save('team-attempt', attempt);
    }
    const message = $('team-message');
    message.textContent = kind === 'create' ? 'Creating the team…' : 'Joining the team…';
    $('team-create-button').disabled = true;
    $('team-join-button').disabled = true;
    let answer;
    try {
      answer = await post(path, body, attempt.key);
    } catch (dropped) {
      connectionFailed();
      message.textContent = 'No connection: trying again…';
      setTimeout(() => registerInTeam(kind, path, body), 3000);
      return;
    }
    connectionWorks();
    $('team-create-button').disabled = false;
    $('team-join-button').disabled = false;
    if (answer.status === 201) {
      save('team-attempt', null);
      teamLink = null;
      becomePlayer({ playerId: answer.body.playerId, token: answer.body.token, handle: answer.body.handle || body.handle,
        teamId: answer.body.teamId, teamName: answer.body.name || null,
        teamCode: kind === 'create' ? answer.body.joinCode : body.joinCode }, message);
      return;
    }
    if (answer.status === 503 || answer.status === 429) {
      message.textContent = 'The hunt is busy: trying again in ' + answer.retryAfter + ' s…';
      $('team-create-button').disabled = true;
      $('team-join-button').disabled = true;
      setTimeout(() => registerInTeam(kind, path, body), answer.retryAfter * 1000);
      return;
    }
    save('team-attempt', null);
    const type = problemType(answer.body);
    if (type === 'wrong-join-code' && kind === 'create') {
      $('team-hunt-code-field').hidden = false;
      message.textContent = 'This hunt needs its join code: it comes with the link the organizers share.';
    } else if (answer.status === 403 && kind === 'join') {
      message.textContent = 'That team code is not right: ask your captain for the team link.';
    } else if (answer.status === 409 && type.indexOf('handle') >= 0) {
      message.textContent = 'That handle is taken: pick another.';
    } else {
      message.textContent = (answer.body && answer.body.detail) || 'Could not ' + kind + ' the team (' + answer.status + ').';
    }
  }

  $('team-create-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { name: $('team-name').value.trim(), handle: $('captain-handle').value.trim() };
    const code = $('team-hunt-code').value.trim() || joinCode;
    if (code) { body.joinCode = code; }
    registerInTeam('create', '/api/hunts/' + encodeURIComponent(huntId) + '/teams', body);
  });

  $('team-join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { handle: $('member-handle').value.trim(), joinCode: $('team-code').value.trim() };
    registerInTeam('join', '/api/hunts/' + encodeURIComponent(huntId) + '/teams/' + encodeURIComponent(teamLink.teamId)
        + '/members', body);
  });

  $('team-share-copy').addEventListener('click', async () => {
    const input = $('team-share-url');
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      $('team-share-message').textContent = 'Copied: send it to your teammates.';
    } catch (refused) {
      $('team-share-message').textContent = 'Select the link above and copy it.';
    }
  });

  // ---- answering -------------------------------------------------------------------------
  function submit(clueId, input) {
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
  async function flush() {
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
    pending = pending.filter((p) => p.key !== next.key);
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
    outcomes[clueId] = { text: (answer.body && answer.body.detail) || 'Not accepted (' + answer.status + ').', tone: 'bad' };
  }

  // ---- hints -----------------------------------------------------------------------------
  async function takeHint(clueId) {
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
      parts.hintText.textContent = (answer.body && answer.body.detail) || 'No hint (' + answer.status + ').';
    }
    render();
  }

  // ---- reading ---------------------------------------------------------------------------
  function forgetPlayer(why) {
    player = null;
    view = null;
    save('player', null);
    save('pending', null);
    pending = [];
    $('join-message').textContent = why;
    render();
  }

  let viewTimer = null;
  let viewReads = 0;
  let viewMisses = 0;

  async function refreshView() {
    clearTimeout(viewTimer);
    viewTimer = setTimeout(refreshView, VIEW_POLL_MS);
    if (!player) { return; }
    const read = ++viewReads;
    let answer;
    try {
      answer = await getJson('/api/hunts/' + encodeURIComponent(huntId) + '/players/' + encodeURIComponent(player.playerId), true);
    } catch (dropped) {
      connectionFailed();
      return;
    }
    if (read !== viewReads) { return; } // a later read was started: its answer is the newer one
    if (answer.status === 200) {
      viewMisses = 0;
      view = answer.body;
      // The view and the board are separate projections, each a moment behind the command side: a
      // find answered here that the view does not show yet, or a rank the board has not given yet,
      // follows within moments, possibly before the board's stream says anything about this player.
      const behind = [...answeredFound].some((clueId) => !view.found.some((f) => f.clueId === clueId));
      if (behind || (view.rank === null && !view.disqualified)) {
        refreshViewSoon();
      }
      render();
    } else if ((answer.status === 401 || answer.status === 404) && ++viewMisses <= VIEW_MISSES_RETRIED_SOON) {
      // just registered: this service learns the player (and its token) moments after the command side
      refreshViewSoon();
    }
  }

  let soonTimer = null;
  function refreshViewSoon() {
    if (soonTimer) { return; }
    soonTimer = setTimeout(() => { soonTimer = null; refreshView(); }, VIEW_SOON_MS);
  }

  let huntTimer = null;
  let huntReadAt = 0;
  async function refreshHunt() {
    clearTimeout(huntTimer);
    huntTimer = setTimeout(refreshHunt, HUNT_POLL_MS);
    huntReadAt = Date.now();
    let answer;
    try {
      answer = await getJson('/api/hunts/' + encodeURIComponent(huntId), false);
    } catch (dropped) {
      return;
    }
    if (answer.status !== 200) {
      $('hunt-state').textContent = answer.status === 404 ? 'There is no such hunt: check the link.' : 'The hunt cannot be read right now.';
      return;
    }
    const first = !hunt;
    hunt = answer.body;
    if (first) {
      document.title = hunt.name + ' · Veltrix';
      buildClues();
    }
    if (hunt.joinCodeRequired) { $('code-field').hidden = false; }
    render();
  }

  /** The board's stream says when standings move; the player's own view is read again then. */
  function watchBoard() {
    const source = new EventSource('/api/hunts/' + encodeURIComponent(huntId) + '/leaderboard/stream?changes=true');
    const touchesMe = (lines) => player && lines.some((line) => line && line.playerId === player.playerId);
    source.addEventListener('board', (e) => {
      const live = JSON.parse(e.data);
      if (hunt) { hunt.frozenAt = live.frozenAt; }
      refreshViewSoon();
    });
    source.addEventListener('change', (e) => {
      const change = JSON.parse(e.data);
      if (hunt && hunt.frozenAt !== change.frozenAt) {
        hunt.frozenAt = change.frozenAt;
        refreshViewSoon();
      }
      if (touchesMe(change.lines.map((c) => c.line))) { refreshViewSoon(); }
    });
  }

  // ---- device link -----------------------------------------------------------------------
  $('device-copy').addEventListener('click', async () => {
    const input = $('device-url');
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      $('device-message').textContent = 'Copied. Open it on your other device.';
    } catch (refused) {
      $('device-message').textContent = 'Select the link above and copy it.';
    }
  });

  // ---- start -----------------------------------------------------------------------------
  // a device link pasted into an already open page changes only the fragment: read it as a new visit
  window.addEventListener('hashchange', () => location.reload());
  window.addEventListener('online', () => { lastRequestFailed = false; render(); flush(); });
  window.addEventListener('offline', render);
  setInterval(render, 1000); // countdowns

  if (joinCode) {
    $('join-code').value = joinCode;
    $('code-field').hidden = false;
  }

  getJson('/api/web-config', false)
      .then((config) => { commandUrl = config.body && config.body.commandUrl ? config.body.commandUrl : ''; })
      .catch(() => { commandUrl = ''; })
      .then(() => refreshHunt())
      .then(() => {
        const unfinished = load('join', null);
        if (!player && unfinished) { $('handle').value = unfinished.handle; }
        refreshView();
        watchBoard();
        flush(); // submissions left unanswered by a previous visit
      });
})();
