// serve.hpp's content negotiation, the SPARQL XML results writer and the
// engine's run limits that the endpoint relies on (the server itself is
// tested end to end in serve_cli_test.cpp).
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <string>

#include "cli_support.hpp"
#include "diplograph/query.hpp"
#include "diplograph/serve.hpp"

using namespace diplograph;

namespace {
using Kind = QueryResult::Kind;

ResultFormat pick(Kind kind, const std::string& accept, std::vector<std::string> params = {}) {
  return choose_response_format(kind, accept, params).format;
}

QueryEngine small_engine() {
  std::string text;
  for (int i = 0; i < 20; ++i)
    text += "<http://x/s" + std::to_string(i) + "> <http://x/p> \"v" + std::to_string(i) + "\" .\n";
  std::string path = test_support::temp_path("serve-small.nt");
  std::ofstream(path, std::ios::binary) << text;
  auto engine = QueryEngine::load(path);
  REQUIRE(engine);
  return std::move(*engine);
}
}  // namespace

TEST_CASE("serve: content negotiation by Accept and the format parameter") {
  CHECK(pick(Kind::bindings, "") == ResultFormat::json);
  CHECK(pick(Kind::boolean, "*/*") == ResultFormat::json);
  CHECK(pick(Kind::graph, "") == ResultFormat::turtle);
  CHECK(pick(Kind::bindings, "application/sparql-results+xml") == ResultFormat::xml);
  CHECK(pick(Kind::bindings, "text/csv;q=0.5, text/tab-separated-values") == ResultFormat::tsv);
  CHECK(pick(Kind::bindings, "text/csv;q=0.9, text/tab-separated-values;q=0.2") == ResultFormat::csv);
  CHECK(pick(Kind::bindings, "TEXT/CSV; charset=utf-8") == ResultFormat::csv);
  CHECK(pick(Kind::graph, "application/n-triples, text/turtle;q=0.5") == ResultFormat::ntriples);
  // A syntax the result cannot have is passed over, not an error.
  CHECK(pick(Kind::bindings, "text/turtle") == ResultFormat::json);
  CHECK(pick(Kind::graph, "application/sparql-results+json") == ResultFormat::turtle);
  CHECK(pick(Kind::bindings, "text/csv;q=0") == ResultFormat::json);
  // The format parameter wins; unknown values are skipped (SPARQLWrapper repeats it).
  CHECK(pick(Kind::bindings, "text/csv", {"xml"}) == ResultFormat::xml);
  CHECK(pick(Kind::bindings, "text/csv", {"rdf+xml", "text/tab-separated-values"}) == ResultFormat::tsv);
  CHECK(pick(Kind::graph, "", {"nt"}) == ResultFormat::ntriples);
  CHECK(choose_response_format(Kind::bindings, "", {}).media_type == "application/sparql-results+json");
}

TEST_CASE("serve: SPARQL XML results escape markup and carry every term kind") {
  QueryResult r;
  r.variables = {"a", "b", "c", "d", "e"};
  QueryTerm iri{QueryTerm::Kind::iri, "http://x/?a=1&b=<2>", "", ""};
  QueryTerm blank{QueryTerm::Kind::blank, "b0", "", ""};
  QueryTerm lang{QueryTerm::Kind::literal, "\"Q\" & A\r\nx\x01y", "", "en"};
  QueryTerm typed{QueryTerm::Kind::literal, "5", "http://www.w3.org/2001/XMLSchema#integer", ""};
  r.rows.push_back({iri, blank, lang, typed, QueryTerm{}});
  auto xml = format_result(r, ResultFormat::xml);
  REQUIRE(xml);
  CHECK(*xml ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
        "<head>\n<variable name=\"a\"/>\n<variable name=\"b\"/>\n<variable name=\"c\"/>\n<variable name=\"d\"/>\n"
        "<variable name=\"e\"/>\n</head>\n<results>\n<result>\n"
        "<binding name=\"a\"><uri>http://x/?a=1&amp;b=&lt;2&gt;</uri></binding>\n"
        "<binding name=\"b\"><bnode>b0</bnode></binding>\n"
        "<binding name=\"c\"><literal xml:lang=\"en\">&quot;Q&quot; &amp; A&#13;\nx\xEF\xBF\xBDy</literal></binding>\n"
        "<binding name=\"d\"><literal datatype=\"http://www.w3.org/2001/XMLSchema#integer\">5</literal></binding>\n"
        "</result>\n</results>\n</sparql>\n");
  QueryResult ask;
  ask.kind = Kind::boolean;
  ask.boolean = true;
  CHECK(format_result(ask, ResultFormat::xml).value().find("<head/>\n<boolean>true</boolean>") != std::string::npos);
  QueryResult graph;
  graph.kind = Kind::graph;
  CHECK_FALSE(format_result(graph, ResultFormat::xml));
  CHECK(parse_result_format("xml").value() == ResultFormat::xml);
}

TEST_CASE("serve: the engine's row limit, cancel flag and read-only refusal") {
  QueryEngine engine = small_engine();
  RunLimits limits;
  limits.max_rows = 20;
  CHECK(engine.run("SELECT * WHERE { ?s ?p ?o }", "q", limits).value().rows.size() == 20);
  limits.max_rows = 19;
  auto over = engine.run("SELECT * WHERE { ?s ?p ?o }", "q", limits);
  REQUIRE_FALSE(over);
  CHECK(over.error().status == Status::limit_exceeded);
  auto triples = engine.run("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "q", limits);
  REQUIRE_FALSE(triples);
  CHECK(triples.error().status == Status::limit_exceeded);
  std::atomic<bool> cancel{true};
  limits = RunLimits{};
  limits.cancel = &cancel;
  auto stopped = engine.run("SELECT * WHERE { ?s ?p ?o }", "q", limits);
  REQUIRE_FALSE(stopped);
  CHECK(stopped.error().status == Status::cancelled);
  cancel = false;
  CHECK(engine.run("SELECT * WHERE { ?s ?p ?o }", "q", limits).value().rows.size() == 20);
  auto update = engine.run("INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }", "q");
  REQUIRE_FALSE(update);
  CHECK(update.error().status == Status::unsupported);
  CHECK(update.error().message.find("read-only") != std::string::npos);
}
