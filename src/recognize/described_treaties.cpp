// Treaties named by a description, not a name: "Mozambique signed a
// friendship accord with Tanzania in December 1975", "Ghana and Togo signed a
// border demarcation treaty in 1999", "… today signed an agreement on visa
// exemption for holders of diplomatic passports". After a verb of signing, a
// noun phrase in lowercase that ends in a treaty word (and its "on …"
// complement) is a dg:Treaty whose label is the description and whose IRI is
// derived from the description, the states the sentence names and the year,
// so that the same accord named twice in one text is one treaty and two
// different friendship accords are two.
#include "described_treaties.hpp"

#include <algorithm>
#include <set>

#include "diplograph/rdf.hpp"
#include "diplograph/reader.hpp"

namespace diplograph::detail {
namespace {

bool in(std::string_view w, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool treaty_head(std::string_view w) {
  // Singular only: "signed treaties with various German states" names none in particular.
  return in(w, {"treaty", "accord", "agreement", "pact", "convention", "protocol", "memorandum", "deal",
                "ceasefire", "cease-fire", "armistice"});
}

}  // namespace

std::vector<DescribedTreaty> find_described_treaties(std::string_view text, const SentenceAnalysis& s,
                                                     const RelationCues* cues) {
  std::vector<DescribedTreaty> out;
  // Most sentences name no treaty word at all: look for one before anything else.
  bool any_head = false;
  for (std::size_t k = 0; k < s.tokens.size(); ++k) {
    const Token& t = s.tokens[k];
    std::string_view w = text.substr(t.begin, t.end - t.begin);
    if (w.size() < 4 || w.size() > 10 || !t.has_lower) continue;
    char buffer[10];  // lowercase without allocating: this runs on every word
    for (std::size_t i = 0; i < w.size(); ++i)
      buffer[i] = static_cast<char>(w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]);
    const std::string_view lower(buffer, w.size());
    // "cease-fire" is three tokens: "fire" counts after "cease-".
    const bool cease_fire = lower == "fire" && k >= 2 &&
                            ascii_lower(text.substr(s.tokens[k - 2].begin, s.tokens[k - 2].end - s.tokens[k - 2].begin)) == "cease";
    if (treaty_head(lower) || cease_fire) {
      any_head = true;
      break;
    }
  }
  if (!any_head) return out;
  const auto& tokens = s.tokens;
  auto word = [&](std::size_t i) { return ascii_lower(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin)); };
  auto in_name = [&](std::size_t i) {
    for (const Mention& m : s.mentions)
      if (m.begin <= tokens[i].begin && tokens[i].end <= m.end) return true;
    return false;
  };
  auto covered = [&](std::size_t i) {
    if (in_name(i)) return true;
    for (const DateMention& d : s.dates)
      if (d.begin <= tokens[i].begin && tokens[i].end <= d.end) return true;
    return false;
  };
  bool after_verb = false;  // a coordinated second description: "… in 1994 and a bilateral investment treaty"
  // "party to", "bound by": a cue of several words ending at token c.
  auto multiword_cue_ends_at = [&](std::size_t c) {
    if (!cues) return false;
    for (const RelationCue& cue : cues->frame("treaty")) {
      const std::size_t n = cue.words.size();
      if (n < 2 || c + 1 < n) continue;
      std::size_t k = 0;
      while (k < n && word(c + 1 - n + k) == cue.words[k]) ++k;
      if (k == n) return true;
    }
    return false;
  };
  for (std::size_t c = 0; c < tokens.size(); ++c) {
    if (!after_verb &&
        !in(word(c), {"signed", "sign", "signs", "concluded", "concludes", "ratified", "forged", "reached"}) &&
        !multiword_cue_ends_at(c))
      continue;
    after_verb = false;
    std::size_t k = c + 1;
    if (k < tokens.size() && in(word(k), {"a", "an", "the"})) ++k;
    if (k < tokens.size() && tokens[k].kind == TokenKind::number) continue;  // "three agreements"
    // Lowercase modifiers up to a treaty word ("comprehensive bilateral agreement").
    std::size_t start = k, head = 0;
    for (; k < tokens.size() && k < start + 8; ++k) {
      if (covered(k) || tokens[k].has_upper || tokens[k].kind == TokenKind::punct) {
        if (tokens[k].kind == TokenKind::punct && text.substr(tokens[k].begin, 1) == "-") continue;
        break;
      }
      // "cease-fire" is three tokens.
      const std::string w = word(k);
      if (treaty_head(w) || (w == "fire" && k >= start + 2 && word(k - 2) == "cease")) {
        head = k;
        break;
      }
    }
    if (!head) continue;
    // The complement: "on visa exemption for holders of diplomatic passports",
    // "to build a rail tunnel", up to a name, a date, a comma or "with".
    std::size_t end = head + 1;
    if (end < tokens.size() && in(word(end), {"on", "of", "for", "to", "concerning", "regarding"})) {
      std::size_t j = end + 1;
      while (j < tokens.size() && j < end + 12 && !covered(j) && tokens[j].kind == TokenKind::word &&
             !tokens[j].has_upper && !in(word(j), {"with", "between", "in", "at", "by", "which", "that"}))
        ++j;
      // No dangling function words: "accession treaty to the [European Union]".
      while (j > end + 1 && in(word(j - 1), {"to", "the", "of", "on", "for", "a", "an", "and", "its", "their", "up"})) --j;
      if (j > end + 1) end = j;
    }
    std::string label = collapse_spaces(text.substr(tokens[start].begin, tokens[end - 1].end - tokens[start].begin));
    // The IRI: description, the states the sentence names, the year.
    std::set<std::string> states;
    for (const Mention& m : s.mentions)
      if (m.type == EntityType::state) states.insert(m.iri.substr(m.iri.rfind('/') + 1));
      else if (m.type == EntityType::group)
        for (const auto& member : m.members) states.insert(member.substr(member.rfind('/') + 1));
    std::string key = label;
    for (const auto& st : states) {
      key += ' ';
      key += st;
    }
    for (const DateMention& d : s.dates)
      if (d.value.year > 0) {
        key += ' ';
        key += std::to_string(d.value.year);
        break;
      }
    DescribedTreaty t;
    t.first_token = start;
    t.token_count = end - start;
    t.label = label;
    t.iri = iri(ns::dgr, "treaty/" + slugify(key));
    out.push_back(std::move(t));
    // "… in 1994 and a bilateral investment treaty in 1997": the same verb's next object.
    std::size_t j = end;
    while (j < tokens.size() && !in_name(j) && (covered(j) || in(word(j), {"in", "on", ",", "at"}))) ++j;
    if (j < tokens.size() && word(j) == "and") {
      c = j - 1;  // the next pass stands on "and", as on a verb: its object follows
      after_verb = true;
      continue;
    }
    c = end;
  }
  return out;
}

}  // namespace diplograph::detail
