// `merge`: idempotent on an unsharded build's output, and clear errors on
// bad input. (That merged shards equal the unsharded build is tested with
// --shard in build_cli_test.cpp.)
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "diplograph/merge.hpp"
#include "support.hpp"

using namespace diplograph;
using test_support::cli;
using test_support::Output;
using test_support::temp_path;

namespace {

std::string sorted_unique(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string q(const std::string& path) { return "'" + path + "'"; }

}  // namespace

TEST_CASE("merge: of one unsharded output is that output sorted, and merging again changes nothing") {
  std::string whole = temp_path("merge-whole.nt"), once = temp_path("merge-once.nt"), twice = temp_path("merge-twice.nt");
  Output b = cli("build examples/documents -q -f ntriples -o " + q(whole));
  REQUIRE_MESSAGE(b.status == 0, b.err);
  std::string expected = sorted_unique(test_support::read_text(whole));
  Output m = cli("merge " + q(whole) + " -o " + q(once));
  REQUIRE_MESSAGE(m.status == 0, m.err);
  CHECK(m.err.find("5 conflicts") != std::string::npos);  // recomputed, not copied
  CHECK(test_support::read_text(once) == expected);
  // The same input twice, and the merged output merged again.
  REQUIRE(cli("merge -q " + q(once) + " " + q(whole) + " -o " + q(twice)).status == 0);
  CHECK(test_support::read_text(twice) == expected);
  // Stdout by default.
  Output s = cli("merge -q " + q(once));
  REQUIRE(s.status == 0);
  CHECK(s.out == expected);
  CHECK(s.err.empty());

  // A statement node edited by hand no longer hashes to its IRI: refused,
  // since conflicts computed from it would not be the build's.
  std::string text = test_support::read_text(whole);
  const std::string begin = "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> \"";
  std::size_t at = text.find(begin);
  REQUIRE(at != std::string::npos);
  text.insert(at + begin.size(), 1, '9');
  std::string edited = temp_path("merge-edited.nt");
  write_file(edited, text);
  Output e = cli("merge " + q(edited));
  CHECK(e.status != 0);
  CHECK(e.err.find("do not hash to its IRI") != std::string::npos);
  CHECK(e.err.find("statement node <https://w3id.org/diplograph/id/statement/") != std::string::npos);
}

TEST_CASE("merge: missing files, malformed N-Triples, blank nodes and empty input are clear errors") {
  std::string good = temp_path("merge-good.nt");
  write_file(good, "<http://example.org/a> <http://example.org/p> \"x\"@en .\n");

  Output missing = cli("merge " + q(good) + " /nonexistent/shard2.nt");
  CHECK(missing.status != 0);
  CHECK(missing.err.find("/nonexistent/shard2.nt: no such file") != std::string::npos);

  std::string bad = temp_path("merge-bad.nt");
  write_file(bad, "<http://example.org/a> <http://example.org/p> <http://example.org/o> .\n"
                  "<http://example.org/a> <http://example.org/p> oops .\n");
  Output malformed = cli("merge " + q(bad));
  CHECK(malformed.status != 0);
  CHECK(malformed.err.find(bad + ":2:") != std::string::npos);  // file:line:column

  std::string turtle = temp_path("merge-turtle.nt");
  write_file(turtle, "@prefix ex: <http://example.org/> .\nex:a ex:p ex:o .\n");
  Output ttl = cli("merge " + q(turtle));
  CHECK(ttl.status != 0);
  CHECK(ttl.err.find(turtle + ":1:") != std::string::npos);

  std::string blank = temp_path("merge-blank.nt");
  write_file(blank, "_:b1 <http://example.org/p> <http://example.org/o> .\n");
  Output b = cli("merge " + q(blank));
  CHECK(b.status != 0);
  CHECK(b.err.find("blank node _:b1") != std::string::npos);

  std::string empty = temp_path("merge-empty.nt");
  write_file(empty, "");
  Output e = cli("merge " + q(empty));
  CHECK(e.status != 0);
  CHECK(e.err.find(empty + ": the input has no triples") != std::string::npos);
  Output e2 = cli("merge " + q(empty) + " " + q(empty));
  CHECK(e2.status != 0);
  CHECK(e2.err.find("no input has any triple") != std::string::npos);
  // An empty shard among others is only a warning.
  Output some = cli("merge -q " + q(empty) + " " + q(good));
  CHECK(some.status == 0);
  CHECK(some.err.find("warning: " + empty + ": no triples") != std::string::npos);
  CHECK(some.out == "<http://example.org/a> <http://example.org/p> \"x\"@en .\n");

  CHECK(cli("merge").status != 0);  // at least one input
  Output nodir = cli("merge " + q(good) + " -o /nonexistent/dir/out.nt");
  CHECK(nodir.status != 0);
  CHECK(nodir.err.find("/nonexistent/dir/out.nt") != std::string::npos);

  // The library reports the same, without printing.
  MergeSummary summary;
  std::size_t lines = 0;
  Outcome r = merge_shards({bad}, summary, [&](std::string_view) -> Outcome {
    ++lines;
    return {};
  });
  REQUIRE(!r);
  CHECK(lines == 0);
  CHECK(r.error().line == 2);
  CHECK(r.error().column > 0);
  CHECK(r.error().file == bad);
}

TEST_CASE("merge: beyond its memory budget it sorts runs on disk, with the same output") {
  std::string whole = temp_path("merge-budget.nt");
  Output b = cli("build examples/documents -q -f ntriples -o " + q(whole));
  REQUIRE_MESSAGE(b.status == 0, b.err);
  auto merged = [&](const std::vector<std::string>& inputs, std::size_t budget, Outcome& r) {
    MergeSummary summary;
    std::string out;
    r = merge_shards(inputs, summary, [&](std::string_view line) -> Outcome {
      out.append(line);
      return {};
    }, budget);
    return out;
  };
  Outcome r;
  std::string in_memory = merged({whole}, std::size_t{256} << 20, r);
  REQUIRE(r.ok());
  CHECK(in_memory == sorted_unique(test_support::read_text(whole)));
  std::string on_disk = merged({whole, whole}, 4096, r);  // hundreds of runs
  REQUIRE_MESSAGE(r.ok(), r.error().to_string());
  CHECK(on_disk == in_memory);

  // The runs really go to $TMPDIR: where it cannot write, only the small budget fails.
  const char* saved = std::getenv("TMPDIR");
  std::string keep = saved ? saved : "";
  ::setenv("TMPDIR", "/nonexistent-diplograph-tmp", 1);
  std::string small = merged({whole}, 4096, r);
  CHECK(!r.ok());
  CHECK(r.error().message.find("cannot create a temporary file in /nonexistent-diplograph-tmp") != std::string::npos);
  std::string big = merged({whole}, std::size_t{256} << 20, r);
  CHECK(r.ok());
  if (saved) ::setenv("TMPDIR", keep.c_str(), 1);
  else ::unsetenv("TMPDIR");
  CHECK(big == in_memory);
}

TEST_CASE("merge: a statement node's triples may be scattered; a node left incomplete is refused") {
  std::string whole = temp_path("merge-scatter.nt"), scattered = temp_path("merge-scattered.nt");
  REQUIRE(cli("build examples/documents -q -f ntriples -o " + q(whole)).status == 0);
  std::string text = test_support::read_text(whole);
  // Move one statement's rdf:subject line to the end of the file.
  std::size_t at = text.find("> <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ");
  REQUIRE(at != std::string::npos);
  std::size_t from = text.rfind('\n', at) + 1, to = text.find('\n', at) + 1;
  REQUIRE(text.compare(from, 41, "<https://w3id.org/diplograph/id/statement") == 0);
  std::string line = text.substr(from, to - from);
  std::string moved = text;
  moved.erase(from, to - from);
  write_file(scattered, moved + line);
  Output m = cli("merge -q " + q(scattered));
  REQUIRE_MESSAGE(m.status == 0, m.err);
  CHECK(m.out == sorted_unique(text));
  // Without that line the node never hashes to its IRI.
  write_file(scattered, moved);
  Output broken = cli("merge " + q(scattered));
  CHECK(broken.status != 0);
  CHECK(broken.err.find("do not hash to its IRI") != std::string::npos);
}
