#pragma once
// Internal to recognize: the names a document defines itself, found before
// any sentence is read: capitalized phrases whose head word says what they
// name ("Baltic Development Forum", "Battle of Trenton", "New Zealand–China
// Free Trade Agreement"), and link targets that are such names.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "names.hpp"

namespace diplograph::detail {

struct Candidate {
  std::string label;
  EntityType type;
  std::vector<std::string> alt_labels = {};
};

/// Does any of `spans` overlap [begin, end)?
inline bool inside(const std::vector<Span>& spans, std::size_t begin, std::size_t end) {
  for (const Span& s : spans)
    if (begin < s.end && end > s.begin) return true;
  return false;
}

/// fold_word() of every token.
std::vector<std::string> fold_tokens(std::string_view text, const std::vector<Token>& tokens);

/// The name a link points to: its target without a section ("#…"), a
/// disambiguator ("Battle of Quebec (1775)") or a trailing year.
std::string_view link_name(std::string_view target);

/// Capitalized phrases of one sentence whose head word names a kind;
/// known names are passed over, and no phrase crosses a link's edge.
void discover_phrases(std::string_view text, const std::vector<Token>& tokens,
                      const std::vector<std::string>& folded, const std::vector<Span>& excluded,
                      const Overlay& names, const std::vector<std::size_t>& link_edges,
                      const TokenMemo& memo, std::vector<Candidate>& out);

/// Link targets that are names by their head words.
void discover_link_targets(const Document& document, const Overlay& names, std::map<std::string, Candidate>& found);

/// The belligerents of an infobox (the reader's "Conflict | Belligerent"
/// table) that no known name covers: historical states and non-state actors.
void discover_belligerents(const Document& document, const Overlay& names, std::map<std::string, Candidate>& found);

}  // namespace diplograph::detail
