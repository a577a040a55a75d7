// diplograph site search: every label and alias, prefix by prefix of their
// words, from small index files search/<first letter>.js loaded on demand
// (script elements, so it works from file:// where fetch() is refused).
(function () {
  'use strict';
  var form = document.querySelector('form.search');
  if (!form) return;
  var root = form.getAttribute('data-root') || '';
  var input = form.querySelector('input');
  var list = document.getElementById('search-results');
  var shards = {}, waiting = {}, shown = [];

  // The same key the site writer computes: lowercase ASCII words joined by '-'.
  function key(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  }
  window.dgSearchShard = function (name, entities, names) {
    shards[name] = { entities: entities, names: names };
    var then = waiting[name] || [];
    delete waiting[name];
    then.forEach(function (f) { f(); });
  };
  function load(name, then) {
    if (shards[name]) { then(); return; }
    if (waiting[name]) { waiting[name].push(then); return; }
    waiting[name] = [then];
    var s = document.createElement('script');
    s.src = root + 'search/' + name + '.js';
    s.onerror = function () { window.dgSearchShard(name, [], []); };
    document.head.appendChild(s);
  }
  function find(q) {
    var shard = shards[q.charAt(0)], best = {};
    if (!shard) return [];
    shard.names.forEach(function (row) {  // row: [key, name, entity, word position]
      if (row[0].lastIndexOf(q, 0) !== 0) return;
      var rank = (row[0] === q ? 0 : 2) + (row[3] === 0 ? 0 : 1);
      var old = best[row[2]];
      if (!old || rank < old.rank) best[row[2]] = { rank: rank, name: row[1], entity: shard.entities[row[2]] };
    });
    return Object.keys(best).map(function (k) { return best[k]; }).sort(function (a, b) {
      return a.rank - b.rank || a.entity[0].length - b.entity[0].length ||
        (a.entity[0] < b.entity[0] ? -1 : a.entity[0] > b.entity[0] ? 1 : 0);
    }).slice(0, 20);
  }
  function show(found, q) {
    shown = found;
    list.textContent = '';
    found.forEach(function (hit) {
      var li = document.createElement('li'), a = document.createElement('a');
      a.href = root + hit.entity[2];
      a.textContent = hit.entity[0];
      li.appendChild(a);
      li.appendChild(document.createTextNode(' ' + hit.entity[1] +
        (hit.name !== hit.entity[0] ? ' (also: ' + hit.name + ')' : '')));
      list.appendChild(li);
    });
    if (!found.length && q) {
      var li = document.createElement('li');
      li.textContent = 'No name starts with that.';
      list.appendChild(li);
    }
  }
  function run(then) {
    var q = key(input.value);
    if (!q) { show([], ''); if (then) then(); return; }
    load(q.charAt(0), function () {
      if (key(input.value) === q) show(find(q), q);
      if (then) then();
    });
  }
  input.addEventListener('input', function () { run(); });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    run(function () { if (shown.length) window.location.href = root + shown[0].entity[2]; });
  });
  var asked = new URLSearchParams(window.location.search).get('q');
  if (asked) { input.value = asked; run(); }
})();
