#pragma once
/// Validation of a graph against SHACL shapes (a SHACL Core subset, read
/// from a Turtle file at run time) and against the rdfs:domain / rdfs:range
/// of the ontology's properties.
///
/// Supported SHACL: sh:NodeShape / sh:PropertyShape; targets sh:targetClass
/// (and implicit class targets), sh:targetNode, sh:targetSubjectsOf,
/// sh:targetObjectsOf; paths: IRI, sh:inversePath, sequence lists,
/// sh:alternativePath; constraints sh:class (rdfs:subClassOf from the data
/// and the ontology), sh:datatype (lexical forms checked), sh:nodeKind,
/// sh:minCount, sh:maxCount, sh:minInclusive, sh:maxInclusive,
/// sh:minExclusive, sh:maxExclusive, sh:minLength, sh:maxLength, sh:pattern
/// (ICU regex, sh:flags "i", "m", "s", "x"), sh:languageIn, sh:uniqueLang,
/// sh:in, sh:hasValue, sh:equals, sh:disjoint, sh:lessThan,
/// sh:lessThanOrEquals, sh:node, sh:not, sh:and, sh:or, sh:xone, sh:closed
/// with sh:ignoredProperties; sh:severity, sh:message, sh:deactivated.
/// Any other sh: term in a shapes file (SPARQL constraints, qualified value
/// shapes, sh:zeroOrMorePath, ...) makes loading fail with Status::unsupported.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diplograph/indexed_graph.hpp"
#include "diplograph/rdf.hpp"
#include "diplograph/result.hpp"

namespace diplograph {

enum class Severity { violation, warning, info };
const char* severity_name(Severity severity);  ///< "Violation", "Warning", "Info"

/// One result, with SHACL's result fields. For the ontology checks the
/// component is rdfs:domain or rdfs:range and the shape names the property.
struct ValidationResult {
  Severity severity = Severity::violation;
  Term focus;
  std::string path;       ///< the path as IRI, "^IRI" for an inverse path; empty for a node shape
  std::string shape;      ///< the shape's IRI, or "PARENT/PATH" for a blank property shape
  std::string component;  ///< constraint component IRI (sh:MinCountConstraintComponent, rdfs:range)
  std::optional<Term> value;
  std::string message;    ///< sh:message, or a generated one
};

struct ValidationReport {
  std::vector<ValidationResult> results;  ///< sorted by focus, path, component, shape, value
  std::size_t triples = 0;                ///< in the data graph
  std::size_t shapes = 0;                 ///< active shapes with targets
  std::size_t focus_nodes = 0;            ///< (shape, focus node) pairs checked
  std::size_t ontology_properties = 0;    ///< properties with a domain or range checked
  bool conforms() const { return results.empty(); }
  std::size_t count(Severity severity) const;
};

struct ValidateOptions {
  std::string shapes_file;    ///< required
  std::string ontology_file;  ///< empty: no domain/range check, no subclasses from it
  bool domain_range = true;   ///< the rdfs:domain / rdfs:range check family
};

/// Loads the shapes, the ontology and the graph, and validates. Errors are
/// file problems (with line/column) and unsupported SHACL features.
Result<ValidationReport> validate_file(const std::string& graph_file, const ValidateOptions& options);

/// The same on graphs already loaded (all three must share one TermTable);
/// `ontology` may be null.
Result<ValidationReport> validate_graphs(const IndexedGraph& data, const IndexedGraph& shapes,
                                         const IndexedGraph* ontology, bool domain_range,
                                         const std::string& shapes_name);

/// Short form of an IRI with the well-known prefixes (dg:, dgsh:, state:, ...),
/// else "<iri>"; literals in Turtle form.
std::string compact_term(const Term& term);
std::string compact_iri(std::string_view iri);
/// N-Triples form of a term.
std::string ntriples_term(const Term& term);

}  // namespace diplograph
