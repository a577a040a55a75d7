// Oxigraph side of bench/query_bench.sh: loads a Turtle graph into the
// oxigraph npm package (test/stores/node_modules) and runs one query,
// printing "load_seconds query_seconds rows" on stdout.
// Usage: node bench/oxigraph_query.mjs GRAPH.ttl QUERY.rq
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [graph, queryPath] = process.argv.slice(2);
if (!graph || !queryPath) {
  console.error("usage: oxigraph_query.mjs GRAPH.ttl QUERY.rq");
  process.exit(2);
}
const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), "..", "test", "stores", "package.json"));
const oxigraph = require("oxigraph");
let t = process.hrtime.bigint();
const store = new oxigraph.Store();
store.load(readFileSync(graph, "utf8"), { format: "text/turtle", base_iri: pathToFileURL(graph).href });
const load = Number(process.hrtime.bigint() - t) / 1e9;
t = process.hrtime.bigint();
const json = JSON.parse(store.query(readFileSync(queryPath, "utf8"), { results_format: "application/sparql-results+json" }));
const query = Number(process.hrtime.bigint() - t) / 1e9;
const rows = json.results ? json.results.bindings.length : String(json.boolean);
console.log(`${load.toFixed(3)} ${query.toFixed(3)} ${rows}`);
