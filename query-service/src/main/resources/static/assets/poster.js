// A hunt's join poster: name, the join link and its QR code (drawn by the query service), for
// printing or for a second screen. Only public facts: never a join code.
(function () {
  'use strict';
  const huntId = decodeURIComponent(location.pathname.split('/').filter(Boolean).slice(-2)[0]);
  const $ = (id) => document.getElementById(id);
  $('print').addEventListener('click', () => window.print());

  Promise.all([
    fetch('/api/web-config').then((r) => r.json()),
    fetch('/api/hunts/' + encodeURIComponent(huntId), { headers: { Accept: 'application/json' } })
  ]).then(async ([config, response]) => {
    if (!response.ok) {
      $('hunt-name').textContent = 'Hunt not found';
      $('message').textContent = 'Posters show hunts once they are published.';
      return;
    }
    const hunt = await response.json();
    document.title = hunt.name + ' · Join poster';
    $('hunt-name').textContent = hunt.name;
    $('join-link').textContent = (config.publicUrl || location.origin) + '/play/' + encodeURIComponent(huntId);
    $('qr').src = '/api/hunts/' + encodeURIComponent(huntId) + '/join-qr.svg';
    $('qr').hidden = false;
    $('code-note').hidden = !hunt.joinCodeRequired;
    if (hunt.status === 'ENDED') {
      $('when').textContent = 'This hunt has ended.';
    } else if (hunt.startsAt) {
      $('when').textContent = 'Starts ' + new Date(hunt.startsAt).toLocaleString();
    }
  }).catch(() => { $('message').textContent = 'The service cannot be reached.'; });
})();
