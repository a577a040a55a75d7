// The sentence table (test/sentences/sentences.tsv): made-up items in the
// genre's style, each with the facts a careful annotator writes, or "-" for
// none. Each item is a small document (title, an optional section heading,
// the text) run through the whole pipeline; an item is right when the facts
// come out exactly (subject, predicate, object, and the date at the expected
// precision). The table was written by an annotator who never saw the
// program's output.
//
// What is asserted: every negative item gives nothing (precision), and the
// number of items that come out exactly right does not fall below the level
// reached (DIPLOGRAPH_SENTENCES_REPORT=1 prints every item that does not).
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "diplograph/extract.hpp"
#include "diplograph/pipeline.hpp"
#include "support.hpp"

using namespace diplograph;

namespace {

struct Item {
  std::string id, form, title, section, text, expected;
};

std::vector<Item> read_items() {
  std::ifstream in(DIPLOGRAPH_TEST_DIR "/sentences/sentences.tsv");
  REQUIRE(in);
  std::vector<Item> items;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> cols;
    std::stringstream s(line);
    std::string col;
    while (std::getline(s, col, '\t')) cols.push_back(col);
    REQUIRE_MESSAGE(cols.size() == 6, line);
    items.push_back({cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]});
  }
  return items;
}

Document document_of(const Item& item) {
  Document d;
  d.id = item.id;
  d.source = item.id + ".txt";
  d.format = "plain";
  d.title = item.title;
  auto add = [&](BlockKind kind, const std::string& text, std::vector<std::string> path) {
    if (!d.text.empty()) d.text += "\n\n";
    Block b;
    b.kind = kind;
    b.span = {d.text.size(), d.text.size() + text.size()};
    b.section_path = std::move(path);
    if (kind == BlockKind::heading) b.level = 2;
    d.text += text;
    d.blocks.push_back(b);
  };
  add(BlockKind::heading, item.title, {});
  if (!item.section.empty()) add(BlockKind::heading, item.section, {item.section});
  add(BlockKind::paragraph, item.text, item.section.empty() ? std::vector<std::string>{}
                                                             : std::vector<std::string>{item.section});
  return d;
}

// A described treaty compares by its head word: "described: border
// demarcation treaty" and a treaty labelled "border demarcation treaty" are
// both "described:treaty".
std::string described_key(const std::string& words) {
  std::stringstream s(words);
  std::string w, head;
  while (s >> w) {
    w = ascii_lower(w);  // a discovered name is capitalized: "Double Taxation Agreement"
    for (const char* h : {"treaty", "accord", "agreement", "pact", "convention", "protocol", "memorandum",
                          "deal", "ceasefire", "cease-fire", "armistice"})
      if (w == h && head.empty()) head = w;
  }
  return "described:" + head;
}

// "S|p|O|date" with names resolved to IRIs.
std::string key_of(const Gazetteer& g, const std::string& s, const std::string& p, const std::string& o) {
  auto iri_of = [&](const std::string& name) -> std::string {
    if (name.rfind("described:", 0) == 0) return described_key(name.substr(10));
    auto id = g.lookup(name);
    return id ? g.entities()[*id].iri : "?" + name;
  };
  std::string a = iri_of(s), b = iri_of(o);
  if (p == "diplomaticRelationsWith" && b < a) std::swap(a, b);
  return a + " " + p + " " + b;
}

}  // namespace

TEST_CASE("sentences: the table's items come out as the annotator wrote them") {
  const Gazetteer& g = test_support::repo_gazetteer();
  auto segmenter = SentenceSegmenter::create();
  REQUIRE(segmenter.ok());
  EntityRecognizer recognizer(g);
  const bool report = std::getenv("DIPLOGRAPH_SENTENCES_REPORT") != nullptr;
  std::size_t right = 0, negatives = 0, negatives_right = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> by_form;  // right, all
  std::vector<Item> items = read_items();
  CHECK(items.size() >= 150);
  for (const Item& item : items) {
    Document doc = document_of(item);
    RecognizedDocument recognized = recognizer.recognize(doc, segmenter->segment(doc));
    std::vector<std::string> warnings;
    ExtractionContext context{doc, recognized, g, warnings};
    // Facts as keys with their dates.
    std::map<std::string, std::string> described;  // treaty IRI -> its key
    for (const Entity& e : recognized.discovered)
      if (e.type == EntityType::treaty && !g.find_iri(e.iri)) described[e.iri] = described_key(e.label);
    std::map<std::string, std::set<std::string>> got;
    for (const Fact& f : extract_facts(context, default_extractors())) {
      if (f.object.empty()) continue;  // dates of treaties and events, counts
      std::string a = f.subject, b = f.object;
      if (auto d = described.find(b); d != described.end()) b = d->second;
      if (f.predicate == std::string(predicate::diplomatic_relations_with) && b < a) std::swap(a, b);
      got[a + " " + f.predicate + " " + b].insert(f.date ? f.date->timex() : std::string());
    }
    std::map<std::string, std::string> want;  // key -> date
    if (item.expected != "-") {
      std::stringstream s(item.expected);
      std::string fact;
      while (std::getline(s, fact, ';')) {
        std::vector<std::string> parts;
        std::stringstream fs(fact);
        std::string part;
        while (std::getline(fs, part, '|')) parts.push_back(std::string(collapse_spaces(part)));
        REQUIRE_MESSAGE(parts.size() >= 3, item.id);
        want[key_of(g, parts[0], parts[1], parts[2])] = parts.size() > 3 ? parts[3] : "";
      }
    }
    bool ok = got.size() == want.size();
    for (const auto& [key, date] : want) {
      auto it = got.find(key);
      if (it == got.end()) {
        ok = false;
        continue;
      }
      if (!date.empty() && std::none_of(it->second.begin(), it->second.end(),
                                        [&](const std::string& d) { return d.rfind(date, 0) == 0; }))
        ok = false;
    }
    auto& form = by_form[item.form];
    ++form.second;
    if (ok) {
      ++right;
      ++form.first;
    }
    if (item.expected == "-") {
      ++negatives;
      if (got.empty()) ++negatives_right;
      CHECK_MESSAGE(got.empty(), item.id, ": ", item.text);
    }
    if (!ok && report) {
      std::string g_text;
      for (const auto& [k, dates] : got) g_text += "\n      got  " + k + " @" + *dates.begin();
      std::string w_text;
      for (const auto& [k, d] : want) w_text += "\n      want " + k + " @" + d;
      MESSAGE(item.id << " [" << item.form << "] " << item.text << w_text << g_text);
    }
  }
  std::string forms;
  for (const auto& [form, counts] : by_form)
    forms += "\n  " + form + ": " + std::to_string(counts.first) + "/" + std::to_string(counts.second);
  MESSAGE("sentences exactly right: " << right << " of " << items.size() << "; negatives " << negatives_right
                                      << " of " << negatives << forms);
  // The level reached; raise it when the table's score rises.
  CHECK(right >= 284);
}
