#pragma once
/// Embedded SPARQL 1.1: runs SELECT, ASK and CONSTRUCT queries over a Turtle
/// or N-Triples file with Rasqal (the engine Redland uses), no server.
#include <string>
#include <utility>
#include <vector>

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

/// Runs `query_text` (SPARQL 1.1) over the RDF file `graph_path` (Turtle, or
/// N-Triples for `.nt`). `query_name` names the query in errors (a file name
/// or "-e"). Errors: not_found (no graph file), bad_input with file, line and
/// column for malformed Turtle or SPARQL, empty_input for an empty query.
Result<QueryResult> run_query(const std::string& graph_path, const std::string& query_text,
                              const std::string& query_name = "query");

/// Output syntaxes of a result.
enum class ResultFormat { table, tsv, csv, json, turtle, ntriples };

/// "table", "tsv", "csv", "json", "turtle", "ntriples"; bad_argument otherwise.
Result<ResultFormat> parse_result_format(const std::string& name);

/// Writes a result: SELECT as an aligned table (IRIs shortened with the
/// query's prefixes), SPARQL 1.1 TSV, CSV or JSON results; ASK as true/false
/// (or JSON); CONSTRUCT as N-Triples or Turtle (table/tsv/csv mean Turtle).
Result<std::string> format_result(const QueryResult& result, ResultFormat format);

}  // namespace diplograph
