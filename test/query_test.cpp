// Embedded SPARQL (query.hpp, `diplograph query`): the engine on small
// graphs, the output formats, bad input, and the query library in
// examples/queries/ against its expected results.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "diplograph/query.hpp"

using namespace diplograph;

namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  std::string path = test_support::temp_path(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

const char* kSmallGraph =
    "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "<http://ex/LTU> dg:memberOf <http://ex/NATO> ; rdfs:label \"Lithuania\"@en .\n"
    "<http://ex/EST> dg:memberOf <http://ex/NATO> ; rdfs:label \"Estonia, \\\"E\\\"\"@en .\n"
    "<http://ex/NATO> rdfs:label \"NATO\" ; dg:date \"1949-04-04\"^^xsd:date .\n";

const char* kPrefix = "PREFIX dg: <https://w3id.org/diplograph/ontology#>\n"
                      "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n";

std::size_t lines(const std::string& s) { return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n')); }

}  // namespace

TEST_CASE("query: SELECT rows are RDF terms, with unbound values and datatypes") {
  std::string graph = write_temp("small.ttl", kSmallGraph);
  auto r = run_query(graph, std::string(kPrefix) +
                                "SELECT ?s ?label ?date WHERE { ?s rdfs:label ?label OPTIONAL { ?s dg:date ?date } }"
                                " ORDER BY ?label");
  REQUIRE(r.ok());
  CHECK(r->kind == QueryResult::Kind::bindings);
  CHECK(r->variables == std::vector<std::string>{"s", "label", "date"});
  REQUIRE(r->rows.size() == 3);
  CHECK(r->rows[0][0].to_ntriples() == "<http://ex/EST>");
  CHECK(r->rows[0][1].to_ntriples() == "\"Estonia, \\\"E\\\"\"@en");
  CHECK(r->rows[0][2].kind == QueryTerm::Kind::unbound);
  CHECK(r->rows[2][1].value == "NATO");
  CHECK(r->rows[2][1].datatype.empty());
  CHECK(r->rows[2][2].to_ntriples() == "\"1949-04-04\"^^<http://www.w3.org/2001/XMLSchema#date>");
}

TEST_CASE("query: aggregates carry xsd:integer, ASK is a boolean, CONSTRUCT a graph") {
  std::string graph = write_temp("small.ttl", kSmallGraph);
  auto count = run_query(graph, std::string(kPrefix) + "SELECT (COUNT(?s) AS ?n) WHERE { ?s dg:memberOf ?o }");
  REQUIRE(count.ok());
  REQUIRE(count->rows.size() == 1);
  CHECK(count->rows[0][0].to_ntriples() == "\"2\"^^<http://www.w3.org/2001/XMLSchema#integer>");

  auto yes = run_query(graph, std::string(kPrefix) + "ASK { <http://ex/LTU> dg:memberOf <http://ex/NATO> }");
  REQUIRE(yes.ok());
  CHECK(yes->kind == QueryResult::Kind::boolean);
  CHECK(yes->boolean);
  auto no = run_query(graph, std::string(kPrefix) + "ASK { <http://ex/NATO> dg:memberOf <http://ex/LTU> }");
  REQUIRE(no.ok());
  CHECK_FALSE(no->boolean);

  auto g = run_query(graph, std::string(kPrefix) +
                                "CONSTRUCT { ?o dg:hasMember ?s } WHERE { ?s dg:memberOf ?o }");
  REQUIRE(g.ok());
  CHECK(g->kind == QueryResult::Kind::graph);
  CHECK(g->triples.size() == 2);
  auto nt = format_result(*g, ResultFormat::ntriples);
  REQUIRE(nt.ok());
  CHECK(nt->find("<http://ex/NATO> <https://w3id.org/diplograph/ontology#hasMember> <http://ex/LTU> .\n") !=
        std::string::npos);
  auto ttl = format_result(*g, ResultFormat::turtle);
  REQUIRE(ttl.ok());
  CHECK(ttl->find("@prefix dg: <https://w3id.org/diplograph/ontology#> .") != std::string::npos);
  CHECK(ttl->find("<http://ex/NATO> dg:hasMember <http://ex/EST> .") != std::string::npos);
}

TEST_CASE("query: TSV, CSV and JSON follow the SPARQL 1.1 results formats") {
  std::string graph = write_temp("small.ttl", kSmallGraph);
  auto r = run_query(graph, std::string(kPrefix) +
                                "SELECT ?s ?label WHERE { ?s rdfs:label ?label ; dg:memberOf ?o } ORDER BY ?label");
  REQUIRE(r.ok());
  CHECK(*format_result(*r, ResultFormat::tsv) ==
        "?s\t?label\n<http://ex/EST>\t\"Estonia, \\\"E\\\"\"@en\n<http://ex/LTU>\t\"Lithuania\"@en\n");
  CHECK(*format_result(*r, ResultFormat::csv) ==
        "s,label\r\nhttp://ex/EST,\"Estonia, \"\"E\"\"\"\r\nhttp://ex/LTU,Lithuania\r\n");
  CHECK(*format_result(*r, ResultFormat::json) ==
        "{\"head\":{\"vars\":[\"s\",\"label\"]},\"results\":{\"bindings\":[\n"
        "{\"s\":{\"type\":\"uri\",\"value\":\"http://ex/EST\"},"
        "\"label\":{\"type\":\"literal\",\"value\":\"Estonia, \\\"E\\\"\",\"xml:lang\":\"en\"}},\n"
        "{\"s\":{\"type\":\"uri\",\"value\":\"http://ex/LTU\"},"
        "\"label\":{\"type\":\"literal\",\"value\":\"Lithuania\",\"xml:lang\":\"en\"}}]}}\n");
  std::string table = *format_result(*r, ResultFormat::table);
  CHECK(table.find("Lithuania") != std::string::npos);
  CHECK(table.find("(2 rows)") != std::string::npos);
  CHECK_FALSE(format_result(*r, ResultFormat::turtle).ok());
  CHECK_FALSE(parse_result_format("yaml").ok());
}

TEST_CASE("query: N-Triples graphs load by their extension") {
  std::string graph = write_temp("small.nt", "<http://ex/a> <http://ex/p> \"x\" .\n");
  auto r = run_query(graph, "SELECT ?o WHERE { <http://ex/a> <http://ex/p> ?o }");
  REQUIRE(r.ok());
  REQUIRE(r->rows.size() == 1);
  CHECK(r->rows[0][0].value == "x");
}

TEST_CASE("query: bad input gives an error with its place") {
  std::string graph = write_temp("small.ttl", kSmallGraph);
  SUBCASE("missing graph file") {
    auto r = run_query("no/such/graph.ttl", "ASK { ?s ?p ?o }");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().status == Status::not_found);
    CHECK(r.error().to_string() == "no/such/graph.ttl: no such file or directory");
  }
  SUBCASE("malformed Turtle names the file and line") {
    std::string bad = write_temp("bad.ttl", "@prefix a: <http://ex/> .\na:b a:c a:d .\na:e a:f\n a:g a:h .\n");
    auto r = run_query(bad, "ASK { ?s ?p ?o }");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().status == Status::bad_input);
    CHECK(r.error().file == bad);
    CHECK(r.error().line == 4);
    CHECK(r.error().column == 5);
  }
  SUBCASE("empty query") {
    auto r = run_query(graph, "  # only a comment\n\n", "empty.rq");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().status == Status::empty_input);
    CHECK(r.error().file == "empty.rq");
  }
  SUBCASE("malformed SPARQL names the query and line") {
    auto r = run_query(graph, "SELECT ?s\nWHERE {\n  ?s ?p\n}\n", "bad.rq");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().status == Status::bad_input);
    CHECK(r.error().file == "bad.rq");
    CHECK(r.error().line == 4);
  }
}

TEST_CASE("query CLI: one-line errors for bad input") {
  using test_support::cli;
  std::string bad_ttl = write_temp("bad.ttl", "@prefix a: <http://ex/> .\na:e a:f\n a:g a:h .\n");
  std::string empty_rq = write_temp("empty.rq", "\n# nothing\n");
  std::string bad_rq = write_temp("bad.rq", "SELECT * WHERE {\n ?s ?p ?o .\n FILTER( }\n");
  struct Case {
    std::string args, message;
  };
  std::vector<Case> cases = {
      {"query no-such.ttl -e 'ASK {}'", "diplograph: error: no-such.ttl: no such file or directory\n"},
      {"query '" + bad_ttl + "' -e 'ASK { ?s ?p ?o }'", "diplograph: error: " + bad_ttl + ":3:5: "},
      {"query out/graph.ttl '" + empty_rq + "'", "diplograph: error: " + empty_rq + ": empty query (no SPARQL text)\n"},
      {"query out/graph.ttl '" + bad_rq + "'", "diplograph: error: " + bad_rq + ":3:"},
      {"query out/graph.ttl -e 'ASK {}' --format yaml",
       "diplograph: error: unknown result format 'yaml' (use table, tsv, csv, json, xml, turtle or ntriples)\n"},
      {"query out/graph.ttl no-such.rq", "diplograph: error: no-such.rq: no such query file\n"},
      {"query out/graph.ttl", "diplograph: error: no query: give QUERY.rq or -e 'SELECT ...'\n"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args);
    auto o = cli(c.args);
    CHECK(o.status != 0);
    CHECK(o.out.empty());
    CHECK(o.err.rfind(c.message, 0) == 0);
    CHECK(lines(o.err) == 1);
  }
}

TEST_CASE("query CLI: ASK prints true/false, CONSTRUCT prints Turtle, JSON on request") {
  using test_support::cli;
  auto ask = cli("query out/graph.ttl examples/queries/lithuania-in-nato.rq");
  CHECK(ask.status == 0);
  CHECK(ask.out == "true\n");
  auto construct = cli(
      "query out/graph.ttl -e 'PREFIX dg: <https://w3id.org/diplograph/ontology#> CONSTRUCT { ?s dg:observerOf ?o } "
      "WHERE { ?s dg:observerOf ?o }' --format ntriples");
  CHECK(construct.status == 0);
  CHECK(lines(construct.out) == 15);  // the 15 dg:observerOf triples of the examples
  auto json = cli("query out/graph.ttl -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --format json");
  CHECK(json.status == 0);
  CHECK(json.out.find("\"datatype\":\"http://www.w3.org/2001/XMLSchema#integer\"") != std::string::npos);
}

// The reference: examples/queries/expected/<name>.tsv holds the rows each
// query must answer on the committed out/graph.ttl. They were checked by
// reading them against the graph and the example documents; after the graph
// changes, regenerate them with examples/queries/update-expected.sh and review
// the diff. This test only compares.
TEST_CASE("query library: every query in examples/queries/ answers its expected rows") {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(DIPLOGRAPH_SOURCE_DIR) / "examples" / "queries";
  std::vector<fs::path> queries;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".rq") queries.push_back(entry.path());
  std::sort(queries.begin(), queries.end());
  CHECK(queries.size() >= 10);
  for (const fs::path& q : queries) {
    std::string name = q.stem().string();
    CAPTURE(name);
    std::string text = test_support::read_text(q.string());
    CHECK(text.rfind("# ", 0) == 0);  // each query says what it answers
    fs::path expected = dir / "expected" / (name + ".tsv");
    REQUIRE(fs::exists(expected));
    auto o = test_support::cli("query out/graph.ttl examples/queries/" + name + ".rq --format tsv");
    CHECK(o.status == 0);
    CHECK(o.err.empty());
    CHECK(o.out == test_support::read_text(expected.string()));
  }
}
