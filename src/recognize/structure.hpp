#pragma once
// Internal to recognize: what a page's structure says beyond its sentences:
// the other state of a bilateral passage, a treaty text's title, treaties
// named by a description, dates said relative to another.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diplograph/document.hpp"
#include "diplograph/recognize.hpp"
#include "names.hpp"

namespace diplograph::detail {

/// "MEXICO–TANZANIA RELATIONS refers to …": the words before "relations"
/// when the first block opens with two names joined by a dash; else empty.
std::string bilateral_lead(const Document& document);

// The other state of a bilateral passage, per section path (see
// SentenceAnalysis::counterpart).
class SectionCounterparts {
 public:
  /// `lead` names the pair when the title does not ("Mexico–Tanzania
  /// relations" opening the first paragraph of a page titled by its file).
  SectionCounterparts(const Overlay& names, const Document& document, const std::optional<std::string>& subject,
                      std::string_view lead = {})
      : names_(names), document_(document), subject_(subject) {
    if (subject_) title_state_ = sole_other_state(document.title, 8);
    if (subject_ && title_state_.empty() && !lead.empty()) title_state_ = sole_other_state(lead, 8);
    // A long title about relations names the pair too: "A Guide to the
    // United States' History of … Relations, by Country, since 1776: Russia".
    if (subject_ && title_state_.empty() && document.title.find("elations") != std::string::npos)
      title_state_ = sole_other_state(document.title, 40);
  }

  std::string of(const Block& block) {
    if (!subject_) return none_;
    // A table row: the state its first naming cell names ("{{flag|Peru}} | 1826 | Both countries …").
    if (block.kind == BlockKind::table_row) {
      if (&block == last_row_) return last_row_state_;
      last_row_ = &block;
      last_row_state_.clear();
      for (const Span& cell : block.cells) {
        last_row_state_ = sole_other_state(document_.slice(cell), 8);
        if (!last_row_state_.empty()) return last_row_state_;
      }
    }
    // Consecutive blocks mostly share their section: compare with the last one first.
    if (last_path_ && (last_path_ == &block.section_path || *last_path_ == block.section_path))
      return *last_answer_;
    auto [it, inserted] = cache_.try_emplace(block.section_path);
    last_path_ = &block.section_path;
    last_answer_ = &it->second;
    if (!inserted) return it->second;
    for (auto h = block.section_path.rbegin(); h != block.section_path.rend(); ++h) {
      std::string state = sole_other_state(*h, 6);
      if (!state.empty()) return it->second = state;
    }
    return it->second = title_state_;
  }

 private:
  // The one state other than the subject that a short name names.
  std::string sole_other_state(std::string_view name, std::size_t max_tokens) const {
    std::vector<Token> tokens = tokenize(name);
    if (tokens.empty() || tokens.size() > max_tokens) return {};
    std::string found;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      auto m = names_.match(name, tokens, i);
      if (!m) continue;
      i += m->second - 1;
      if (m->first->type != EntityType::state || m->first->iri == *subject_) continue;
      if (!found.empty() && found != m->first->iri) return {};
      found = m->first->iri;
    }
    return found;
  }

  const Overlay& names_;
  const Document& document_;
  const std::optional<std::string>& subject_;
  std::string title_state_, none_;
  const std::vector<std::string>* last_path_ = nullptr;
  const std::string* last_answer_ = nullptr;  // std::map nodes stay put
  const Block* last_row_ = nullptr;  // a row's sentences come one after another
  std::string last_row_state_;
  std::map<std::vector<std::string>, std::string> cache_;
};

/// Treaty titles near the top of the document ("Agreement between A and B on
/// …") become treaties of the document.
void add_treaty_titles(const Document& document, Overlay& names);

/// Treaties named by a description become entities of the document and
/// mentions of their sentence.
void add_described_treaties(std::string_view text, SentenceAnalysis& s, Overlay& names);

/// Resolves "that year", "the following year", "1 January of that year", …
/// against the last date before them in the sentence, else `earlier`.
void resolve_relative_dates(std::string_view doc_text, SentenceAnalysis& s, const std::optional<DateValue>& earlier);

}  // namespace diplograph::detail
