#pragma once
/// Extraction: recognized sentences and tables -> Facts, each with its
/// evidence span, the rule that produced it and that rule's confidence.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diplograph/dates.hpp"
#include "diplograph/document.hpp"
#include "diplograph/gazetteer.hpp"
#include "diplograph/recognize.hpp"

namespace diplograph {

namespace detail {
class SentenceViews;
}

/// Predicates, as local names in the dg: namespace.
namespace predicate {
inline constexpr const char* member_of = "memberOf";
inline constexpr const char* observer_of = "observerOf";
inline constexpr const char* diplomatic_relations_with = "diplomaticRelationsWith";
inline constexpr const char* party_to = "partyTo";
inline constexpr const char* participated_in = "participatedIn";
inline constexpr const char* date = "date";  ///< on a treaty or event: object is the date
/// "maintains diplomatic relations with 186 states": object is the number
inline constexpr const char* relations_count = "diplomaticRelationsCount";
}  // namespace predicate

struct Fact {
  std::string subject;    ///< IRI
  std::string predicate;  ///< dg: local name
  std::string object;     ///< IRI; empty for predicate::date and relations_count
  std::string value;      ///< the number for relations_count
  std::optional<DateValue> date;
  Span evidence;          ///< sentence or table row, byte offsets in Document::text
  std::string rule;       ///< e.g. "membership.member-of"
  double confidence = 1.0;
};

/// What every extractor sees for one document.
struct ExtractionContext {
  const Document& document;
  const RecognizedDocument& recognized;
  const Gazetteer& gazetteer;
  std::vector<std::string>& warnings;  ///< human-readable, with place
  /// Each sentence's token-level view (cues, clauses, lists), built once
  /// when an extractor first asks for it and shared by all of them.
  mutable std::shared_ptr<detail::SentenceViews> views = nullptr;
};

class RelationExtractor {
 public:
  virtual ~RelationExtractor() = default;
  virtual const char* name() const = 0;
  virtual void extract(const ExtractionContext& context, std::vector<Fact>& facts) const = 0;
};

/// "is a member of", "became one of the member states of", "joined",
/// "gained membership in", "accession to", member lists, observer lists.
class MembershipExtractor final : public RelationExtractor {
 public:
  const char* name() const override { return "membership"; }
  void extract(const ExtractionContext& context, std::vector<Fact>& facts) const override;
};

/// "established diplomatic relations with", and "Country | date | Notes" tables.
class DiplomaticRelationsExtractor final : public RelationExtractor {
 public:
  const char* name() const override { return "relations"; }
  void extract(const ExtractionContext& context, std::vector<Fact>& facts) const override;
};

/// "signed <Treaty> with …", "<Treaty> between A and B signed on DATE",
/// "party/signatory to <Treaty>"; dates treaties.
class TreatyExtractor final : public RelationExtractor {
 public:
  const char* name() const override { return "treaty"; }
  void extract(const ExtractionContext& context, std::vector<Fact>& facts) const override;
};

/// "people from A, B and C … <Event>", "A took part in <Event>"; dates events.
class ParticipationExtractor final : public RelationExtractor {
 public:
  const char* name() const override { return "participation"; }
  void extract(const ExtractionContext& context, std::vector<Fact>& facts) const override;
};

/// Profile-style lists: "International organization participation: AfDB
/// (nonregional member), BIS, LAS (observer)", "party to: Antarctic Treaty, …".
class OrganizationListExtractor final : public RelationExtractor {
 public:
  const char* name() const override { return "lists"; }
  void extract(const ExtractionContext& context, std::vector<Fact>& facts) const override;
};

/// A treaty text's title names its parties: "Agreement between A and B on …",
/// dated by the signature ("Done at …, on 20 November 2002").
class TreatyTitleExtractor final : public RelationExtractor {
 public:
  const char* name() const override { return "treaty-title"; }
  void extract(const ExtractionContext& context, std::vector<Fact>& facts) const override;
};

/// Memberships whose organization was named earlier in the sentence or the
/// paragraph: "The EU enlarged in 1995. Austria and Sweden were admitted …",
/// "CARICOM admitted Suriname in 1995".
class DiscourseMembershipExtractor final : public RelationExtractor {
 public:
  const char* name() const override { return "membership-discourse"; }
  void extract(const ExtractionContext& context, std::vector<Fact>& facts) const override;
};

/// An infobox's belligerents (the reader's "Conflict | Belligerent" table)
/// took part in its war.
class InfoboxExtractor final : public RelationExtractor {
 public:
  const char* name() const override { return "infobox"; }
  void extract(const ExtractionContext& context, std::vector<Fact>& facts) const override;
};

/// All extractors in a fixed order.
std::vector<std::unique_ptr<RelationExtractor>> default_extractors();

/// The clause view the frames read, as lines for `explain`: each clause of
/// the sentence that holds a relation cue, with its subjects, its cues
/// (frame and words) and whether it is negated or modal. Empty when the
/// sentence has no cue or no mention.
std::vector<std::string> describe_clauses(const ExtractionContext& context, std::size_t sentence);

/// Runs every extractor; facts come back sorted and without exact duplicates.
std::vector<Fact> extract_facts(const ExtractionContext& context,
                                const std::vector<std::unique_ptr<RelationExtractor>>& extractors);

}  // namespace diplograph
