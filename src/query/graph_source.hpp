#pragma once
// Rasqal reads its triples from an IndexedGraph through this source
// (Rasqal's triples-source factory API) instead of parsing the file into a
// list of its own. Internal to src/query/.
#include <rasqal.h>

#include <atomic>
#include <unordered_map>
#include <vector>

#include "diplograph/indexed_graph.hpp"

namespace diplograph::query_detail {

struct PatternMatch;

/// The triples source of one query run. Not shared between threads.
///
/// Literals: the graph's terms as Rasqal literals, made on first use and
/// kept until the run ends, so binding a variable only adds a reference,
/// and a literal handed back maps to its id by address.
///
/// Live bindings: which pattern matches currently bind each variable, and
/// to what. Rasqal 0.9.33 evaluates the right side of a join or OPTIONAL
/// with every row of the left side, and resets the variables the right
/// side shares with the left when it ends; a pattern of the left side read
/// after that would see the variable unbound (wrong rows: an OPTIONAL after
/// a pattern with two answers mixes up subjects; roqet shows it too). The
/// source takes a shared variable's value from the innermost live match
/// that bound it instead. With `correlate`, the right side of an OPTIONAL
/// or join also reads only the rows that agree with the left side's current
/// values (an index lookup per left row instead of a scan); the rows Rasqal
/// keeps after its compatibility check are the same.
class GraphSource {
 public:
  GraphSource(rasqal_world* world, const IndexedGraph& graph);
  ~GraphSource();
  GraphSource(const GraphSource&) = delete;
  GraphSource& operator=(const GraphSource&) = delete;

  /// Makes this the triples source of every query run in the world; false
  /// if Rasqal refuses. The source must outlive the queries.
  bool install();
  /// Correlated evaluation (see above); only for queries whose patterns are
  /// groups, OPTIONAL, UNION, FILTER, BIND and VALUES (see correlation_is_safe).
  void set_correlate(bool correlate) { correlate_ = correlate; }
  bool correlate() const { return correlate_; }
  /// When `*cancel` becomes true, every pattern reads as ended, so the run
  /// winds down at its next read of the graph.
  void set_cancel(const std::atomic<bool>* cancel) { cancel_ = cancel; }
  bool cancelled() const { return cancel_ && cancel_->load(std::memory_order_relaxed); }

  const IndexedGraph& graph() const { return graph_; }
  /// The literal for a term (borrowed: add a reference to keep it).
  rasqal_literal* literal(TermId id);
  /// The id of the graph term equal to `l` (same RDF term), or no_term.
  TermId id_of(const rasqal_literal* l) const;

  void push_binder(rasqal_variable* var, PatternMatch* match);
  void pop_binder(rasqal_variable* var, PatternMatch* match);
  /// The value the innermost live match bound `var` to; no_term if none.
  TermId live_value(rasqal_variable* var) const;

 private:
  rasqal_literal* make_literal(const Term& term) const;
  rasqal_world* world_;
  const IndexedGraph& graph_;
  bool correlate_ = false;
  const std::atomic<bool>* cancel_ = nullptr;
  std::vector<rasqal_literal*> literals_;
  std::unordered_map<const rasqal_literal*, TermId> ids_;
  std::unordered_map<rasqal_variable*, std::vector<PatternMatch*>> binders_;
};

/// True if the query's patterns are only groups, OPTIONAL, UNION, FILTER,
/// BIND and VALUES, where a right side evaluated per left row may be
/// narrowed to the left row's values. Sub-queries (own variable scope),
/// MINUS, GRAPH and SERVICE are left to Rasqal's own evaluation.
bool correlation_is_safe(rasqal_query* query);

}  // namespace diplograph::query_detail
