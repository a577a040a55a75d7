#pragma once
// Internal: token-level helpers the extractors share (cues, clauses, lists,
// subjects, dates attached to a mention, negation).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/extract.hpp"

namespace diplograph::detail {

class SentenceView {
 public:
  SentenceView(std::string_view text, const SentenceAnalysis& sentence);

  const SentenceAnalysis& sentence() const { return s_; }
  std::size_t size() const { return s_.tokens.size(); }
  std::string_view word(std::size_t i) const;
  /// ASCII-lowercased word.
  const std::string& lower(std::size_t i) const { return i < lower_.size() ? lower_[i] : past_end_; }
  bool is_punct(std::size_t i) const { return s_.tokens[i].kind == TokenKind::punct; }

  /// Index of the mention starting at token i, or -1 (also past the end).
  int mention_at(std::size_t i) const { return i < mention_start_.size() ? mention_start_[i] : -1; }
  /// Index of the mention covering token i, or -1.
  int mention_covering(std::size_t i) const { return i < mention_cover_.size() ? mention_cover_[i] : -1; }
  int date_covering(std::size_t i) const { return i < date_cover_.size() ? date_cover_[i] : -1; }
  bool excluded(std::size_t i) const { return excluded_[i]; }
  const Mention& mention(int m) const { return s_.mentions[static_cast<std::size_t>(m)]; }
  const DateMention& date(int d) const { return s_.dates[static_cast<std::size_t>(d)]; }

  /// Does the lowercase word sequence `cue` start at token i?
  bool cue_at(std::size_t i, const std::vector<std::string_view>& cue) const;
  /// All token positions where `cue` starts, not inside mentions or excluded text.
  std::vector<std::size_t> find_cue(const std::vector<std::string_view>& cue) const;
  /// The same for a cue from the relation-cue table (ontology/relation_cues.tsv).
  std::vector<std::size_t> find_cue_words(const std::vector<std::string>& cue) const;

  /// First token of the clause containing token i (after ';', "but", "which", …).
  std::size_t clause_start(std::size_t i) const;
  /// One past the last token of the clause that begins at or after token i.
  std::size_t clause_end(std::size_t i) const;

  /// Mentions forming a list that starts after token `from` ("the UN, the
  /// OSCE, NATO and its adjunct NACC, and the EU"), up to `limit`.
  std::vector<int> list_after(std::size_t from, std::size_t limit) const;
  /// Subject mentions in [from, to): states, groups, anaphors and
  /// organizations that are not objects of a preposition.
  std::vector<int> subjects_in(std::size_t from, std::size_t to) const;
  /// Does a negation or hypothetical cue occur in [from, to)?
  bool negated(std::size_t from, std::size_t to) const;

  /// A date right after mention m (within a few linking tokens), before `limit`.
  std::optional<DateValue> date_after(int m, std::size_t limit) const;
  /// "… the UN and the OAS in 1945 and 1948 respectively": one date per item,
  /// in order, when "respectively" follows as many dates as there are items
  /// (before `limit`); else empty.
  std::vector<DateValue> respective_dates(const std::vector<int>& items, std::size_t limit) const;
  /// A date that opens the sentence ("On 1 May 2004, …", "In 2010 …", "Since 2014, …").
  std::optional<DateValue> fronted_date() const;
  /// Last token index of mention m, plus one.
  std::size_t after(int m) const;

 private:
  std::string_view text_;
  const SentenceAnalysis& s_;
  std::vector<std::string> lower_;
  std::vector<int> mention_start_, mention_cover_, date_cover_;
  std::vector<bool> excluded_;
  std::vector<bool> in_parens_;  ///< inside "( … )"
  /// One bit per (first letter, length) of the sentence's words: a cue whose
  /// first word's bit is clear is not in the sentence.
  std::uint64_t word_keys_ = 0;
  static std::uint64_t word_key(std::string_view w) {
    return std::uint64_t{1} << ((static_cast<unsigned char>(w[0]) * 7u + static_cast<unsigned>(w.size())) & 63u);
  }
  inline static const std::string past_end_{};  // lower() past the last token

  template <typename Words>
  bool cue_at_impl(std::size_t i, const Words& cue) const;
  template <typename Words>
  std::vector<std::size_t> find_cue_impl(const Words& cue) const;
};

/// The state IRIs a mention stands for: itself, or a group's members (minus
/// the states named before it in the sentence, for "the other Baltic states";
/// minus `subject` when none were).
std::vector<std::string> expand_states(const SentenceView& view, int m,
                                       const std::optional<std::string>& subject);

/// Indexes of the sentence's mentions of one type, left to right.
std::vector<int> mentions_of_type(const SentenceAnalysis& sentence, EntityType type);

/// One view per sentence of a document, built when first asked for: the
/// extractors share them instead of each tokenizing the sentence again.
class SentenceViews {
 public:
  SentenceViews(std::string_view text, const std::vector<SentenceAnalysis>& sentences);
  /// The view of `s`: one of the document's sentences, or another analysis
  /// (kept here too, so the reference stays valid).
  const SentenceView& of(const SentenceAnalysis& s);

 private:
  std::string_view text_;
  const std::vector<SentenceAnalysis>& sentences_;
  std::vector<std::unique_ptr<SentenceView>> views_;
  std::vector<std::unique_ptr<SentenceView>> others_;
};

/// Can this kind of entity act in a clause: sign, fight, join? States,
/// groups of states, organizations, historical states, non-state actors.
inline bool acts(EntityType type) {
  return type == EntityType::state || type == EntityType::group || type == EntityType::organization ||
         type == EntityType::historical_state || type == EntityType::non_state_actor;
}

/// Only states, groups of states and organizations are members of organizations.
inline bool may_be_member(EntityType type) {
  return type == EntityType::state || type == EntityType::group || type == EntityType::organization;
}

/// The states (and, if asked, organizations) a name joins with a dash:
/// "Indo-Bhutan Friendship Treaty", "Iran–Iraq War", "U.S.–Afghanistan
/// Strategic Partnership Agreement"; each side the longest known name next to
/// the dash, or a demonym or combining form ("Anglo", "Indo"). Both sides
/// must name something, so "Franco-era" or "post-war" give nothing.
std::vector<std::string> joined_by_dash(const Gazetteer& gazetteer, std::string_view name, bool organizations);

/// The shared view of a sentence of the context's document.
const SentenceView& view_of(const ExtractionContext& ctx, const SentenceAnalysis& s);

/// A dg:date fact on a treaty or event.
void add_date_fact(std::vector<Fact>& facts, const std::string& entity, const DateValue& date,
                   Span evidence, const char* rule, double confidence);

/// Builds a fact for each subject/object pair, skipping self-relations.
void add_facts(std::vector<Fact>& facts, const std::vector<std::string>& subjects,
               const char* predicate, const std::string& object,
               const std::optional<DateValue>& date, Span evidence, const char* rule,
               double confidence);

}  // namespace diplograph::detail
