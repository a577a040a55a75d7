// The query engine over the indexed graph (QueryEngine in query.hpp):
// one load for many queries, the index file in place of the Turtle, runs
// from several threads, OPTIONAL joins that Rasqal 0.9.33 alone gets wrong,
// and `diplograph index`.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
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

std::vector<std::string> library_queries() {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(fs::path(DIPLOGRAPH_SOURCE_DIR) / "examples" / "queries"))
    if (e.path().extension() == ".rq") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string query_text(const std::string& name) {
  return test_support::read_text(DIPLOGRAPH_SOURCE_DIR "/examples/queries/" + name + ".rq");
}

std::string expected_tsv(const std::string& name) {
  return test_support::read_text(DIPLOGRAPH_SOURCE_DIR "/examples/queries/expected/" + name + ".tsv");
}

std::string as_tsv(const Result<QueryResult>& r) {
  REQUIRE(r.ok());
  auto tsv = format_result(*r, ResultFormat::tsv);
  REQUIRE(tsv.ok());
  return *tsv;
}

}  // namespace

TEST_CASE("query engine: one load answers the whole library, from Turtle and from its index file") {
  auto engine = QueryEngine::load(DIPLOGRAPH_SOURCE_DIR "/out/graph.ttl");
  REQUIRE(engine.ok());
  std::string index = test_support::temp_path("graph.dgi");
  REQUIRE(engine->graph().save_index(index).ok());
  auto from_index = QueryEngine::load(index);
  REQUIRE(from_index.ok());
  CHECK(from_index->graph().size() == engine->graph().size());
  for (const std::string& name : library_queries()) {
    CAPTURE(name);
    std::string text = query_text(name);
    CHECK(as_tsv(engine->run(text, name)) == expected_tsv(name));
    CHECK(as_tsv(from_index->run(text, name)) == expected_tsv(name));
  }
}

TEST_CASE("query engine: runs on several threads at once give the same answers") {
  auto engine = QueryEngine::load(DIPLOGRAPH_SOURCE_DIR "/out/graph.ttl");
  REQUIRE(engine.ok());
  // corroborated-facts is left out: Rasqal 0.9.33's COUNT(DISTINCT ...)
  // repeated in HAVING over-counts some groups in some runs (memory layout
  // dependent, threads or not; seen on 10^6-triple graphs); see README.
  std::vector<std::string> names;
  for (const std::string& name : library_queries())
    if (name != "corroborated-facts") names.push_back(name);
  std::vector<std::vector<std::string>> answers(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < answers.size(); ++t)
    threads.emplace_back([&, t] {
      for (const std::string& name : names) {
        auto r = engine->run(query_text(name), name);
        auto tsv = r.ok() ? format_result(*r, ResultFormat::tsv) : Result<std::string>(r.error());
        answers[t].push_back(tsv.ok() ? *tsv : "error: " + tsv.error().message);
      }
    });
  for (auto& th : threads) th.join();
  for (const auto& per_thread : answers) {
    REQUIRE(per_thread.size() == names.size());
    for (std::size_t i = 0; i < names.size(); ++i) {
      CAPTURE(names[i]);
      CHECK(per_thread[i] == expected_tsv(names[i]));
    }
  }
}

TEST_CASE("query engine: OPTIONAL after a pattern with several answers keeps each row's own subject") {
  // Rasqal 0.9.33 on its own (roqet) pairs e2 with E1's label and date
  // here: the OPTIONAL resets ?event, which the date pattern then reads.
  std::string graph = write_temp("events.ttl",
                                 "@prefix dg: <https://w3id.org/diplograph/ontology#> .\n"
                                 "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                                 "<http://ex/e1> a dg:Event ; rdfs:label \"E1\" ; dg:date \"2000\" , \"2001\" .\n"
                                 "<http://ex/e2> a dg:Event ; rdfs:label \"E2\" ; dg:date \"2002\" .\n"
                                 "<http://ex/s1> dg:participatedIn <http://ex/e1> .\n"
                                 "<http://ex/s2> dg:participatedIn <http://ex/e2> .\n"
                                 "<http://ex/s3> dg:participatedIn <http://ex/e2> .\n");
  auto r = run_query(graph, query_text("events-by-year"), "events-by-year.rq");
  CHECK(as_tsv(r) ==
        "?year\t?event\t?eventLabel\t?date\t?participant\n"
        "\"2000\"\t<http://ex/e1>\t\"E1\"\t\"2000\"\t<http://ex/s1>\n"
        "\"2001\"\t<http://ex/e1>\t\"E1\"\t\"2001\"\t<http://ex/s1>\n"
        "\"2002\"\t<http://ex/e2>\t\"E2\"\t\"2002\"\t<http://ex/s2>\n"
        "\"2002\"\t<http://ex/e2>\t\"E2\"\t\"2002\"\t<http://ex/s3>\n");
}

TEST_CASE("query engine: repeated variables, unbound OPTIONAL values and terms the graph lacks") {
  std::string graph = write_temp("loops.ttl",
                                 "@prefix ex: <http://ex/> .\n"
                                 "ex:a ex:p ex:a ; ex:q \"v\"@en .\n"
                                 "ex:b ex:p ex:c .\n");
  auto engine = QueryEngine::load(graph);
  REQUIRE(engine.ok());
  CHECK(as_tsv(engine->run("SELECT ?x WHERE { ?x <http://ex/p> ?x }")) == "?x\n<http://ex/a>\n");
  CHECK(as_tsv(engine->run("SELECT ?x ?v WHERE { ?x <http://ex/p> ?y OPTIONAL { ?x <http://ex/q> ?v } } ORDER BY ?x")) ==
        "?x\t?v\n<http://ex/a>\t\"v\"@en\n<http://ex/b>\t\n");
  CHECK(as_tsv(engine->run("SELECT ?x WHERE { ?x <http://ex/q> \"v\"@en }")) == "?x\n<http://ex/a>\n");
  auto plain = engine->run("SELECT ?x WHERE { ?x <http://ex/q> \"v\" }");  // "v" is not "v"@en
  REQUIRE(plain.ok());
  CHECK(plain->rows.empty());
  auto nothing = engine->run("SELECT ?x WHERE { ?x <http://ex/nothing> ?y }");
  REQUIRE(nothing.ok());
  CHECK(nothing->rows.empty());
  CHECK(as_tsv(engine->run("ASK { <http://ex/b> <http://ex/p> <http://ex/c> }")) == "true\n");
  auto empty = engine->run("# nothing\n", "empty.rq");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().status == Status::empty_input);
}

TEST_CASE("index CLI: query reads the index in place of the Turtle; bad uses fail in one line") {
  using test_support::cli;
  std::string index = test_support::temp_path("cli-graph.dgi");
  auto made = cli("index out/graph.ttl -o '" + index + "'");
  CHECK(made.status == 0);
  CHECK(made.err.find("diplograph: indexed ") == 0);
  auto q = cli("query '" + index + "' examples/queries/memberships.rq --format tsv");
  CHECK(q.status == 0);
  CHECK(q.out == expected_tsv("memberships"));
  auto again = cli("index '" + index + "' -o '" + index + ".2'");
  CHECK(again.status != 0);
  CHECK(again.err.find("is already an index file") != std::string::npos);
  auto missing = cli("index no-such.ttl -o '" + index + ".3'");
  CHECK(missing.status != 0);
  CHECK(missing.err == "diplograph: error: no-such.ttl: no such file or directory\n");
  CHECK_FALSE(std::filesystem::exists(index + ".3"));
  CHECK(cli("index --help").status == 0);
}
