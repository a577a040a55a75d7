// run_build as a library: shards, progress callback, keep_going, streaming writer.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <set>

#include "cli_support.hpp"
#include "diplograph/model.hpp"
#include "diplograph/pipeline.hpp"
#include "support.hpp"

using namespace diplograph;

namespace {

BuildOptions options_for(std::vector<std::string> inputs, const std::string& output) {
  BuildOptions o;
  for (auto& i : inputs) o.inputs.push_back(std::string(DIPLOGRAPH_SOURCE_DIR "/") + i);
  o.output = output;
  o.ontology_directory = DIPLOGRAPH_SOURCE_DIR "/ontology";
  o.jobs = 2;
  return o;
}

}  // namespace

TEST_CASE("pipeline: shard_of is a stable hash of the id, spread over the shards") {
  CHECK(shard_of("anything", 1) == 0);
  CHECK(shard_of("", 3) == stable_hash("") % 3);
  CHECK(stable_hash("") == 0xcbf29ce484222325ull);  // FNV-1a 64 offset basis: the same on every platform
  CHECK(stable_hash("a") == 0xaf63dc4c8601ec8cull);
  std::set<unsigned> used;
  for (int i = 0; i < 100; ++i) used.insert(shard_of("page-" + std::to_string(i), 4));
  CHECK(used == std::set<unsigned>{0, 1, 2, 3});
}

TEST_CASE("pipeline: progress reports documents and bytes, then a last call with finished") {
  std::string out = test_support::temp_path("progress.nt");
  BuildOptions o = options_for({"test/data/pipeline/dump.xml", "examples/documents"}, out);
  o.format = OutputFormat::ntriples;
  std::vector<BuildProgress> seen;
  o.progress = [&](const BuildProgress& p) { seen.push_back(p); };
  auto summary = run_build(o);
  REQUIRE_MESSAGE(summary.ok(), (summary ? std::string() : summary.error().to_string()));
  REQUIRE(seen.size() >= 2);
  CHECK(seen.back().finished);
  CHECK(seen.back().documents == summary->documents);
  CHECK(seen.back().statements == summary->statements);
  CHECK(seen.back().bytes_total > 0);
  CHECK(seen.back().bytes_done == seen.back().bytes_total);
  CHECK(seen.back().inputs_done == seen.back().inputs_total);
  for (std::size_t i = 1; i < seen.size(); ++i) CHECK(seen[i].bytes_done >= seen[i - 1].bytes_done);
  for (std::size_t i = 0; i + 1 < seen.size(); ++i) CHECK(!seen[i].finished);
}

TEST_CASE("pipeline: keep_going lists skipped inputs, a bad shard is refused") {
  std::string out = test_support::temp_path("keep.ttl");
  BuildOptions o = options_for({"test/data/bad/binary.txt", "examples/documents/lithuania_us_relations.txt"}, out);
  CHECK(!run_build(o));
  o.keep_going = true;
  auto summary = run_build(o);
  REQUIRE(summary);
  REQUIRE(summary->skipped.size() == 1);
  CHECK(summary->skipped[0].find("binary.txt") != std::string::npos);
  CHECK(summary->skipped[0].find("binary data") != std::string::npos);
  CHECK(summary->documents == 1);
  o.shard_index = 3;
  o.shard_count = 3;
  CHECK(!run_build(o));
}

TEST_CASE("pipeline: the stream writer puts a model in a named graph, or the default one") {
  RdfModel m;
  m.add_iri("http://x/s", "http://x/p", "http://x/o");
  m.add_literal("http://x/s", "http://x/q", "v", {}, "en");
  char* buffer = nullptr;
  std::size_t size = 0;
  std::FILE* f = open_memstream(&buffer, &size);
  {
    RdfStreamWriter w(f, OutputFormat::nquads);
    REQUIRE(w.write(m, "http://x/g").ok());
    REQUIRE(w.write(m).ok());
    REQUIRE(w.finish().ok());
    CHECK(w.triples() == 4);
  }
  std::fclose(f);
  std::string text(buffer, size);
  std::free(buffer);
  CHECK(text.find("<http://x/s> <http://x/p> <http://x/o> <http://x/g> .\n") != std::string::npos);
  CHECK(text.find("<http://x/s> <http://x/q> \"v\"@en <http://x/g> .\n") != std::string::npos);
  CHECK(text.find("<http://x/s> <http://x/p> <http://x/o> .\n") != std::string::npos);
}

TEST_CASE("pipeline: a fact dated by thousands of documents is fused with its conflict, once") {
  auto state = [](const char* code) { return iri(ns::dgr, std::string("state/") + code); };
  FactFuser fuser(test_support::repo_gazetteer());
  const int n = 3000;
  for (int i = 0; i <= n; ++i) {
    DocumentFacts f;
    f.document.id = "page-" + std::to_string(i);
    f.document.iri = iri(ns::dgr, "document/" + f.document.id);
    Statement s;
    s.subject = state("LTU");
    s.predicate = "memberOf";
    s.object = iri(ns::dgr, "organization/nato");
    DateValue d;
    d.year = i == n ? 2005 : 2004;  // one page disagrees
    d.precision = DatePrecision::year;
    s.date = d;
    s.document = f.document.iri;
    s.evidence = "Lithuania joined NATO.";
    s.rule = "test";
    f.statements.push_back(s);
    fuser.add(std::move(f));
  }
  FusedGraph g = fuser.finish();
  REQUIRE(g.conflicts.size() == 1);
  CHECK(g.conflicts[0].statements.size() == static_cast<std::size_t>(n + 1));  // every page is involved
  CHECK((g.conflicts[0].reason == "dated 2004 in one document and 2005 in another" ||
         g.conflicts[0].reason == "dated 2005 in one document and 2004 in another"));
}
