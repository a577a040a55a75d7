#!/usr/bin/python3
"""Check the gazetteer files in ontology/ for problems.

Usage:
    scripts/check_gazetteers.py [ONTOLOGY_DIR]

ONTOLOGY_DIR defaults to ontology/ next to this script's directory. Every
*.ttl file is converted with `serdi -i turtle -o ntriples` (so a file that
does not parse is reported too), then the entities (subjects typed
dg:State, dg:FormerState, dg:Territory, dg:Organization, dg:Treaty, dg:Event,
dg:StateGroup, dg:HistoricalState or dg:NonStateActor) are checked:

  * exactly one rdfs:label, and every rdfs:label / skos:altLabel is @en;
  * no name (label or altLabel) is shared by two entities, compared the way
    the program's name index compares them: names with no lowercase letter
    (acronyms) exactly, other names case-insensitively, ignoring a leading
    "the", hyphens and en dashes, spaces and British/American spelling
    differences;
  * dg:abbreviation (an ambiguous acronym the program matches only in lists
    of organizations) is @en; it is not a name (label or altLabel) of another
    entity, compared as above, and no two entities share one (compared as
    written, as the program looks it up);
  * no two states share a dg:demonym;
  * organization, treaty, event, group, historical-state and actor IRIs end
    in the slug of the label;
  * dg:hasMember points at defined states; altLabels, abbreviations and
    demonyms are not given to IRIs that no file defines.

Prints one line per problem and exits 1 if there is any, else prints counts
and exits 0. Standard library only (plus the serdi program).
"""

import collections
import glob
import os
import re
import subprocess
import sys
import unicodedata

DG = "https://w3id.org/diplograph/ontology#"
DGR = "https://w3id.org/diplograph/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
HAS_MEMBER = DG + "hasMember"
ABBREVIATION = DG + "abbreviation"
DEMONYM = DG + "demonym"

CLASSES = {
    DG + "State": "state",
    DG + "FormerState": "former state",
    DG + "Territory": "territory",
    DG + "Organization": "organization",
    DG + "Treaty": "treaty",
    DG + "Event": "event",
    DG + "StateGroup": "group",
    DG + "Region": "region",
    DG + "HistoricalState": "historical-state",
    DG + "NonStateActor": "actor",
}
SLUGGED = {"organization", "treaty", "event", "group", "region", "historical-state", "actor"}

# Names that may deliberately belong to more than one entity (folded keys).
ALLOWED_SHARED = set()

# Hyphen and en dash, as is_name_joiner() in src/recognize/tokens.cpp.
JOINERS = ("-", "\u2013")

# Same folding as fold_word() in src/recognize/tokens.cpp.
SPELLINGS = {
    "organisation": "organization",
    "organisations": "organizations",
    "defence": "defense",
    "programme": "program",
    "centre": "center",
    "neighbourhood": "neighborhood",
    "labour": "labor",
}

NT_LINE = re.compile(
    r'^(<[^>]*>|_:\S+)\s+<([^>]*)>\s+'
    r'(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)\s*\.\s*$')
TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|['\u2019][sS]\b|[^\w\s]|_", re.UNICODE)


def unescape(text):
    def repl(m):
        s = m.group(0)
        if s[1] == "u" or s[1] == "U":
            return chr(int(s[2:], 16))
        return {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "'": "'",
                "b": "\b", "f": "\f"}[s[1]]
    return re.sub(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)', repl, text)


def parse_object(obj):
    """Returns (kind, value, language)."""
    if obj.startswith("<"):
        return "iri", obj[1:-1], ""
    if obj.startswith("_:"):
        return "blank", obj, ""
    m = re.match(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<[^>]*>)?$', obj)
    return "literal", unescape(m.group(1)), (m.group(2) or "")


def name_key(name):
    """The key under which the program indexes a name."""
    tokens = TOKEN.findall(name)
    if len(tokens) > 1 and tokens[0] in ("The", "the"):
        tokens = tokens[1:]
    if not any(ch.islower() for t in tokens for ch in t):
        return "exact:" + "".join(tokens)
    key = []
    for t in tokens:
        if t in JOINERS:
            continue
        w = t.lower().replace("\u2019", "'")
        key.append(SPELLINGS.get(w, w))
    return "folded:" + "".join(key)


def slug(label):
    # Accented letters lose their accents; any other character outside a-z
    # and 0-9 (spaces, dashes, apostrophes) separates words.
    decomposed = unicodedata.normalize("NFKD", label)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", bare.lower()).strip("-")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "ontology")
    problems = []
    subjects = collections.defaultdict(list)  # iri -> [(predicate, kind, value, lang, file)]
    files = sorted(glob.glob(os.path.join(directory, "*.ttl")))
    if not files:
        print("no .ttl files in %s" % directory)
        return 1
    for path in files:
        name = os.path.basename(path)
        run = subprocess.run(["serdi", "-i", "turtle", "-o", "ntriples", path],
                             capture_output=True, text=True, encoding="utf-8")
        if run.returncode != 0:
            problems.append("%s: does not parse: %s" % (name, run.stderr.strip()))
            continue
        for line in run.stdout.splitlines():
            if not line.strip():
                continue
            m = NT_LINE.match(line)
            if not m:
                problems.append("%s: cannot read N-Triples line: %s" % (name, line))
                continue
            subject, predicate, obj = m.groups()
            if not subject.startswith("<"):
                continue
            kind, value, lang = parse_object(obj)
            subjects[subject[1:-1]].append((predicate, kind, value, lang, name))

    entities = {}
    for iri, triples in subjects.items():
        kinds = {CLASSES[v] for p, k, v, _, _ in triples if p == RDF_TYPE and v in CLASSES}
        if kinds:
            entities[iri] = kinds

    owners = collections.defaultdict(set)  # name key -> entity IRIs
    spelled = collections.defaultdict(set)  # name key -> names as written
    abbreviations = collections.defaultdict(set)  # abbreviation as written -> entity IRIs
    abbreviated = []  # (iri, abbreviation, file)
    demonyms = collections.defaultdict(set)  # demonym -> state IRIs
    counts = collections.Counter()
    for iri, triples in subjects.items():
        names = [(p, v, lang, f) for p, k, v, lang, f in triples if p in (LABEL, ALT)]
        abbrevs = [(v, lang, f) for p, k, v, lang, f in triples if p == ABBREVIATION]
        dems = [(v, lang, f) for p, k, v, lang, f in triples if p == DEMONYM]
        if iri not in entities:
            if iri.startswith(DGR):
                for p, v, lang, f in names:
                    problems.append("%s: name %r given to <%s>, which no file defines"
                                    % (f, v, iri))
                for v, lang, f in abbrevs:
                    problems.append("%s: abbreviation %r given to <%s>, which no file defines"
                                    % (f, v, iri))
                for v, lang, f in dems:
                    problems.append("%s: demonym %r given to <%s>, which no file defines"
                                    % (f, v, iri))
            continue
        kinds = entities[iri]
        if "former state" in kinds:
            counts["former state"] += 1
        elif "state" in kinds:
            counts["state"] += 1
        else:
            for kind in kinds:
                counts[kind] += 1
        if len(kinds - {"state", "former state"}) > 1 or (
                "territory" in kinds and "state" in kinds):
            problems.append("<%s> has conflicting types: %s" % (iri, ", ".join(sorted(kinds))))
        labels = [v for p, v, lang, f in names if p == LABEL]
        if not labels:
            problems.append("<%s> has no rdfs:label" % iri)
        elif len(labels) > 1:
            problems.append("<%s> has %d rdfs:labels: %s" % (iri, len(labels), labels))
        for p, v, lang, f in names:
            if lang != "en":
                problems.append("%s: name %r of <%s> is not an @en literal" % (f, v, iri))
            if not v.strip() or v != v.strip():
                problems.append("%s: name %r of <%s> has stray spaces" % (f, v, iri))
            key = name_key(v)
            owners[key].add(iri)
            spelled[key].add(v)
        for v, lang, f in abbrevs:
            if lang != "en":
                problems.append("%s: abbreviation %r of <%s> is not an @en literal" % (f, v, iri))
            if not v.strip() or v != v.strip():
                problems.append("%s: abbreviation %r of <%s> has stray spaces" % (f, v, iri))
            abbreviations[v].add(iri)
            abbreviated.append((iri, v, f))
        for v, lang, f in dems:
            if lang != "en":
                problems.append("%s: demonym %r of <%s> is not an @en literal" % (f, v, iri))
            if kinds & {"state", "former state"}:
                demonyms[v].add(iri)
        slugged = kinds & SLUGGED
        if slugged and labels:
            kind = next(iter(slugged))
            expected = DGR + kind + "/" + slug(labels[0])
            if iri != expected:
                problems.append("<%s>: IRI does not match its label; expected <%s>"
                                % (iri, expected))
        if kinds & {"state", "former state", "territory"} and not iri.startswith(DGR + "state/"):
            problems.append("<%s>: state IRIs belong under %sstate/" % (iri, DGR))
        for p, k, v, lang, f in triples:
            if p == HAS_MEMBER:
                target = entities.get(v, set())
                if not target & {"state", "former state"}:
                    problems.append("%s: <%s> has member <%s>, which is not a defined state"
                                    % (f, iri, v))

    for key in sorted(owners):
        if len(owners[key]) > 1 and key not in ALLOWED_SHARED:
            problems.append("name %s is shared by %s" % (
                " / ".join(repr(n) for n in sorted(spelled[key])),
                ", ".join("<%s>" % i for i in sorted(owners[key]))))

    for iri, v, f in abbreviated:
        key = name_key(v)
        others = owners.get(key, set()) - {iri}
        if others:
            problems.append("%s: abbreviation %r of <%s> is also a name of %s" % (
                f, v, iri, ", ".join("<%s>" % i for i in sorted(others))))
    for v in sorted(abbreviations):
        if len(abbreviations[v]) > 1:
            problems.append("abbreviation %r is shared by %s" % (
                v, ", ".join("<%s>" % i for i in sorted(abbreviations[v]))))
    for v in sorted(demonyms):
        if len(demonyms[v]) > 1:
            problems.append("demonym %r is shared by %s" % (
                v, ", ".join("<%s>" % i for i in sorted(demonyms[v]))))

    for line in problems:
        print(line)
    summary = ", ".join("%d %s" % (counts[k], k) for k in
                        ("state", "territory", "former state", "organization", "treaty", "event",
                         "group"))
    if problems:
        print("%d problem(s); %s" % (len(problems), summary))
        return 1
    print("ok: %s; %d names, %d abbreviations, %d demonyms"
          % (summary, len(owners), len(abbreviations), len(demonyms)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
