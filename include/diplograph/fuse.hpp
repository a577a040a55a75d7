#pragma once
/// Fusion: per-document facts -> one graph. The same fact from several
/// documents becomes one truthy triple with a statement node per piece of
/// evidence; dates that disagree between documents are kept and reported as
/// conflicts.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "diplograph/dates.hpp"
#include "diplograph/document.hpp"
#include "diplograph/extract.hpp"
#include "diplograph/gazetteer.hpp"
#include "diplograph/recognize.hpp"
#include "diplograph/result.hpp"

namespace diplograph {

struct DocumentRecord {
  std::string iri;  ///< dgr:document/<slug of id>
  std::string id, title, source, format, revision_id, page_id;
};

/// One piece of evidence for one truthy triple, self-contained (no pointers
/// into the document), so documents can be dropped once processed.
struct Statement {
  std::string subject;
  std::string predicate;  ///< dg: local name
  std::string object;     ///< IRI; empty when predicate is "date" or a count
  std::string value;      ///< a stated number (diplomaticRelationsCount)
  std::optional<DateValue> date;
  std::string document;   ///< document IRI
  std::string evidence;   ///< the sentence or table row
  std::string section;    ///< section path, " > "-joined
  std::size_t begin = 0;  ///< code point offsets in the document text
  std::size_t end = 0;
  std::string rule;
  double confidence = 1.0;

  /// dgr:statement/<16 hex digits of hash()>.
  std::string iri() const;
  /// FNV-1a 64 of everything above but evidence, section and confidence.
  std::uint64_t hash() const;
};

/// Everything one document contributes.
struct DocumentFacts {
  DocumentRecord document;
  std::vector<Statement> statements;
  std::vector<Entity> discovered;       ///< pattern entities
  std::vector<std::string> mentioned;   ///< entity IRIs
  std::vector<std::string> warnings;
};

/// Turns a document's facts into statements (evidence text, code point offsets).
DocumentFacts make_document_facts(const Document& document, const RecognizedDocument& recognized,
                                  const std::vector<Fact>& facts,
                                  std::vector<std::string> warnings);

/// Two documents disagree on the date of the same fact.
struct Conflict {
  std::string subject, predicate, object;
  std::vector<std::string> statements;  ///< statement IRIs, sorted
  std::string reason;
  std::string iri() const;  ///< dgr:conflict/<hash>
};

struct EntityRecord {
  Entity entity;
  std::vector<std::string> mentioned_in;  ///< document IRIs, sorted
};

struct FusedGraph {
  std::vector<DocumentRecord> documents;   ///< sorted by IRI
  std::vector<EntityRecord> entities;      ///< sorted by IRI
  std::vector<Statement> statements;       ///< sorted by IRI, unique
  std::vector<Conflict> conflicts;         ///< sorted by IRI
  /// Truthy date of each dated treaty/event: the most precise of the
  /// compatible values; disagreeing values are all kept.
  std::map<std::string, std::vector<DateValue>> entity_dates;
};

class FactFuser {
 public:
  explicit FactFuser(const Gazetteer& gazetteer) : gazetteer_(gazetteer) {}
  /// Order of calls does not matter: finish() sorts everything.
  void add(DocumentFacts facts);
  /// cross_document false: no conflicts and no truthy dates (a streaming
  /// build fuses each document alone and finds those at the end, across all).
  FusedGraph finish(bool cross_document = true);

 private:
  const Gazetteer& gazetteer_;
  std::vector<DocumentFacts> parts_;
};

/// The parts of a graph that need every document: conflicts and the truthy
/// dates of treaties and events.
struct CrossDocumentParts {
  std::vector<Conflict> conflicts;                              ///< sorted by IRI
  std::map<std::string, std::vector<DateValue>> entity_dates;  ///< FusedGraph::entity_dates
};

/// The dated and counted statements of a whole run, reduced to what the
/// cross-document step reads (fact, document, date or number, statement
/// hash): 24 bytes each plus every distinct string once, so a streaming
/// build of a fact-dense dump keeps millions of them in bounded memory.
/// The end-of-run step of every build (FactFuser::finish, the streaming
/// build) and of `merge`.
class ClaimSet {
 public:
  /// Keeps `s` if it is dated or counted; other statements are ignored.
  void add(const Statement& s) {
    if (s.date || !s.value.empty()) add(s, s.hash());
  }
  /// The same, with s.hash() computed already (by a worker thread).
  void add(const Statement& s, std::uint64_t statement_hash);
  std::size_t size() const { return claims_.size(); }
  /// Drops duplicate statements (same IRI), then finds the conflicts and the
  /// truthy dates: the dates into `entity_dates`, then each conflict in IRI
  /// order to `on_conflict`, one at a time (a dump's conflicts can list
  /// millions of statements). Stops at the first error `on_conflict`
  /// returns. The result does not depend on the order of add() calls.
  Outcome finish(std::map<std::string, std::vector<DateValue>>& entity_dates,
                 const std::function<Outcome(const Conflict&)>& on_conflict);
  /// The same, everything collected.
  CrossDocumentParts finish();

 private:
  static constexpr std::uint32_t none = 0xffffffffu;
  struct Claim {
    std::uint64_t statement;  ///< the hash in the statement's IRI
    std::uint32_t fact;       ///< index in facts_
    std::uint32_t document;   ///< dense id of the document IRI
    std::uint32_t date;       ///< index in dates_, or none
    std::uint32_t count;      ///< index in counts_, or none
  };
  /// (subject, predicate, object) as indices in strings_.
  using FactKey = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>;
  std::uint32_t intern(std::string_view text);
  /// A deque: no reallocation spike (a vector of millions doubles).
  std::deque<Claim> claims_;
  std::vector<FactKey> facts_;
  std::map<FactKey, std::uint32_t> fact_ids_;
  std::vector<std::string_view> strings_;  ///< keys of string_ids_: IRIs, predicates, numbers
  std::map<std::string, std::uint32_t, std::less<>> string_ids_;
  std::unordered_map<std::uint64_t, std::uint32_t> document_ids_;  ///< by stable_hash of the IRI
  std::vector<DateValue> dates_;
  std::map<std::tuple<int, int, int, int, int, int>, std::uint32_t> date_ids_;
};

/// FNV-1a 64: stable across platforms and runs (node names, shards).
std::uint64_t stable_hash(std::string_view data);

/// True when `a` and `b` can describe the same day (one is a prefix of the other).
bool dates_compatible(const DateValue& a, const DateValue& b);

}  // namespace diplograph
