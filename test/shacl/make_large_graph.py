#!/usr/bin/python3
"""Writes a valid diplograph-shaped graph of about N triples as N-Triples,
for timing `diplograph validate` (not a test).

    python3 test/shacl/make_large_graph.py 1000000 > /tmp/large.nt
    build/diplograph validate /tmp/large.nt
"""
import sys

DG = "https://w3id.org/diplograph/ontology#"
R = "https://w3id.org/diplograph/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def code(i):
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return letters[i // 676 % 26] + letters[i // 26 % 26] + letters[i % 26]


def main():
    target = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    out = sys.stdout
    w = out.write
    states, orgs, docs = 2000, 200, 100
    n = 0
    for d in range(docs):
        doc = f"<{R}document/doc-{d}>"
        w(f'{doc} <{RDF}type> <{DG}Document> .\n{doc} <{LABEL}> "Doc {d}"@en .\n')
        w(f'{doc} <{DG}title> "Doc {d}"@en .\n{doc} <{DG}format> "plain" .\n{doc} <{DG}sourceFile> "d{d}.txt" .\n')
        n += 5
    for s in range(states):
        st = f"<{R}state/{code(s)}>"
        w(f'{st} <{RDF}type> <{DG}State> .\n{st} <{LABEL}> "State {s}"@en .\n')
        w(f'{st} <{DG}iso3166Alpha3> "{code(s)}" .\n{st} <{DG}mentionedIn> <{R}document/doc-{s % docs}> .\n')
        n += 4
    for o in range(orgs):
        org = f"<{R}organization/org-{o}>"
        w(f'{org} <{RDF}type> <{DG}Organization> .\n{org} <{LABEL}> "Org {o}"@en .\n')
        n += 2
    i = 0
    while n < target:
        s = f"<{R}state/{code(i % states)}>"
        org = f"<{R}organization/org-{i % orgs}>"
        st = f"<{R}statement/{i:016x}>"
        w(f"{s} <{DG}memberOf> {org} .\n")
        w(f"{st} <{RDF}type> <{RDF}Statement> .\n{st} <{RDF}subject> {s} .\n")
        w(f"{st} <{RDF}predicate> <{DG}memberOf> .\n{st} <{RDF}object> {org} .\n")
        w(f"{st} <{PROV}wasDerivedFrom> <{R}document/doc-{i % docs}> .\n")
        w(f'{st} <{DG}evidence> "State {i % states} is a member of Org {i % orgs}."@en .\n')
        w(f'{st} <{NIF}beginIndex> "{i}"^^<{XSD}nonNegativeInteger> .\n')
        w(f'{st} <{NIF}endIndex> "{i + 40}"^^<{XSD}nonNegativeInteger> .\n')
        w(f'{st} <{DG}rule> "membership.member-of" .\n{st} <{DG}confidence> "0.90"^^<{XSD}decimal> .\n')
        w(f'{st} <{DG}date> "{1950 + i % 70}"^^<{XSD}gYear> .\n')
        n += 12
        i += 1


main()
