// Loads out/graph.ttl into Oxigraph (the `oxigraph` npm package, in-process
// with Node.js) and checks that every query in examples/queries/ returns the
// same rows as `diplograph query`.
// Usage: node test/stores/oxigraph_check.mjs DIPLOGRAPH_CLI SOURCE_DIR [GRAPH]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { compare, diplographAnswer, listQueries, normalizeResults } from "./compare.mjs";

const [cli, sourceDir, graphArg] = process.argv.slice(2);
if (!cli || !sourceDir) {
  console.error("usage: oxigraph_check.mjs DIPLOGRAPH_CLI SOURCE_DIR [GRAPH]");
  process.exit(2);
}
const graph = resolve(graphArg || join(sourceDir, "out", "graph.ttl"));
const require = createRequire(import.meta.url);
let oxigraph;
try {
  oxigraph = require("oxigraph");
} catch {
  console.error("oxigraph_check: the oxigraph npm package is missing: run `npm ci` in test/stores");
  process.exit(1);
}

const started = Date.now();
const store = new oxigraph.Store();
store.load(readFileSync(graph, "utf8"), { format: "text/turtle", base_iri: pathToFileURL(graph).href });
console.log(`oxigraph: loaded ${store.size} triples from ${graph} in ${Date.now() - started} ms`);

let problems = [];
const queries = listQueries(sourceDir);
for (const q of queries) {
  const expected = diplographAnswer(cli, graph, q.path);
  const json = JSON.parse(store.query(q.text, { results_format: "application/sparql-results+json" }));
  const actual = normalizeResults(json);
  const p = compare(q.name, expected, actual, "oxigraph");
  const size = actual.kind === "rows" ? `${actual.rows.length} rows` : String(actual.value);
  console.log(`${p.length ? "DIFF" : "same"}  ${q.name} (${size})`);
  problems = problems.concat(p);
}
console.log(`oxigraph: ${queries.length} queries in ${Date.now() - started} ms`);
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
