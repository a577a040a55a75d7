#include <doctest/doctest.h>

#include "diplograph/segment.hpp"
#include "support.hpp"

using namespace diplograph;

namespace {
std::vector<std::string> sentences(const std::string& text) {
  auto seg = SentenceSegmenter::create();
  REQUIRE(seg.ok());
  std::vector<std::string> out;
  for (Span s : seg->split(text)) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}
}  // namespace

TEST_CASE("segment: abbreviations do not split, real ends do") {
  CHECK(sentences("The U.S. Embassy in Washington, D.C. opened in 1991. It closed later.") ==
        std::vector<std::string>{"The U.S. Embassy in Washington, D.C. opened in 1991.", "It closed later."});
  CHECK(sentences("Lithuania joined NATO. It also joined the EU.").size() == 2);
  CHECK(sentences("He met Mr. Smith at 5 p.m. yesterday.").size() == 1);
  CHECK(sentences("It was in Washington, D.C. The next day it rained.").size() == 2);
  CHECK(sentences("A role in NATO. Then it ended.").size() == 2);
}

TEST_CASE("segment: byte offsets survive non-ASCII text and invalid bytes") {
  std::string text = "Lithuania’s neighbours – Latvia and Estonia – agreed. “Yes,” said Šiauliai.";
  auto s = sentences(text);
  REQUIRE(s.size() == 2);
  CHECK(s[0] == "Lithuania’s neighbours – Latvia and Estonia – agreed.");
  CHECK(s[1] == "“Yes,” said Šiauliai.");
  std::string bad = "Bad \xff\xfe bytes here. Next one.";
  auto b = sentences(bad);
  REQUIRE(b.size() == 2);
  CHECK(b[1] == "Next one.");
}

TEST_CASE("segment: headings and table rows are one sentence each, short lines break") {
  Document d = test_support::paragraphs("Title line\n\nFirst. Second.\n\n| a | b |");
  d.blocks[0].kind = BlockKind::heading;
  d.blocks[2].kind = BlockKind::table_row;
  auto seg = SentenceSegmenter::create();
  REQUIRE(seg.ok());
  auto out = seg->segment(d);
  REQUIRE(out.size() == 4);
  CHECK(d.slice(out[0].span) == "Title line");
  CHECK(out[3].block == 2);
  CHECK(sentences("Openness to innovation\nInternational cooperation\nIt is good.").size() == 3);
}

TEST_CASE("segment: a huge block without punctuation is split, not quadratic") {
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "word and more words ";
  auto s = sentences(big);
  CHECK(s.size() > 1);
  for (const auto& x : s) CHECK(x.size() <= 64 * 1024);
}
