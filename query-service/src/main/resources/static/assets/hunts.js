// The hunt list: one fetch, links to each hunt's live board.
(function () {
  'use strict';
  function cell(text) {
    var td = document.createElement('td');
    td.textContent = text == null ? '' : String(text);
    return td;
  }
  fetch('/api/hunts', { headers: { Accept: 'application/json' } })
    .then(function (r) { return r.json(); })
    .then(function (hunts) {
      var body = document.querySelector('#hunts tbody');
      document.getElementById('empty').hidden = hunts.length > 0;
      hunts.forEach(function (h) {
        var tr = document.createElement('tr');
        var name = document.createElement('td');
        var a = document.createElement('a');
        a.href = '/hunts/' + encodeURIComponent(h.huntId);
        a.textContent = h.name;
        name.appendChild(a);
        tr.appendChild(name);
        tr.appendChild(cell(h.status));
        tr.appendChild(cell(h.players));
        tr.appendChild(cell(h.clueCount));
        tr.appendChild(cell(h.startsAt ? new Date(h.startsAt).toLocaleString() : ''));
        body.appendChild(tr);
      });
    });
})();
