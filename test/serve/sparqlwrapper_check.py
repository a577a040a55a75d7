#!/usr/bin/python3
"""Queries a running `diplograph serve` endpoint with SPARQLWrapper (a SPARQL
client nobody here wrote), once for SPARQL JSON results and once for SPARQL
XML results, and checks that both give the rows `diplograph query --format
tsv` gave for the same query (the TSV file given).

usage: sparqlwrapper_check.py ENDPOINT QUERY.rq EXPECTED.tsv
Exit 0 if both agree with the TSV, 1 otherwise (with the differences)."""
import sys

from SPARQLWrapper import JSON, XML, SPARQLWrapper


def nt_string(value):
    out = value.replace("\\", "\\\\").replace('"', '\\"')
    return out.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def nt_term(kind, value, lang=None, datatype=None):
    """A result term in the N-Triples form TSV results use."""
    if kind == "uri":
        return "<" + value + ">"
    if kind == "bnode":
        return "_:" + value
    text = '"' + nt_string(value) + '"'
    if lang:
        return text + "@" + lang
    if datatype:
        return text + "^^<" + datatype + ">"
    return text


def rows_from_json(variables, data):
    rows = []
    for binding in data["results"]["bindings"]:
        row = []
        for v in variables:
            t = binding.get(v)
            row.append("" if t is None else nt_term(t["type"], t["value"], t.get("xml:lang"), t.get("datatype")))
        rows.append(row)
    return rows


def rows_from_xml(variables, document):
    rows = []
    for result in document.getElementsByTagName("result"):
        values = {}
        for binding in result.getElementsByTagName("binding"):
            term = [n for n in binding.childNodes if n.nodeType == n.ELEMENT_NODE][0]
            text = "".join(n.data for n in term.childNodes if n.nodeType == n.TEXT_NODE)
            kind = {"uri": "uri", "bnode": "bnode", "literal": "literal"}[term.tagName]
            values[binding.getAttribute("name")] = nt_term(
                kind, text, term.getAttribute("xml:lang") or None, term.getAttribute("datatype") or None)
        rows.append([values.get(v, "") for v in variables])
    return rows


def query(endpoint, text, fmt):
    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    client.setReturnFormat(fmt)
    return client.query().convert()


def main():
    endpoint, query_file, expected_file = sys.argv[1:4]
    with open(query_file, encoding="utf-8") as f:
        text = f.read()
    with open(expected_file, encoding="utf-8") as f:
        lines = f.read().split("\n")
    variables = [v.lstrip("?") for v in lines[0].split("\t")]
    expected = [line.split("\t") for line in lines[1:] if line]

    failures = 0
    data = query(endpoint, text, JSON)
    if data["head"]["vars"] != variables:
        print("JSON head: %s, expected %s" % (data["head"]["vars"], variables))
        failures += 1
    got_json = rows_from_json(variables, data)
    document = query(endpoint, text, XML)
    head = [v.getAttribute("name") for v in document.getElementsByTagName("variable")]
    if head != variables:
        print("XML head: %s, expected %s" % (head, variables))
        failures += 1
    got_xml = rows_from_xml(variables, document)
    for name, got in (("JSON", got_json), ("XML", got_xml)):
        if got != expected:
            failures += 1
            print("%s rows differ: %d rows, expected %d" % (name, len(got), len(expected)))
            for g, e in zip(got, expected):
                if g != e:
                    print("  got      %s\n  expected %s" % (g, e))
                    break
    if not expected:
        print("no expected rows: the check would prove nothing")
        failures += 1
    if failures == 0:
        print("SPARQLWrapper: %d rows as JSON and as XML, as `diplograph query` gives" % len(expected))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
