#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "diplograph/segment.hpp"
#include "support.hpp"

using namespace diplograph;

namespace {
using strings = std::vector<std::string>;

const SentenceSegmenter& segmenter() {
  static SentenceSegmenter seg = [] {
    auto made = SentenceSegmenter::create();
    REQUIRE(made.ok());
    return std::move(made).value();
  }();
  return seg;
}

strings sentences(const std::string& text) {
  strings out;
  for (Span s : segmenter().split(text)) out.push_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

// Every span lies inside the text, is non-empty, trimmed, and in order.
bool well_formed(const std::string& text, const std::vector<Span>& spans) {
  std::size_t last = 0;
  for (Span s : spans) {
    if (s.begin >= s.end || s.end > text.size() || s.begin < last) return false;
    if (text[s.begin] == ' ' || text[s.end - 1] == ' ' || text[s.begin] == '\n' || text[s.end - 1] == '\n')
      return false;
    last = s.end;
  }
  return true;
}
}  // namespace

TEST_CASE("segment: create gives independent segmenters") {
  auto a = SentenceSegmenter::create();
  auto b = SentenceSegmenter::create();
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  std::string text = "One here. Two there.";
  CHECK(a->split(text).size() == 2);
  CHECK(b->split("Only one.").size() == 1);
  CHECK(a->split(text).size() == 2);
  SentenceSegmenter moved = std::move(a).value();
  CHECK(moved.split(text).size() == 2);
  CHECK(moved.split("").empty());
  CHECK(moved.split("   \n  ").empty());
}

TEST_CASE("segment: abbreviations do not split, real ends do") {
  CHECK(sentences("The U.S. Embassy in Washington, D.C. opened in 1991. It closed later.") ==
        strings{"The U.S. Embassy in Washington, D.C. opened in 1991.", "It closed later."});
  CHECK(sentences("Lithuania joined NATO. It also joined the EU.") ==
        strings{"Lithuania joined NATO.", "It also joined the EU."});
  CHECK(sentences("He met Mr. Smith at 5 p.m. yesterday.") == strings{"He met Mr. Smith at 5 p.m. yesterday."});
  CHECK(sentences("It was in Washington, D.C. The next day it rained.").size() == 2);
  CHECK(sentences("It was in the U.S. It rained.").size() == 2);
  CHECK(sentences("A role in NATO. Then it ended.").size() == 2);
  CHECK(sentences("Joined AB. It also.").size() == 2);
  CHECK(sentences("The U.K. Government and the U.N. Security Council met.").size() == 1);
  CHECK(sentences("Gen. Smith and Dr. Jones met Sen. Brown and Gov. White.").size() == 1);
  CHECK(sentences("George W. Bush visited Vilnius in Nov. 2002.").size() == 1);
  CHECK(sentences("See Art. 5 and pp. 10-12 of Treaty No. 7.").size() == 1);
  CHECK(sentences("Members, e.g. Lithuania and Latvia, agreed.").size() == 1);
  CHECK(sentences("They signed treaties, trade deals, etc. and more.").size() == 1);
  CHECK(sentences("They signed treaties, trade deals, etc. Then they left.").size() == 2);
  CHECK(sentences("Is it? Yes! It is.").size() == 3);
}

TEST_CASE("segment: byte offsets survive non-ASCII text") {
  std::string text = "Lithuania\xE2\x80\x99s neighbours \xE2\x80\x93 Latvia and Estonia \xE2\x80\x93 agreed. "
                     "\xE2\x80\x9CYes,\xE2\x80\x9D said \xC5\xA0iauliai. \xF0\x9F\x98\x80 Emoji too.";
  auto spans = segmenter().split(text);
  CHECK(well_formed(text, spans));
  auto s = sentences(text);
  REQUIRE(s.size() == 3);
  CHECK(s[0] == "Lithuania\xE2\x80\x99s neighbours \xE2\x80\x93 Latvia and Estonia \xE2\x80\x93 agreed.");
  CHECK(s[1] == "\xE2\x80\x9CYes,\xE2\x80\x9D said \xC5\xA0iauliai.");
  CHECK(s[2] == "\xF0\x9F\x98\x80 Emoji too.");

  Document d = test_support::paragraphs(text);
  auto out = segmenter().segment(d);
  REQUIRE(out.size() == 3);
  CHECK(d.slice(out[1].span) == s[1]);
  CHECK(d.slice(out[2].span) == s[2]);
}

TEST_CASE("segment: invalid UTF-8 does not crash and spans stay in bounds") {
  std::string bad = "Bad \xff\xfe bytes here. Next one.";
  auto b = sentences(bad);
  REQUIRE(b.size() == 2);
  CHECK(b[0] == "Bad \xff\xfe bytes here.");
  CHECK(b[1] == "Next one.");
  // Truncated sequences, lone continuation bytes, overlong forms, a final lead byte.
  std::string worse = "A \xE2\x80 b. \x80\x80 C \xC0\xAF d. \xED\xA0\x80 E. F \xF4\x90\x80\x80. G\xE2";
  auto spans = segmenter().split(worse);
  CHECK(well_formed(worse, spans));
  CHECK_FALSE(spans.empty());
  CHECK(spans.back().end == worse.size());
  std::string noise;
  for (int i = 0; i < 100000; ++i) noise += static_cast<char>((i * 7919 + 13) & 0xff);
  CHECK(well_formed(noise, segmenter().split(noise)));
}

TEST_CASE("segment: headings and table rows are one sentence each") {
  Document d = test_support::paragraphs("Title line. With a dot.\n\nFirst. Second.\n\n| a. | B. |");
  d.blocks[0].kind = BlockKind::heading;
  d.blocks[2].kind = BlockKind::table_row;
  auto out = segmenter().segment(d);
  REQUIRE(out.size() == 4);
  CHECK(d.slice(out[0].span) == "Title line. With a dot.");
  CHECK(out[0].block == 0);
  CHECK(d.slice(out[1].span) == "First.");
  CHECK(d.slice(out[2].span) == "Second.");
  CHECK(out[2].block == 1);
  CHECK(d.slice(out[3].span) == "| a. | B. |");
  CHECK(out[3].block == 2);

  Document empty = test_support::paragraphs("x");
  empty.blocks[0].span = {1, 1};
  CHECK(segmenter().segment(empty).empty());
}

TEST_CASE("segment: newlines inside a block") {
  // Short lines without final punctuation are headlines.
  CHECK(sentences("Openness to innovation\nInternational cooperation\nIt is good.") ==
        strings{"Openness to innovation", "International cooperation", "It is good."});
  // A line ending a sentence.
  CHECK(sentences("It joined the EU in 2004 and has been a member of the euro area since 2015.\nIt grew.") ==
        strings{"It joined the EU in 2004 and has been a member of the euro area since 2015.", "It grew."});
  // Hard-wrapped prose: long lines without final punctuation continue the sentence.
  CHECK(sentences("Lithuania has enjoyed most-favored-nation treatment with the United\nStates since "
                  "December 1991. Next.") ==
        strings{"Lithuania has enjoyed most-favored-nation treatment with the United\nStates since December 1991.",
                "Next."});
  CHECK(sentences("The relations with its neighbours were established in the early 1990s,\nand they grew.").size() ==
        1);
  // A list after a long line.
  CHECK(sentences("Lithuania is a member of the following international organizations and others\n* NATO\n* EU")
            .size() == 3);
  CHECK(sentences("Priorities of the foreign policy of the Republic of Lithuania are these\n1. Security\n2. Trade")
            .size() == 3);
  // A wiki list item without the space after its marker, in a table's notes cell.
  CHECK(sentences("Both countries established diplomatic relations on 26 September 1831\n*In October 1998, Peru "
                  "and Ecuador signed a peace accord.") ==
        strings{"Both countries established diplomatic relations on 26 September 1831",
                "*In October 1998, Peru and Ecuador signed a peace accord."});
  // Not a marker: emphasis that closes on the same line continues a long line.
  CHECK(sentences("The relations between the two countries have been described by both governments as\n"
                  "*excellent* since the treaty was signed.")
            .size() == 1);
  // An abbreviation at the end of a line does not end the sentence.
  CHECK(sentences("The embassy of the Republic of Lithuania is located in Washington, D.C.\nand in New York.")
            .size() == 1);
}

TEST_CASE("segment: the example documents") {
  std::string text = test_support::read_text(DIPLOGRAPH_SOURCE_DIR "/examples/documents/lithuania_us_relations.txt");
  REQUIRE_FALSE(text.empty());
  auto spans = segmenter().split(text);
  CHECK(well_formed(text, spans));
  bool found = false;
  for (Span s : spans)
    if (text.substr(s.begin, s.end - s.begin) ==
        "The United States established diplomatic relations with Lithuania on July 28, 1922.")
      found = true;
  CHECK(found);
}

TEST_CASE("segment: huge blocks are split and stay linear") {
  std::string big;
  for (int i = 0; i < 20000; ++i) big += "word and more words ";
  auto spans = segmenter().split(big);
  CHECK(spans.size() > 1);
  CHECK(well_formed(big, spans));
  for (Span s : spans) CHECK(s.end - s.begin <= 64 * 1024);

  // One 8 MB "sentence" without white space: cut at character boundaries.
  std::string solid;
  for (int i = 0; i < 1'000'000; ++i) solid += "ab\xC5\xA0" "cd";
  spans = segmenter().split(solid);
  CHECK(well_formed(solid, spans));
  bool boundaries_ok = true;
  std::size_t covered = 0;
  for (Span s : spans) {
    if ((static_cast<unsigned char>(solid[s.begin]) & 0xC0) == 0x80) boundaries_ok = false;
    if (s.end - s.begin > 64 * 1024) boundaries_ok = false;
    covered += s.end - s.begin;
  }
  CHECK(boundaries_ok);
  CHECK(covered == solid.size());

  // Many sentences across ICU windows: none lost, none split wrongly.
  std::string many;
  std::size_t count = 0;
  for (int i = 0; i < 60000; ++i, ++count) many += "The U.S. Embassy opened in 1991. ";
  spans = segmenter().split(many);
  CHECK(spans.size() == count);
  bool all_same = true;
  for (Span s : spans)
    if (many.substr(s.begin, s.end - s.begin) != "The U.S. Embassy opened in 1991.") all_same = false;
  CHECK(all_same);
}
