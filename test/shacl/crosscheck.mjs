// Cross-check of `diplograph validate` with an independent SHACL engine
// (rdf-validate-shacl, the RDF/JS implementation by Zazuko).
//
//   node crosscheck.mjs DIPLOGRAPH SHAPES ONTOLOGY GRAPH [--expect conforms|violations]
//
// Validates GRAPH against SHAPES with both engines and compares the results
// as sets of (focus node, path, shape, constraint component, value). The
// ontology's rdfs:subClassOf triples are added to the data, since SHACL
// takes class hierarchies from the data graph. Exit 0 when both agree (and
// the expectation holds), 1 otherwise.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import rdf from '@zazuko/env';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

const SH = 'http://www.w3.org/ns/shacl#';
const RDFS_SUBCLASS = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

function load(path) {
  const parser = new N3.Parser({ baseIRI: `file:///${path}` });
  return rdf.dataset(parser.parse(readFileSync(path, 'utf8')));
}

function escape(text) {
  return text.replace(/[\\"\n\r\t]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]);
}

function nt(term) {
  if (!term) return '';
  if (term.termType === 'NamedNode') return `<${term.value}>`;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  let out = `"${escape(term.value)}"`;
  if (term.language) return `${out}@${term.language}`;
  if (term.datatype && term.datatype.value !== XSD_STRING) out += `^^<${term.datatype.value}>`;
  return out;
}

async function main() {
  const args = process.argv.slice(2);
  const [cli, shapesFile, ontologyFile, graphFile] = args;
  const expectIndex = args.indexOf('--expect');
  const expect = expectIndex >= 0 ? args[expectIndex + 1] : '';
  const shapes = load(shapesFile);
  const data = load(graphFile);
  for (const q of load(ontologyFile).match(null, rdf.namedNode(RDFS_SUBCLASS), null)) data.add(q);

  const one = (s, p) => {
    for (const q of shapes.match(s, rdf.namedNode(SH + p), null)) return q.object;
    return null;
  };
  const pathText = (term) => {
    if (!term) return '';
    if (term.termType === 'NamedNode') return term.value;
    const inverse = one(term, 'inversePath');
    if (inverse) return `^${pathText(inverse)}`;
    return `?${term.value}`;
  };
  // The readable shape name diplograph uses: the IRI, or PARENT/PATH.
  const shapeName = (shape) => {
    if (shape.termType === 'NamedNode') return shape.value;
    const parents = [...shapes.match(null, rdf.namedNode(SH + 'property'), shape)].map((q) => shapeName(q.subject));
    parents.sort();
    const path = one(shape, 'path');
    if (parents.length && path) return `${parents[0]}/${pathText(path)}`;
    return `_:${shape.value}`;
  };

  const validator = new SHACLValidator(shapes, { factory: rdf });
  const report = await validator.validate(data);
  const theirs = new Set();
  for (const r of report.results) {
    // The report's path may be a copy of the shapes graph's blank node.
    let path = '';
    if (r.path) {
      if (r.path.termType === 'NamedNode') path = r.path.value;
      else {
        const inv = [...report.dataset.match(r.path, rdf.namedNode(SH + 'inversePath'), null)][0];
        path = inv ? `^${inv.object.value}` : pathText(r.path);
      }
    }
    theirs.add([nt(r.focusNode), path, shapeName(r.sourceShape), r.sourceConstraintComponent.value, nt(r.value)].join('\t'));
  }

  let tsv;
  try {
    tsv = execFileSync(cli, ['validate', graphFile, '--shapes', shapesFile, '--ontology', ontologyFile,
      '--no-domain-range', '--format', 'tsv'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.status !== 1 || typeof e.stdout !== 'string') throw e;
    tsv = e.stdout;
  }
  const ours = new Set();
  for (const line of tsv.split('\n').slice(1)) {
    if (!line) continue;
    const [, focus, path, shape, component, value] = line.split('\t');
    ours.add([focus, path, shape, component, value].join('\t'));
  }

  const onlyTheirs = [...theirs].filter((k) => !ours.has(k)).sort();
  const onlyOurs = [...ours].filter((k) => !theirs.has(k)).sort();
  for (const k of onlyTheirs) console.log(`only rdf-validate-shacl: ${k}`);
  for (const k of onlyOurs) console.log(`only diplograph:         ${k}`);
  let failed = onlyTheirs.length + onlyOurs.length > 0;
  if (expect === 'conforms' && (!report.conforms || ours.size)) {
    console.log(`expected ${graphFile} to conform`);
    failed = true;
  }
  if (expect === 'violations' && report.conforms) {
    console.log(`expected violations in ${graphFile}`);
    failed = true;
  }
  console.log(`${graphFile}: rdf-validate-shacl ${theirs.size} results, diplograph ${ours.size}, ` +
    `${onlyTheirs.length + onlyOurs.length} differences`);
  process.exit(failed ? 1 : 0);
}

await main();
