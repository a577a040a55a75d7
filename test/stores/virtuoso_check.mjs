// Starts a private Virtuoso Open Source server on 127.0.0.1 (its own ini and
// database in a temporary folder, free ports), loads out/graph.ttl with the
// bulk loader (ld_dir + rdf_loader_run), asks every query in
// examples/queries/ over the SPARQL HTTP endpoint, checks the rows are the
// same as from `diplograph query`, and stops the server by its process id.
// Usage: node test/stores/virtuoso_check.mjs DIPLOGRAPH_CLI SOURCE_DIR [GRAPH]
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { compare, diplographAnswer, listQueries, normalizeResults } from "./compare.mjs";

const [cli, sourceDir, graphArg] = process.argv.slice(2);
if (!cli || !sourceDir) {
  console.error("usage: virtuoso_check.mjs DIPLOGRAPH_CLI SOURCE_DIR [GRAPH]");
  process.exit(2);
}
const graph = resolve(graphArg || join(sourceDir, "out", "graph.ttl"));
const GRAPH_IRI = "urn:diplograph:test";
const SYSTEM_INI = "/etc/virtuoso-opensource-7/virtuoso.ini";
const START_TIMEOUT_MS = 60000;

// A port the kernel says is free now (bound to 127.0.0.1, then released).
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

// The packaged ini with every path moved into `dir` and both listeners on
// 127.0.0.1 only (the default listens on all interfaces).
function privateIni(dir, dataDir, sqlPort, httpPort) {
  let section = "";
  const lines = readFileSync(SYSTEM_INI, "utf8").split("\n").map((line) => {
    const m = line.match(/^\s*\[(\w+)\]/);
    if (m) section = m[1];
    const key = line.split("=")[0].trim();
    line = line.replaceAll("/var/lib/virtuoso-opensource-7/db/", dir + "/db/");
    if (section === "Parameters" && key === "ServerPort") return `ServerPort = 127.0.0.1:${sqlPort}`;
    if (section === "Parameters" && key === "DirsAllowed") return `DirsAllowed = ., ${dataDir}`;
    if (section === "Parameters" && key === "NumberOfBuffers") return "NumberOfBuffers = 10000";
    if (section === "Parameters" && key === "MaxQueryMem") return "MaxQueryMem = 200M";
    if (section === "HTTPServer" && key === "ServerPort") return `ServerPort = 127.0.0.1:${httpPort}`;
    return line;
  });
  const ini = join(dir, "virtuoso.ini");
  writeFileSync(ini, lines.join("\n"));
  return ini;
}

function isql(sqlPort, sql) {
  // isql-vt prints errors as "*** Error ..." and may still exit 0.
  const out = execFileSync("isql-vt", [`127.0.0.1:${sqlPort}`, "dba", "dba", `EXEC=${sql}`], {
    encoding: "utf8",
    timeout: 120000,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (out.includes("*** Error")) throw new Error(`isql: ${sql}: ${out.trim()}`);
  return out;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function sparql(httpPort, query) {
  const body = new URLSearchParams({ query, "default-graph-uri": GRAPH_IRI });
  const res = await fetch(`http://127.0.0.1:${httpPort}/sparql`, {
    method: "POST",
    headers: { Accept: "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded" },
    body,
    signal: AbortSignal.timeout(60000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Virtuoso HTTP ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

let server = null;
let exited = null;
function stopServer() {
  if (server && exited === null) {
    try {
      process.kill(server.pid, "SIGTERM");
    } catch {}
  }
}
process.on("exit", stopServer);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(1));

async function main() {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), "diplograph-virtuoso-"));
  const dataDir = join(dir, "data");
  mkdirSync(join(dir, "db"));
  mkdirSync(dataDir);
  copyFileSync(graph, join(dataDir, "graph.ttl"));
  const sqlPort = await freePort();
  let httpPort = await freePort();
  while (httpPort === sqlPort) httpPort = await freePort();
  const ini = privateIni(dir, dataDir, sqlPort, httpPort);
  const log = openSync(join(dir, "server.log"), "w");
  try {
    server = spawn("virtuoso-t", ["+configfile", ini, "+foreground"], { cwd: dir, stdio: ["ignore", log, log] });
    const exitPromise = new Promise((ok) => server.on("exit", (code, signal) => ok((exited = { code, signal }))));
    server.on("error", (e) => {
      exited = { code: -1, signal: null };
      console.error("virtuoso_check: cannot start virtuoso-t: " + e.message);
    });
    console.log(`virtuoso: pid ${server.pid}, SQL 127.0.0.1:${sqlPort}, HTTP 127.0.0.1:${httpPort}, in ${dir}`);

    // Ready when the SPARQL endpoint answers (SQL comes up first).
    let ready = false;
    while (!ready && Date.now() - started < START_TIMEOUT_MS && exited === null) {
      await sleep(250);
      try {
        await sparql(httpPort, "ASK { }");
        ready = true;
      } catch {}
    }
    if (!ready) throw new Error(`Virtuoso did not answer within ${START_TIMEOUT_MS / 1000} s; log:\n` +
                                readFileSync(join(dir, "server.log"), "utf8").slice(-2000));
    const upAt = Date.now();
    console.log(`virtuoso: ready in ${upAt - started} ms`);

    isql(sqlPort, `ld_dir('${dataDir}', 'graph.ttl', '${GRAPH_IRI}');`);
    isql(sqlPort, "rdf_loader_run();");
    isql(sqlPort, "checkpoint;");
    const errors = isql(sqlPort, "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;");
    if (!/0 Rows\./.test(errors)) throw new Error("bulk load failed: " + errors);
    const count = await sparql(httpPort, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
    const n = Number(count.results.bindings[0].n.value);
    const expectedCount = Number(diplographAnswerCount(graph));
    if (n !== expectedCount) throw new Error(`Virtuoso holds ${n} triples, diplograph query counts ${expectedCount}`);
    console.log(`virtuoso: bulk-loaded ${n} triples in ${Date.now() - upAt} ms`);

    let problems = [];
    const queryStart = Date.now();
    const queries = listQueries(sourceDir);
    for (const q of queries) {
      const expected = diplographAnswer(cli, graph, q.path);
      const actual = normalizeResults(await sparql(httpPort, q.text));
      const p = compare(q.name, expected, actual, "virtuoso");
      const size = actual.kind === "rows" ? `${actual.rows.length} rows` : String(actual.value);
      console.log(`${p.length ? "DIFF" : "same"}  ${q.name} (${size})`);
      problems = problems.concat(p);
    }
    console.log(`virtuoso: ${queries.length} queries in ${Date.now() - queryStart} ms`);

    const stopAt = Date.now();
    process.kill(server.pid, "SIGTERM");
    const timer = setTimeout(() => server.kill("SIGKILL"), 30000);
    await exitPromise;
    clearTimeout(timer);
    console.log(`virtuoso: stopped (pid ${server.pid}) in ${Date.now() - stopAt} ms; total ${Date.now() - started} ms`);
    if (problems.length) {
      console.error(problems.join("\n"));
      process.exitCode = 1;
    }
  } finally {
    stopServer();
    if (exited !== null) rmSync(dir, { recursive: true, force: true });
  }

  function diplographAnswerCount(path) {
    const out = execFileSync(cli, ["query", path, "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "json"],
                             { encoding: "utf8" });
    return JSON.parse(out).results.bindings[0].n.value;
  }
}

main().catch((e) => {
  console.error("virtuoso_check: " + e.message);
  process.exitCode = 1;
  stopServer();
});
