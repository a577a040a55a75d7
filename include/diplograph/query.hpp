#pragma once
/// Embedded SPARQL 1.1: runs SELECT, ASK and CONSTRUCT queries over a Turtle
/// or N-Triples file, or a binary index of one, with Rasqal (the engine
/// Redland uses) reading its triples from the one IndexedGraph, no server.
#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "diplograph/indexed_graph.hpp"
#include "diplograph/result.hpp"

namespace diplograph {

/// One RDF term of a result. `unbound` stands for a variable with no value.
struct QueryTerm {
  enum class Kind { unbound, iri, blank, literal };
  Kind kind = Kind::unbound;
  std::string value;     ///< IRI, blank node label or lexical form
  std::string datatype;  ///< literal datatype IRI; empty for plain/language strings
  std::string language;  ///< literal language tag; empty if none

  /// N-Triples/Turtle form: <iri>, _:b, "lex"@en, "lex"^^<dt>; empty if unbound.
  std::string to_ntriples() const;
  friend bool operator==(const QueryTerm&, const QueryTerm&) = default;
};

struct QueryTriple {
  QueryTerm subject, predicate, object;
};

/// What a query answered: variable bindings (SELECT), a boolean (ASK) or a
/// graph (CONSTRUCT/DESCRIBE).
struct QueryResult {
  enum class Kind { bindings, boolean, graph };
  Kind kind = Kind::bindings;
  std::vector<std::string> variables;         ///< without '?', in projection order
  std::vector<std::vector<QueryTerm>> rows;   ///< one term per variable
  bool boolean = false;
  std::vector<QueryTriple> triples;
  /// PREFIX declarations of the query (prefix, namespace IRI), for display.
  std::vector<std::pair<std::string, std::string>> prefixes;
};

/// Bounds on one run (for `serve`). A run past them ends early with an error.
struct RunLimits {
  /// Most rows (SELECT) or triples (CONSTRUCT) a result may have; 0 = no limit.
  /// Past it: limit_exceeded, and reading stops at max_rows + 1.
  std::size_t max_rows = 0;
  /// When another thread sets this, the run stops at its next read of the
  /// graph (Rasqal itself cannot be interrupted, but every pattern match
  /// reads through our triples source) and returns `cancelled`.
  const std::atomic<bool>* cancel = nullptr;
};

/// A graph loaded once and queried many times (for `serve`, or many queries
/// in one run). run() may be called from several threads at once, but runs
/// are serialized inside (Rasqal and Raptor keep process-wide state that is
/// not thread-safe); the graph itself is read-only and shared.
class QueryEngine {
 public:
  /// Loads a Turtle file (N-Triples for `.nt`) or an index file written by
  /// save_index / `diplograph index` (told apart by its first bytes).
  /// Errors: not_found, bad_input with file, line and column.
  static Result<QueryEngine> load(const std::string& graph_path);
  /// Queries a graph already loaded and finished; `name` names it in errors.
  explicit QueryEngine(std::shared_ptr<const IndexedGraph> graph, std::string name = "graph");

  /// Runs `query_text` (SPARQL 1.1); `query_name` names the query in errors
  /// (a file name or "-e"). Errors: empty_input for an empty query,
  /// bad_input with file and line for malformed SPARQL, unsupported for
  /// SPARQL Update, limit_exceeded and cancelled for the limits.
  Result<QueryResult> run(const std::string& query_text, const std::string& query_name = "query",
                          const RunLimits& limits = {}) const;

  const IndexedGraph& graph() const { return *graph_; }

 private:
  std::shared_ptr<const IndexedGraph> graph_;
  std::string name_;
};

/// Loads a graph file as QueryEngine::load does: Turtle, N-Triples or index.
Result<std::shared_ptr<IndexedGraph>> load_graph_file(const std::string& path);

/// Runs `query_text` (SPARQL 1.1) over the RDF file `graph_path` (Turtle, or
/// N-Triples for `.nt`, or an index file). `query_name` names the query in
/// errors (a file name or "-e"). Errors: not_found (no graph file), bad_input
/// with file, line and column for malformed Turtle or SPARQL, empty_input for
/// an empty query. For many queries on one graph, use QueryEngine.
Result<QueryResult> run_query(const std::string& graph_path, const std::string& query_text,
                              const std::string& query_name = "query");

/// Output syntaxes of a result.
enum class ResultFormat { table, tsv, csv, json, xml, turtle, ntriples };

/// "table", "tsv", "csv", "json", "xml", "turtle", "ntriples"; bad_argument otherwise.
Result<ResultFormat> parse_result_format(const std::string& name);

/// Writes a result: SELECT as an aligned table (IRIs shortened with the
/// query's prefixes), SPARQL 1.1 TSV, CSV, JSON or XML results; ASK as
/// true/false (or JSON, XML); CONSTRUCT as N-Triples or Turtle (table/tsv/csv
/// mean Turtle).
Result<std::string> format_result(const QueryResult& result, ResultFormat format);

}  // namespace diplograph
