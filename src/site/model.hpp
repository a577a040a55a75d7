#pragma once
// The site's view of a graph: the IndexedGraph (read through its public API
// only) plus what the pages ask of it: entities, documents, statements,
// conflicts, labels and each entity's neighbours in the relation graph.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diplograph/result.hpp"
#include "diplograph/validate.hpp"

namespace diplograph::site {

/// Interned ids of every term the pages read (no_term when the graph lacks it).
struct Vocab {
  TermId rdf_type, rdf_statement, rdf_subject, rdf_predicate, rdf_object;
  TermId rdfs_label, skos_alt_label, owl_same_as;
  TermId dg_document, dg_conflict, dg_former_state, dg_mentioned_in, dg_date, dg_timex_value, dg_timex_modifier;
  TermId dg_evidence, dg_section, dg_rule, dg_confidence, dg_conflict_reason, dg_conflicting_statement;
  TermId dg_title, dg_format, dg_source_file, dg_page_id, dg_revision;
  TermId dg_alpha2, dg_alpha3, dg_alpha4, dg_numeric;
  TermId prov_derived_from, nif_begin, nif_end;
};

/// One piece of evidence (an rdf:Statement node).
struct StatementView {
  TermId id = no_term;
  TermId subject = no_term, predicate = no_term, object = no_term;
  TermId document = no_term;
  std::string date, timex_value, timex_modifier;
  std::string evidence, section, rule, confidence;
  long long begin = -1, end = -1;
};

using EntityIndex = std::uint32_t;
inline constexpr EntityIndex no_entity = 0xFFFFFFFFu;

class SiteModel {
 public:
  /// Loads the graph; an empty file or one with no entity and no document
  /// is an error (Status::empty_input).
  static Result<SiteModel> load_file(const std::string& path);
  static Result<SiteModel> load_string(std::string_view name, std::string_view turtle);

  const IndexedGraph& graph() const { return *graph_; }
  const Vocab& vocab() const { return vocab_; }
  const Term& term(TermId id) const { return graph_->terms().term(id); }
  /// The term's text (IRI, lexical form); "" for no_term.
  const std::string& iri(TermId id) const;

  /// Entities (typed with a dg: class other than Document and Conflict), sorted by IRI.
  const std::vector<TermId>& entities() const { return entities_; }
  const std::vector<TermId>& documents() const { return documents_; }  ///< sorted by IRI
  const std::vector<TermId>& conflicts() const { return conflicts_; }  ///< sorted by IRI
  std::size_t statement_count() const { return statement_count_; }

  EntityIndex entity_index(TermId id) const;  ///< no_entity when `id` is no entity
  bool is_entity(TermId id) const { return entity_index(id) != no_entity; }
  bool is_document(TermId id) const;
  /// The dg: class's local name ("State"); a former state is a "State".
  const std::string& type_of(EntityIndex e) const { return types_[type_of_[e]]; }
  /// Every type name, in the order they were first seen on sorted entities.
  const std::vector<std::string>& type_names() const { return types_; }
  std::size_t type_number(EntityIndex e) const { return type_of_[e]; }

  /// rdfs:label (English preferred), else dg:title, else the IRI's last segment.
  std::string label(TermId id) const;
  std::vector<std::string> aliases(TermId id) const;  ///< skos:altLabel, sorted
  /// Label and aliases, for highlighting and search.
  std::vector<std::string> names(TermId id) const;
  /// The first object of (s, p) as text, "" when none.
  std::string value(TermId s, TermId p) const;
  std::vector<TermId> objects_sorted(TermId s, TermId p) const;  ///< sorted by their text

  /// Statement nodes whose rdf:subject or rdf:object is `id`, sorted by IRI.
  std::vector<TermId> statements_about(TermId id) const;
  /// Statement nodes derived from a document, in text order (begin offset).
  std::vector<TermId> statements_from(TermId document) const;
  /// Conflicts whose rdf:subject or rdf:object is `id`, sorted by IRI.
  std::vector<TermId> conflicts_about(TermId id) const;
  StatementView statement(TermId id) const;
  bool is_statement(TermId id) const;

  /// Entities linked to entity `e` by a dg: property between entities
  /// (either direction, mentionedIn excluded), sorted, without `e`.
  const std::vector<EntityIndex>& neighbours(EntityIndex e) const { return neighbours_[e]; }

 private:
  SiteModel() = default;
  Outcome index();
  void find_vocab();
  void collect_nodes();
  void collect_neighbours();

  std::unique_ptr<IndexedGraph> graph_;
  Vocab vocab_{};
  std::vector<TermId> entities_, documents_, conflicts_;
  std::unordered_map<TermId, EntityIndex> entity_of_;
  std::vector<std::string> types_;
  std::vector<std::uint16_t> type_of_;
  std::vector<std::vector<EntityIndex>> neighbours_;
  std::size_t statement_count_ = 0;
};

/// A short readable name for a dg: property ("member of"); `inverse` for the
/// property read from its object's side ("members").
std::string property_label(std::string_view property_iri, bool inverse);

}  // namespace diplograph::site
