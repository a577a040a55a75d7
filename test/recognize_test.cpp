#include <doctest/doctest.h>

#include "diplograph/recognize.hpp"
#include "support.hpp"

using namespace diplograph;
using test_support::state;

namespace {

std::vector<std::string> iris(const SentenceAnalysis& s) {
  std::vector<std::string> out;
  for (const Mention& m : s.mentions) out.push_back(m.iri);
  return out;
}

bool has(const SentenceAnalysis& s, const std::string& iri_value) {
  for (const Mention& m : s.mentions)
    if (m.iri == iri_value) return true;
  return false;
}

}  // namespace

TEST_CASE("tokens: acronyms, possessives, glued words, dashes") {
  std::string text = "TheUS-Lithuanian U.S.S.R. Lithuania's Gambia–Lithuania";
  auto tokens = tokenize(text);
  std::vector<std::string> words;
  for (const Token& t : tokens) words.emplace_back(text.substr(t.begin, t.end - t.begin));
  CHECK(words == std::vector<std::string>{"The", "US", "-", "Lithuanian", "U.S.S.R.", "Lithuania",
                                          "'s", "Gambia", "\xE2\x80\x93", "Lithuania"});
  CHECK(fold_word("Organisation") == "organization");
  CHECK(tokenize("\xff\xfe abc").size() == 3);  // bad bytes are punctuation, not a crash
}

TEST_CASE("recognize: gazetteer names, longest first, regions blocked") {
  EntityRecognizer r(test_support::repo_gazetteer());
  auto s = r.analyze_sentence("Lithuania joined the North Atlantic Treaty Organisation and the EU.");
  REQUIRE(s.mentions.size() == 3);
  CHECK(s.mentions[0].iri == state("LTU"));
  CHECK(s.mentions[1].type == EntityType::organization);
  CHECK(s.mentions[2].type == EntityType::organization);
  auto latin = r.analyze_sentence("Drugs come from Latin America and North America.");
  CHECK_FALSE(has(latin, state("USA")));
  auto america = r.analyze_sentence("America was one of the first to recognize Lithuania.");
  CHECK(has(america, state("USA")));
}

TEST_CASE("recognize: 'the other Baltic countries' is a group marked other") {
  EntityRecognizer r(test_support::repo_gazetteer());
  auto s = r.analyze_sentence("Lithuania and the other Baltic countries signed it.");
  REQUIRE(s.mentions.size() == 2);
  CHECK(s.mentions[1].type == EntityType::group);
  CHECK(s.mentions[1].other);
  CHECK(s.mentions[1].members.size() == 3);
  auto plain = r.analyze_sentence("The Baltic states signed it.");
  REQUIRE(plain.mentions.size() == 1);
  CHECK_FALSE(plain.mentions[0].other);
}

TEST_CASE("recognize: anaphors resolve to the subject, glued references are excluded") {
  EntityRecognizer r(test_support::repo_gazetteer());
  auto it = r.analyze_sentence("It is a member of NATO.", state("LTU"));
  REQUIRE(it.mentions.size() == 2);
  CHECK(it.mentions[0].source == MentionSource::anaphor);
  CHECK(it.mentions[0].iri == state("LTU"));
  auto we = r.analyze_sentence("Today, we no longer depend on Russian gas.", state("LTU"));
  CHECK(has(we, state("LTU")));
  auto none = r.analyze_sentence("It is a member of NATO.");
  CHECK(none.mentions.size() == 1);
  auto glued = r.analyze_sentence(
      "a member of the OSCE,Lithuania's Leadership of the OSCE: Hearing, February 16, 2011 NATO and the EU.");
  CHECK(glued.excluded.size() == 1);
  CHECK_FALSE(has(glued, state("LTU")));
  CHECK(glued.dates.empty());
  CHECK(iris(glued).size() == 3);  // OSCE, NATO, EU
}

TEST_CASE("recognize: discovered names with head words and defined acronyms") {
  EntityRecognizer r(test_support::repo_gazetteer());
  Document doc = test_support::paragraphs(
      "The Baltic Test Forum (BTF) unites cities. Lithuania joined the BTF in 2010. "
      "Lithuania signed the Vilnius Test Accord. Membership in the Union has grown.");
  auto segmenter = SentenceSegmenter::create();
  REQUIRE(segmenter.ok());
  auto result = r.recognize(doc, segmenter->segment(doc));
  std::vector<std::string> labels;
  for (const Entity& e : result.discovered) labels.push_back(e.label);
  CHECK(labels == std::vector<std::string>{"Baltic Test Forum", "Vilnius Test Accord"});
  REQUIRE(result.sentences.size() == 4);
  CHECK(has(result.sentences[1], iri(ns::dgr, "organization/baltic-test-forum")));
  CHECK(result.discovered[1].type == EntityType::treaty);
}
