// The big-screen board: hunt details once, then the board the SSE stream pushes: whole at first,
// then only its changes ("change" events: line count, changed lines by position, new finds).
// EventSource reconnects by itself; all text goes in through textContent (handles are user input).
(function () {
  'use strict';
  var huntId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
  var conn = document.getElementById('connection');
  var CHECKPOINT_REFRESH_MS = 60000; // checkpoints come at freeze, end or an auditor's request: rare

  fetch('/api/hunts/' + encodeURIComponent(huntId), { headers: { Accept: 'application/json' } })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (h) {
      if (!h) { return; }
      document.getElementById('hunt-name').textContent = h.name;
      document.getElementById('hunt-status').textContent = h.status;
      document.title = h.name + ' · Veltrix';
    });

  // The latest signed checkpoint, for anyone who wants to keep it: a later rewrite of the history
  // can then be shown against it (the link is the whole checkpoint, the key is the published one).
  function showCheckpoint() {
    Promise.all([
      fetch('/api/hunts/' + encodeURIComponent(huntId) + '/checkpoints').then(function (r) { return r.ok ? r.json() : []; }),
      fetch('/api/checkpoints/key').then(function (r) { return r.ok ? r.json() : null; })
    ]).then(function (answers) {
      var list = answers[0];
      var key = answers[1];
      if (!list.length || !key) { return; }
      var latest = list[list.length - 1];
      var link = document.getElementById('checkpoint-link');
      link.href = latest.href;
      link.textContent = '#' + latest.number + ' (' + latest.trigger + ', '
        + new Date(latest.takenAt).toLocaleString() + ')';
      document.getElementById('checkpoint-root').textContent = latest.root;
      document.getElementById('checkpoint-key').textContent = key.fingerprint;
      document.getElementById('checkpoint').hidden = false;
    });
  }
  showCheckpoint();
  setInterval(showCheckpoint, CHECKPOINT_REFRESH_MS);

  function cell(text, cls) {
    var td = document.createElement('td');
    td.textContent = String(text);
    if (cls) { td.className = cls; }
    return td;
  }

  function render(live) {
    var body = document.querySelector('#board tbody');
    var rows = document.createDocumentFragment();
    live.board.forEach(function (line) {
      var tr = document.createElement('tr');
      tr.dataset.playerId = line.playerId;
      if (line.rank === 1) { tr.className = 'top1'; }
      tr.appendChild(cell(line.rank));
      tr.appendChild(cell(line.handle, 'handle'));
      tr.appendChild(cell(line.score, 'num score'));
      tr.appendChild(cell(line.cluesFound, 'num clues'));
      rows.appendChild(tr);
    });
    body.replaceChildren(rows);

    var ticker = document.getElementById('ticker');
    var items = document.createDocumentFragment();
    live.recent.forEach(function (f) {
      var li = document.createElement('li');
      var who = document.createElement('strong');
      who.textContent = f.handle;
      li.appendChild(who);
      li.appendChild(document.createTextNode(' found ' + (f.clueTitle || 'a clue') + ' '));
      var pts = document.createElement('span');
      pts.className = 'pts';
      pts.textContent = '+' + f.points;
      li.appendChild(pts);
      var when = document.createElement('time');
      when.textContent = new Date(f.at).toLocaleTimeString();
      li.appendChild(when);
      items.appendChild(li);
    });
    ticker.replaceChildren(items);
    document.getElementById('frozen').hidden = !live.frozenAt;
  }

  var live = null;

  function applyChange(change) {
    live.board.length = change.size;
    change.lines.forEach(function (changed) { live.board[changed.at] = changed.line; });
    live.recent = change.recent.concat(live.recent).slice(0, change.recentSize);
    live.version = change.version;
    live.frozenAt = change.frozenAt;
  }

  var source;
  function connect() {
    source = new EventSource('/api/hunts/' + encodeURIComponent(huntId) + '/leaderboard/stream?changes=true');
    source.addEventListener('open', function () { conn.textContent = 'live'; });
    source.addEventListener('error', function () { conn.textContent = 'reconnecting…'; });
    source.addEventListener('board', function (e) { live = JSON.parse(e.data); render(live); });
    source.addEventListener('change', function (e) {
      var change = JSON.parse(e.data);
      if (!live || change.base !== live.version) {
        // the server sends a whole board whenever a change could not follow: this is a bug or a
        // proxy that dropped an event, and a new stream starts again from a whole board
        source.close();
        live = null;
        connect();
        return;
      }
      applyChange(change);
      render(live);
    });
  }
  connect();
})();
