// The big-screen board: hunt details (refreshed: time left, players, join QR code while registration
// is open), then the board the SSE stream pushes: whole at first, then only its changes ("change"
// events: line count, runs of lines that moved, changed lines by position, new finds); a FROZEN
// banner during a freeze; and the top 10's score over time, its past from the audit history, its
// present from the stream.
// EventSource reconnects by itself; all text goes in through textContent (handles are user input).
(function () {
  'use strict';
  var huntId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop());
  var conn = document.getElementById('connection');
  var live = null;
  var CHECKPOINT_REFRESH_MS = 60000; // checkpoints come at freeze, end or an auditor's request: rare

  var HUNT_REFRESH_MS = 15000;    // status, times, players: they change rarely, by command or clock
  var HISTORY_REFRESH_MS = 30000; // the chart's past, re-read from the audit history
  var CHART_MAX_POINTS = 600;     // per player: older live points are dropped
  var hunt = null;
  var publicUrl = '';

  function $(id) { return document.getElementById(id); }

  fetch('/api/web-config').then(function (r) { return r.json(); })
    .then(function (config) { publicUrl = config.publicUrl || ''; showJoin(); })
    .catch(function () { /* the join corner then shows this page's origin */ });

  function refreshHunt() {
    fetch('/api/hunts/' + encodeURIComponent(huntId), { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (h) {
        if (!h) { return; }
        hunt = h;
        $('hunt-name').textContent = h.name;
        $('hunt-status').textContent = h.status;
        document.title = h.name + ' · Veltrix';
        showCounts();
        showClock();
        showFrozen();
        showJoin();
      });
  }
  refreshHunt();
  setInterval(refreshHunt, HUNT_REFRESH_MS);

  // ---- time left, counts, freeze, join corner --------------------------------------------------
  function duration(ms) {
    var seconds = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(seconds / 3600);
    var m = Math.floor(seconds % 3600 / 60);
    var s = seconds % 60;
    return h + ':' + (m < 10 ? '0' : '') + m + ':' + (s < 10 ? '0' : '') + s;
  }

  function showClock() {
    if (!hunt) { return; }
    var now = Date.now();
    var text = '';
    if (hunt.status === 'PUBLISHED') {
      text = hunt.startsAt && Date.parse(hunt.startsAt) > now
        ? 'Starts in ' + duration(Date.parse(hunt.startsAt) - now) : 'Registration open · starting soon';
    } else if (hunt.status === 'RUNNING') {
      text = hunt.endsAt ? duration(Date.parse(hunt.endsAt) - now) + ' left' : 'Running';
    } else if (hunt.status === 'ENDED') {
      text = 'Ended';
    }
    $('clock').textContent = text;
  }
  setInterval(showClock, 1000);

  var finds = null;
  function showCounts() {
    if (!hunt) { return; }
    $('counts').textContent = hunt.players + (hunt.players === 1 ? ' player' : ' players')
      + (finds === null ? '' : ' · ' + finds + (finds === 1 ? ' find' : ' finds'));
  }

  function frozenAt() {
    return (live && live.frozenAt) || (hunt && hunt.frozenAt) || null;
  }

  function showFrozen() {
    var at = frozenAt();
    $('frozen-banner').hidden = !at;
    if (at) { $('frozen-at').textContent = new Date(at).toLocaleTimeString(); }
  }

  function showJoin() {
    if (!hunt) { return; }
    var open = (hunt.status === 'PUBLISHED' || hunt.status === 'RUNNING')
      && (!hunt.maxPlayers || hunt.players < hunt.maxPlayers);
    if (open && !$('join-qr').getAttribute('src')) {
      $('join-qr').src = '/api/hunts/' + encodeURIComponent(huntId) + '/join-qr.svg';
    }
    $('join-url').textContent = (publicUrl || location.origin) + '/play/' + encodeURIComponent(huntId);
    $('join').hidden = !open;
  }

  // ---- the score-over-time chart of the top 10 -------------------------------------------------
  // The past comes from the audit history (point-in-time boards), the present from the stream:
  // each board the stream brings adds a point per leader.
  var series = {};   // playerId -> {handle, points: [[epoch ms, score]]}
  var order = [];    // the leaders' ids, best first
  var chartDirty = false;

  function refreshHistory() {
    fetch('/api/hunts/' + encodeURIComponent(huntId) + '/leaderboard/history')
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (history) {
        if (!history) { return; }
        var times = history.times.map(function (t) { return Date.parse(t); });
        var fresh = {};
        history.series.forEach(function (line) {
          fresh[line.playerId] = { handle: line.handle, points: line.scores.map(function (score, i) { return [times[i], score]; }) };
        });
        // live points newer than the history stay
        var until = times.length ? times[times.length - 1] : 0;
        Object.keys(series).forEach(function (id) {
          if (!fresh[id]) { return; }
          series[id].points.forEach(function (p) { if (p[0] > until) { fresh[id].points.push(p); } });
        });
        series = fresh;
        order = history.series.map(function (line) { return line.playerId; });
        if (!live || typeof live.finds !== 'number') { finds = history.finds; } // the stream's count is newer
        showCounts();
        chartDirty = true;
      });
  }
  refreshHistory();
  setInterval(refreshHistory, HISTORY_REFRESH_MS);

  function addLivePoints(board) {
    if (frozenAt()) { return; } // the public board stands still: so does its chart
    var now = Date.now();
    order = [];
    board.slice(0, 10).forEach(function (line) {
      var s = series[line.playerId] || (series[line.playerId] = { handle: line.handle, points: [] });
      s.points.push([now, line.score]);
      if (s.points.length > CHART_MAX_POINTS) { s.points.shift(); }
      order.push(line.playerId);
    });
    chartDirty = true;
  }

  var SVG = 'http://www.w3.org/2000/svg';
  function svg(name, attributes) {
    var element = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { element.setAttribute(key, attributes[key]); });
    return element;
  }

  function drawChart() {
    if (!chartDirty) { return; }
    chartDirty = false;
    var W = 800, H = 260, left = 50, right = 10, top = 10, bottom = 25;
    var shown = order.filter(function (id) { return series[id] && series[id].points.length; }).slice(0, 10);
    var t0 = Infinity, t1 = -Infinity, max = 1;
    shown.forEach(function (id) {
      series[id].points.forEach(function (p) {
        t0 = Math.min(t0, p[0]); t1 = Math.max(t1, p[0]); max = Math.max(max, p[1]);
      });
    });
    var chart = $('chart');
    var parts = [];
    parts.push(svg('line', { x1: left, y1: H - bottom, x2: W - right, y2: H - bottom, stroke: '#8d99ae' }));
    parts.push(svg('line', { x1: left, y1: top, x2: left, y2: H - bottom, stroke: '#8d99ae' }));
    var maxLabel = svg('text', { x: left - 6, y: top + 10, 'text-anchor': 'end' });
    maxLabel.textContent = String(max);
    parts.push(maxLabel);
    if (shown.length && t1 > t0) {
      var from = svg('text', { x: left, y: H - 6 });
      from.textContent = new Date(t0).toLocaleTimeString();
      var to = svg('text', { x: W - right, y: H - 6, 'text-anchor': 'end' });
      to.textContent = new Date(t1).toLocaleTimeString();
      parts.push(from, to);
    }
    var span = Math.max(1, t1 - t0);
    shown.forEach(function (id, i) {
      var points = series[id].points.map(function (p) {
        var x = left + (p[0] - t0) / span * (W - left - right);
        var y = H - bottom - Math.max(0, p[1]) / max * (H - top - bottom);
        return x.toFixed(1) + ',' + y.toFixed(1);
      });
      if (points.length === 1) { points.push(points[0]); }
      var line = svg('polyline', { points: points.join(' '), fill: 'none', 'stroke-width': 3, 'class': 'series-' + i });
      line.dataset.playerId = id;
      parts.push(line);
    });
    chart.replaceChildren.apply(chart, parts);
    var legend = document.createDocumentFragment();
    shown.forEach(function (id, i) {
      var item = document.createElement('span');
      var swatch = document.createElement('span');
      swatch.className = 'swatch series-' + i;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(series[id].handle));
      legend.appendChild(item);
    });
    $('chart-legend').replaceChildren(legend);
  }
  setInterval(drawChart, 1000);

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
    if (typeof live.finds === 'number') { finds = live.finds; showCounts(); }
    showFrozen();
    addLivePoints(live.board);
  }

  // A change frame: keep the first `size` lines, copy each moved run from the board as it was
  // (ranks shifted with it), then put the changed lines at their places. A server that does not
  // know moved runs sends none (every line not where it was is a changed line).
  function applyChange(change) {
    var held = live.board;
    var board = held.slice(0, change.size);
    board.length = change.size;
    (change.moved || []).forEach(function (run) {
      for (var i = 0; i < run.count; i++) {
        var line = Object.assign({}, held[run.from + i]);
        line.rank += run.at - run.from;
        board[run.at + i] = line;
      }
    });
    change.lines.forEach(function (changed) { board[changed.at] = changed.line; });
    live.board = board;
    live.recent = change.recent.concat(live.recent).slice(0, change.recentSize);
    live.version = change.version;
    live.frozenAt = change.frozenAt;
    live.finds = change.finds;
  }

  var source;
  function connect() {
    source = new EventSource('/api/hunts/' + encodeURIComponent(huntId) + '/leaderboard/stream?changes=true&moves=true');
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
