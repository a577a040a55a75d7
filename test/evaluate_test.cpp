#include <doctest/doctest.h>

#include "diplograph/evaluate.hpp"

using namespace diplograph;

TEST_CASE("evaluate: precision, recall and dates against a hand-made graph") {
  auto r = evaluate(DIPLOGRAPH_TEST_DIR "/data/eval/graph.ttl", {DIPLOGRAPH_TEST_DIR "/data/eval/doc.tsv"});
  REQUIRE_MESSAGE(r.ok(), r.error().to_string());
  REQUIRE(r->documents.size() == 1);
  const DocumentEvaluation& d = r->documents[0];
  CHECK(d.document == "doc");
  // Gold: 3 facts. Graph (this document only): 3 facts. Matched: NATO and the
  // relation (either direction); the OECD one is spurious, Latvia's missed.
  CHECK(d.total.gold == 3);
  CHECK(d.total.predicted == 3);
  CHECK(d.total.matched == 2);
  CHECK(d.total.precision() == doctest::Approx(2.0 / 3));
  CHECK(d.total.recall() == doctest::Approx(2.0 / 3));
  // Dates: 2004-03 matches 2004-03-29 at the gold's precision; 1922 != 1992.
  CHECK(d.total.dated == 2);
  CHECK(d.total.dates_right == 1);
  CHECK(d.by_predicate.at("memberOf").matched == 1);
  std::size_t missed = 0, spurious = 0;
  for (const Difference& x : d.differences) (x.missed ? missed : spurious)++;
  CHECK(missed == 2);  // Latvia, and the wrong date
  CHECK(spurious == 1);
}

TEST_CASE("evaluate: bad gold files are reported with their line") {
  auto missing = read_gold("/nonexistent.tsv");
  CHECK_FALSE(missing.ok());
  auto r = evaluate(DIPLOGRAPH_TEST_DIR "/data/eval/graph.ttl", {DIPLOGRAPH_TEST_DIR "/data/eval/graph.ttl"});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().line > 0);
}
