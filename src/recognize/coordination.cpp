// Coordination inside names (see coordination.hpp).
#include "coordination.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace diplograph::detail {
namespace {

// The singular of a plural head ("Wars" -> "War", "Treaties" -> "Treaty",
// "Crises" -> "Crisis"); empty when the word is no plural.
std::string singular(std::string_view w) {
  if (w.size() < 4 || !std::isupper(static_cast<unsigned char>(w[0]))) return {};
  if (w.ends_with("ies")) return std::string(w.substr(0, w.size() - 3)) + "y";
  if (w.ends_with("ses") && w.size() > 5) return std::string(w.substr(0, w.size() - 2)) + "is";  // Crises
  if (w.ends_with("s") && !w.ends_with("ss")) return std::string(w.substr(0, w.size() - 1));
  return {};
}

// The entity a whole phrase names, if any.
const Entity* whole_name(const Overlay& names, const std::string& phrase) {
  std::vector<Token> tokens = tokenize(phrase);
  auto hit = tokens.empty() ? std::nullopt : names.match(phrase, tokens, 0);
  if (!hit || hit->second != tokens.size() || hit->first->type == EntityType::region) return nullptr;
  return hit->first;
}

}  // namespace

// One head shared by coordinated modifiers: "the First and Second World
// Wars", "the Korean and Vietnam Wars", "the First and Second Balkan Wars"
// name two known events. Each modifier becomes a mention of its own name,
// the last one spanning the shared words.
void add_shared_heads(const Overlay& names, std::string_view doc_text, SentenceAnalysis& s) {
  const std::size_t n = s.tokens.size();
  for (std::size_t i = 0; i + 3 < n; ++i) {
    const Token& a = s.tokens[i];
    const Token& b = s.tokens[i + 2];
    // Cheap tests first: this looks at every word of the text.
    if (!a.capitalized || !b.capitalized || s.tokens[i + 1].end - s.tokens[i + 1].begin != 3 ||
        piece(doc_text, s.tokens[i + 1]) != "and")
      continue;
    // The shared words: capitalized, ending in a plural head, at most three.
    for (std::size_t last = i + 3; last < n && last <= i + 5; ++last) {
      if (!s.tokens[last].capitalized) break;
      std::string head = singular(piece(doc_text, s.tokens[last]));
      if (head.empty()) continue;
      std::string shared;
      for (std::size_t k = i + 3; k < last; ++k) {
        shared += ' ';
        shared += piece(doc_text, s.tokens[k]);
      }
      shared += ' ';
      shared += head;
      const Entity* first = whole_name(names, std::string(piece(doc_text, a)) + shared);
      const Entity* second = whole_name(names, std::string(piece(doc_text, b)) + shared);
      if (!first || !second || first == second || first->type != second->type) break;
      // Names inside the phrase give way ("Vietnam" in "the Korean and
      // Vietnam Wars"); one reaching out of it keeps its place.
      const std::size_t from_byte = s.tokens[i].begin, to_byte = s.tokens[last].end;
      bool crossing = std::any_of(s.mentions.begin(), s.mentions.end(), [&](const Mention& m) {
        return m.begin < to_byte && m.end > from_byte && (m.begin < from_byte || m.end > to_byte);
      });
      if (crossing) break;
      std::erase_if(s.mentions, [&](const Mention& m) { return m.begin >= from_byte && m.end <= to_byte; });
      for (auto [entity, from, to] : {std::tuple{first, i, i}, std::tuple{second, i + 2, last}}) {
        Mention m;
        m.first_token = from;
        m.token_count = to - from + 1;
        m.begin = s.tokens[from].begin;
        m.end = s.tokens[to].end;
        m.iri = entity->iri;
        m.type = entity->type;
        m.source = MentionSource::gazetteer;
        s.mentions.push_back(std::move(m));
      }
      std::sort(s.mentions.begin(), s.mentions.end(),
                [](const Mention& x, const Mention& y) { return x.begin < y.begin; });
      break;
    }
  }
}

}  // namespace diplograph::detail
