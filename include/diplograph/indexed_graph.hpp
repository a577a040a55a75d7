#pragma once
/// The one RDF graph in memory: interned terms and three sorted indexes
/// (by subject, by object, by predicate). validate reads shapes, ontology and
/// data through it; query hands it to the SPARQL engine as its triples.
/// A graph can be saved as a compact binary index and loaded back without
/// parsing Turtle again.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diplograph/rdf.hpp"
#include "diplograph/result.hpp"

namespace diplograph {

using TermId = std::uint32_t;
inline constexpr TermId no_term = 0xFFFFFFFFu;

/// Interned RDF terms shared by the data, shapes and ontology graphs, so
/// the three can be compared by id. Literals are stored with their RDF 1.1
/// datatype: xsd:string for simple literals, rdf:langString with a language.
class TermTable {
 public:
  TermId intern(const Term& term);
  TermId find(const Term& term) const;  ///< no_term when absent
  TermId find_iri(std::string_view iri) const;
  TermId iri(std::string_view iri);  ///< interns an IRI
  const Term& term(TermId id) const { return terms_[id]; }
  std::size_t size() const { return terms_.size(); }
  void reserve(std::size_t n);

 private:
  static void key_into(const Term& term, std::string& key);
  std::vector<Term> terms_;
  std::unordered_map<std::string, TermId> ids_;
  std::string buffer_;
};

/// One triple as term ids.
struct TripleIds {
  TermId s = no_term, p = no_term, o = no_term;
};

/// The triples matching a pattern, read from the index that fits the bound
/// positions. Reads the graph's columns in place: valid while the graph is
/// alive and unchanged.
class TripleCursor {
 public:
  TripleCursor() = default;
  bool at_end() const { return i_ >= end_; }
  TripleIds current() const {
    return {s_col_ ? s_col_[i_] : s_, p_col_ ? p_col_[i_] : p_, o_col_ ? o_col_[i_] : o_};
  }
  void next() {
    ++i_;
    skip_filtered();
  }

 private:
  friend class IndexedGraph;
  void skip_filtered();
  const TermId* s_col_ = nullptr;  // a column, or null when the value is fixed
  const TermId* p_col_ = nullptr;
  const TermId* o_col_ = nullptr;
  TermId s_ = no_term, p_ = no_term, o_ = no_term;
  TermId want_o_ = no_term;  // subject+object patterns: the object to keep
  std::size_t i_ = 0, end_ = 0;
};

/// A set of triples with three sorted indexes (by subject, by object, by
/// predicate), stored as columns so every lookup is a contiguous span.
class IndexedGraph {
 public:
  /// `blank_prefix` keeps the blank nodes of graphs that share a TermTable apart.
  explicit IndexedGraph(std::shared_ptr<TermTable> terms, std::string blank_prefix = {})
      : terms_(std::move(terms)), blank_prefix_(std::move(blank_prefix)) {}

  Outcome add_file(const std::string& path);  ///< Turtle, or N-Triples for ".nt"
  Outcome add_string(std::string_view name, std::string_view text,
                     RdfSyntax syntax = RdfSyntax::turtle);
  void add(TermId s, TermId p, TermId o);
  /// Sorts, removes duplicate triples and builds the indexes; call after adding.
  void finish();

  std::size_t size() const { return spo_s_.size(); }
  TermTable& terms() { return *terms_; }
  const TermTable& terms() const { return *terms_; }

  std::span<const TermId> objects(TermId s, TermId p) const;
  std::span<const TermId> subjects(TermId p, TermId o) const;
  /// Predicates and objects of every triple with subject s (parallel spans).
  std::span<const TermId> predicates_of(TermId s) const;
  std::span<const TermId> objects_of(TermId s) const;
  /// Subjects and objects of every triple with predicate p (parallel spans).
  std::span<const TermId> subjects_with(TermId p) const;
  std::span<const TermId> objects_with(TermId p) const;
  /// Every distinct subject, in id order.
  const std::vector<TermId>& subjects() const { return distinct_subjects_; }
  const std::vector<TermId>& predicates() const { return distinct_predicates_; }

  /// The triples matching a pattern; no_term stands for "any".
  TripleCursor match(TermId s, TermId p, TermId o) const;
  bool contains(TermId s, TermId p, TermId o) const;

  /// Writes terms and indexes as a binary index file (see load_index).
  /// The graph must be finished and own its TermTable alone.
  Outcome save_index(const std::string& path) const;
  /// Reads a file written by save_index into a new graph with its own terms.
  /// Errors: not_found, bad_input for a file that is not an index (or is cut).
  static Result<std::shared_ptr<IndexedGraph>> load_index(const std::string& path);
  /// True if the file starts like an index written by save_index.
  static bool is_index_file(const std::string& path);

 private:
  TermId intern(const Term& term);
  std::shared_ptr<TermTable> terms_;
  std::string blank_prefix_;
  std::vector<TermId> add_s_, add_p_, add_o_;
  // spo order: subject offsets into p/o columns; ops order; pso order.
  std::vector<TermId> spo_s_, spo_p_, spo_o_;
  std::vector<std::uint32_t> s_offset_;
  std::vector<TermId> ops_p_, ops_s_;
  std::vector<std::uint32_t> o_offset_;
  std::vector<TermId> pso_s_, pso_o_;
  std::vector<std::uint32_t> p_offset_;
  std::vector<TermId> distinct_subjects_, distinct_predicates_;
};

}  // namespace diplograph
