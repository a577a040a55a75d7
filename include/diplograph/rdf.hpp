#pragma once
/// Small RDF vocabulary and a Serd-based parser that hands triples to a
/// callback as plain strings (used for gazetteers and for graph input).
#include <functional>
#include <string>
#include <string_view>

#include "diplograph/result.hpp"

namespace diplograph {

namespace ns {
inline constexpr std::string_view dg = "https://w3id.org/diplograph/ontology#";
inline constexpr std::string_view dgr = "https://w3id.org/diplograph/id/";
inline constexpr std::string_view rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr std::string_view rdfs = "http://www.w3.org/2000/01/rdf-schema#";
inline constexpr std::string_view owl = "http://www.w3.org/2002/07/owl#";
inline constexpr std::string_view xsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view skos = "http://www.w3.org/2004/02/skos/core#";
inline constexpr std::string_view prov = "http://www.w3.org/ns/prov#";
inline constexpr std::string_view nif =
    "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#";
inline constexpr std::string_view dbr = "http://dbpedia.org/resource/";
}  // namespace ns

/// Concatenates a namespace and a local name.
inline std::string iri(std::string_view ns_iri, std::string_view local) {
  std::string out(ns_iri);
  out += local;
  return out;
}

enum class TermKind { iri, blank, literal };

struct Term {
  TermKind kind = TermKind::iri;
  std::string value;     ///< IRI, blank node id or literal lexical form
  std::string datatype;  ///< literal datatype IRI (empty for plain/lang strings)
  std::string language;  ///< literal language tag
};

struct Triple {
  Term subject;
  Term predicate;
  Term object;
};

enum class RdfSyntax { turtle, ntriples };

/// Called once per triple; returning an error stops parsing.
using TripleSink = std::function<Outcome(const Triple&)>;

/// Parses a Turtle or N-Triples file. Syntax errors come back with file,
/// line and column. Prefixed names are expanded; relative IRIs are resolved
/// against the file's URI.
Outcome parse_rdf_file(const std::string& path, RdfSyntax syntax, const TripleSink& sink);
/// Parses an in-memory document; `name` is used in error messages.
Outcome parse_rdf_string(std::string_view name, std::string_view text, RdfSyntax syntax,
                         const TripleSink& sink);
/// Turtle unless the path ends in ".nt".
RdfSyntax syntax_for_path(std::string_view path);

}  // namespace diplograph
