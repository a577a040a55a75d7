// Shared by the store checks: runs `diplograph query --format json` for each
// query in examples/queries/, normalizes SPARQL JSON results to sorted lists
// of rows of terms, and reports differences. Rows are compared as sorted
// multisets (stores may break ORDER BY ties differently), with terms
// normalized for what RDF 1.1 says is the same: "x" = "x"^^xsd:string, and
// language tags are case-insensitive.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const XSD = "http://www.w3.org/2001/XMLSchema#";
// Integer types that stores fold into xsd:integer: Virtuoso types a COUNT
// as it likes, and Oxigraph 0.5 returns the graph's xsd:nonNegativeInteger
// offsets as xsd:integer. The value is compared exactly.
const INTEGER_TYPES = new Set(
  ["int", "long", "short", "byte", "integer", "nonNegativeInteger", "positiveInteger", "unsignedInt", "unsignedLong"].map(
    (t) => XSD + t,
  ),
);

export function normalizeTerm(term) {
  if (!term) return "";
  switch (term.type) {
    case "uri":
      return `<${term.value}>`;
    case "bnode":
      return "_:"; // labels are store-local
    case "literal":
    case "typed-literal": {
      const lang = term["xml:lang"];
      if (lang) return JSON.stringify(term.value) + "@" + lang.toLowerCase();
      let dt = term.datatype;
      if (!dt || dt === XSD + "string") return JSON.stringify(term.value);
      if (INTEGER_TYPES.has(dt)) dt = XSD + "integer";
      return JSON.stringify(term.value) + "^^<" + dt + ">";
    }
    default:
      throw new Error("unknown term type " + term.type);
  }
}

// {kind: "boolean", value} or {kind: "rows", vars, rows: sorted [[term]]}.
export function normalizeResults(json) {
  if (typeof json.boolean === "boolean") return { kind: "boolean", value: json.boolean };
  const vars = json.head.vars;
  const rows = json.results.bindings.map((b) => vars.map((v) => normalizeTerm(b[v])));
  const keyed = rows.map((r) => JSON.stringify(r)).sort();
  return { kind: "rows", vars, rows: keyed };
}

export function listQueries(sourceDir) {
  const dir = join(sourceDir, "examples", "queries");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".rq"))
    .sort()
    .map((f) => ({ name: f.slice(0, -3), path: join(dir, f), text: readFileSync(join(dir, f), "utf8") }));
}

export function diplographAnswer(cli, graph, queryPath) {
  const out = execFileSync(cli, ["query", graph, queryPath, "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 28 });
  return normalizeResults(JSON.parse(out));
}

// Returns a list of human-readable differences (empty if the same).
export function compare(name, expected, actual, storeName) {
  const problems = [];
  if (expected.kind !== actual.kind) return [`${name}: diplograph gave ${expected.kind}, ${storeName} gave ${actual.kind}`];
  if (expected.kind === "boolean") {
    if (expected.value !== actual.value) problems.push(`${name}: diplograph ${expected.value}, ${storeName} ${actual.value}`);
    return problems;
  }
  if (JSON.stringify(expected.vars) !== JSON.stringify(actual.vars))
    problems.push(`${name}: variables ${expected.vars} vs ${storeName} ${actual.vars}`);
  const a = new Map(), b = new Map();
  for (const r of expected.rows) a.set(r, (a.get(r) || 0) + 1);
  for (const r of actual.rows) b.set(r, (b.get(r) || 0) + 1);
  const missing = [...a].filter(([r, n]) => (b.get(r) || 0) < n).map(([r]) => r);
  const extra = [...b].filter(([r, n]) => (a.get(r) || 0) < n).map(([r]) => r);
  if (missing.length || extra.length) {
    problems.push(`${name}: ${expected.rows.length} rows from diplograph, ${actual.rows.length} from ${storeName}`);
    for (const r of missing.slice(0, 5)) problems.push(`  only in diplograph: ${r}`);
    for (const r of extra.slice(0, 5)) problems.push(`  only in ${storeName}: ${r}`);
  }
  return problems;
}
