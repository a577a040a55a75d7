// What a page's structure says beyond its sentences (see structure.hpp).
#include "structure.hpp"

#include <algorithm>
#include <regex>

#include "described_treaties.hpp"

namespace diplograph::detail {

// A block near the top that is a treaty's title ("Agreement between the
// Kingdom of the Netherlands and Bosnia and Herzegovina on international
// road transport") names a treaty: its label is the title, white space
// collapsed. The parties are read by the extractor (treaty_title.cpp).
void add_treaty_titles(const Document& document, Overlay& names) {
  static const std::regex title(
      R"(^(the )?(agreement|treaty|convention|protocol|memorandum of understanding|exchange of (notes|letters)|accord|arrangement)\b[^.;:]{0,60}? between [^.;:]{3,250}$)",
      std::regex::icase | std::regex::optimize);
  std::size_t seen = 0;
  for (const Block& block : document.blocks) {
    if (++seen > 15) break;
    if (block.kind != BlockKind::heading && block.kind != BlockKind::paragraph) continue;
    if (block.span.end - block.span.begin > 600) continue;  // a title is short
    std::string_view head = document.slice(block.span);
    head.remove_prefix(std::min(head.find_first_not_of("#*_=> \n"), head.size()));
    std::string opening = ascii_lower(head.substr(0, 14));
    if (!opening.starts_with("the ") && !opening.starts_with("agreement") && !opening.starts_with("treaty") &&
        !opening.starts_with("convention") && !opening.starts_with("protocol") &&
        !opening.starts_with("memorandum") && !opening.starts_with("exchange of") &&
        !opening.starts_with("accord") && !opening.starts_with("arrangement"))
      continue;
    std::string label = collapse_spaces(document.slice(block.span));
    // Markup a reader left in place ("####Agreement …" is not a Markdown heading).
    label.erase(0, std::min(label.find_first_not_of("#*_=> "), label.size()));
    if (label.size() > 320 || !std::regex_match(label, title)) continue;
    Entity e;
    e.type = EntityType::treaty;
    e.label = label;
    e.iri = entity_iri(EntityType::treaty, label);
    names.local.add(e);
  }
}



// Treaties named by a description become entities of the document and
// mentions of their sentence.
void add_described_treaties(std::string_view text, SentenceAnalysis& s, Overlay& names) {
  std::vector<detail::DescribedTreaty> found = detail::find_described_treaties(text, s, &names.global.cues());
  if (found.empty()) return;
  for (detail::DescribedTreaty& t : found) {
    Entity e;
    e.type = EntityType::treaty;
    e.label = t.label;
    e.iri = t.iri;
    names.local.add(e);
    Mention m;
    m.first_token = t.first_token;
    m.token_count = t.token_count;
    m.begin = s.tokens[t.first_token].begin;
    m.end = s.tokens[t.first_token + t.token_count - 1].end;
    m.iri = t.iri;
    m.type = EntityType::treaty;
    m.source = MentionSource::pattern;
    s.mentions.push_back(std::move(m));
  }
  std::sort(s.mentions.begin(), s.mentions.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
}

// "MEXICO–TANZANIA RELATIONS refers to …", "Chad–Taiwan relations are …":
// the words before "relations" when the first block opens with two names
// joined by a dash and that word; empty otherwise.
std::string bilateral_lead(const Document& document) {
  if (document.blocks.empty()) return {};
  std::string_view first = document.slice(document.blocks.front().span).substr(0, 120);
  std::string lowered = ascii_lower(first);
  std::size_t at = lowered.find(" relations");
  if (at == std::string::npos || at == 0) return {};
  std::string_view pair = first.substr(0, at);
  bool dash = pair.find('-') != std::string_view::npos || pair.find("\xE2\x80\x93") != std::string_view::npos;
  if (!dash || pair.find('.') != std::string_view::npos) return {};
  return std::string(pair);
}

}  // namespace diplograph::detail
