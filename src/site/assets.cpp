// The site's stylesheet and its one script, hand-written and small: nothing
// is fetched from elsewhere, so the pages work from file:// and offline.
#include "assets.hpp"

namespace diplograph::site {

std::string_view stylesheet() {
  return R"CSS(/* diplograph site: readable from a phone to a wide screen, no web fonts. */
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --link: #0b57d0; --paper: #ffffff; --soft: #f6f8fa; --mark: #fff0a8; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; line-height: 1.5; color: var(--ink); background: var(--paper); }
body { margin: 0; overflow-wrap: break-word; }
a { color: var(--link); }
a:focus-visible, button:focus-visible, input:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.skip { position: absolute; left: -9999px; top: 0; background: var(--paper); padding: .5rem; }
.skip:focus { left: .5rem; }
header.site { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: flex-start; padding: .75rem 1rem; background: var(--soft); border-bottom: 1px solid var(--line); }
header.site .brand { margin: .3rem 0; font-weight: 600; }
form.search { position: relative; flex: 1 1 18rem; max-width: 36rem; }
form.search label { display: block; font-size: .85rem; color: var(--muted); }
form.search input { width: calc(100% - 4rem); font-size: 1rem; padding: .35rem .5rem; border: 1px solid var(--muted); border-radius: 4px; }
form.search button { font-size: 1rem; padding: .35rem .7rem; }
form.search .help { margin: .2rem 0 0; font-size: .8rem; color: var(--muted); }
.results { list-style: none; margin: .25rem 0 0; padding: 0; }
.results:empty { display: none; }
.results li { padding: .2rem 0; border-bottom: 1px solid var(--line); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.8rem; margin: .5rem 0 .25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin-bottom: .25rem; }
.subtitle, .meta, .type, .note { color: var(--muted); }
.meta { font-size: .85rem; margin: .2rem 0 0; }
dl.about { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.about dt { font-weight: 600; }
dl.about dd { margin: 0; overflow-wrap: anywhere; }
ul.facts, ol.sources, ol.statements, ol.timeline { padding-left: 1.2rem; }
li.fact { margin-bottom: .75rem; }
blockquote { margin: .3rem 0; padding: .3rem .75rem; border-left: 4px solid var(--line); background: var(--soft); }
mark { background: var(--mark); color: inherit; padding: 0 .1em; }
.sides { display: flex; flex-wrap: wrap; gap: 1rem; }
.side { flex: 1 1 18rem; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; }
.side h4 { margin: .2rem 0; }
figure.drawing { margin: 0; }
figure.drawing object { max-width: 100%; height: auto; border: 1px solid var(--line); }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.swatch { font-size: 1.3em; line-height: 1; vertical-align: -.1em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.wide { overflow-x: auto; }
nav.pages ul { list-style: none; padding: 0; display: flex; gap: 1rem; }
footer.site { border-top: 1px solid var(--line); padding: 1rem; color: var(--muted); font-size: .85rem; text-align: center; }
@media (max-width: 40rem) { h1 { font-size: 1.4rem; } dl.about { grid-template-columns: 1fr; } dl.about dd { margin-bottom: .4rem; } }
)CSS";
}

std::string_view search_script() {
  return R"JS(// diplograph site search: every label and alias, prefix by prefix of their
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
)JS";
}

}  // namespace diplograph::site
