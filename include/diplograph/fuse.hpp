#pragma once
/// Fusion: per-document facts -> one graph. The same fact from several
/// documents becomes one truthy triple with a statement node per piece of
/// evidence; dates that disagree between documents are kept and reported as
/// conflicts.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diplograph/dates.hpp"
#include "diplograph/document.hpp"
#include "diplograph/extract.hpp"
#include "diplograph/gazetteer.hpp"
#include "diplograph/recognize.hpp"

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

  /// dgr:statement/<16 hex digits>, a hash of everything above.
  std::string iri() const;
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
  FusedGraph finish();

 private:
  const Gazetteer& gazetteer_;
  std::vector<DocumentFacts> parts_;
};

/// Conflicts among statements sorted by IRI (FactFuser::finish uses it; the
/// streaming build calls it on the dated and counted statements it kept).
/// Only subject, predicate, object, value, date and document are read, plus
/// iri(), so evidence and section may be cleared.
std::vector<Conflict> find_conflicts(const std::vector<Statement>& statements);
/// The truthy dates of treaties and events (FusedGraph::entity_dates).
std::map<std::string, std::vector<DateValue>> truthy_dates(const std::vector<Statement>& statements);

/// The parts of a graph that need every document: conflicts and the truthy
/// dates of treaties and events.
struct CrossDocumentParts {
  std::vector<Conflict> conflicts;                              ///< sorted by IRI
  std::map<std::string, std::vector<DateValue>> entity_dates;  ///< FusedGraph::entity_dates
};
/// The end-of-run step of every build (FactFuser::finish, the streaming
/// build) and of `merge`: sorts the statements by IRI, drops duplicates, then
/// runs find_conflicts and truthy_dates. Only the dated and counted
/// statements matter; the others may be left out.
CrossDocumentParts cross_document_parts(std::vector<Statement> statements);

/// FNV-1a 64: stable across platforms and runs (node names, shards).
std::uint64_t stable_hash(std::string_view data);

/// True when `a` and `b` can describe the same day (one is a prefix of the other).
bool dates_compatible(const DateValue& a, const DateValue& b);

}  // namespace diplograph
