// Relation cues as data (ontology/relation_cues.tsv): the parser, and that
// the repository's file gives every frame its cues.
#include <doctest/doctest.h>

#include "diplograph/cues.hpp"
#include "support.hpp"

using namespace diplograph;

TEST_CASE("relation cues: frames, words as the tokenizer splits them, optional columns") {
  RelationCues cues;
  auto ok = cues.parse("cues.tsv",
                       "# a comment\n\n"
                       "membership\tShare common membership of\tmembership.shared\t0.85\tclause\n"
                       "membership\tco-founded\tmembership.founded\t0.8\tstates\r\n"
                       "treaty\thas\n");
  REQUIRE(ok.ok());
  CHECK(cues.size() == 3);
  const auto& membership = cues.frame("membership");
  REQUIRE(membership.size() == 2);
  CHECK(membership[0].words == std::vector<std::string>{"share", "common", "membership", "of"});
  CHECK(membership[0].rule == "membership.shared");
  CHECK(membership[0].confidence == doctest::Approx(0.85));
  CHECK(membership[1].words == std::vector<std::string>{"co", "-", "founded"});
  CHECK(membership[1].subject == "states");
  REQUIRE(cues.frame("treaty").size() == 1);
  CHECK(cues.frame("treaty")[0].subject == "clause");  // the default
  CHECK(cues.frame("treaty")[0].confidence == doctest::Approx(0.8));
  CHECK(cues.frame("relations").empty());
}

TEST_CASE("relation cues: a bad line is an error with its line number") {
  struct Bad {
    const char* text;
    const char* message;
  };
  for (const Bad& bad : {Bad{"membership\n", "frame and a cue"}, Bad{"x\tjoined\tr\t1.5\n", "confidence"},
                         Bad{"x\tjoined\tr\t0.5\tsomeone\n", "subject"},
                         Bad{"x\tjoined\tr\t0.5\tclause\textra\n", "too many"}, Bad{"x\t \n", "no words"}}) {
    RelationCues cues;
    auto r = cues.parse("cues.tsv", std::string("# header\n") + bad.text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().line == 2);
    CHECK(r.error().message.find(bad.message) != std::string::npos);
  }
}

TEST_CASE("relation cues: the repository's file gives every frame its cues") {
  const RelationCues& cues = test_support::repo_gazetteer().cues();
  for (const char* frame : {"membership", "participation", "treaty", "relations"})
    CHECK_MESSAGE(!cues.frame(frame).empty(), frame);
  // A cue a user adds is one line: it reaches the extractor without C++.
  bool has_founded = false;
  for (const RelationCue& c : cues.frame("membership")) has_founded = has_founded || c.words == std::vector<std::string>{"founded"};
  CHECK(has_founded);
}
